"""Lines of a real OCR text layer, for the layout and OCR tests.

Copied from what `pdf_reader` reads on the benchmark's scan of A/RES/81/19 (`make bench`:
rendered at 200 dpi, noised, OCR by ocrmypdf/tesseract): left edge, baseline and size of each
line as the OCR layer gives them, and its words as OCR read them ("Property,!" is "Property,"
with the raised 1 misread).  Spans are one a word, as in OCR layers.
"""

from __future__ import annotations

from cleaners.model import Line, Page, Span

#: Page 1: masthead, body, footnote zone (no separator in the layer), footer.
PAGE_ONE = [
    (126.2, 67.6, 18.1, "United Nations AYRES/81/19"),
    (126.5, 97.8, 17.7, "Genera l Assemb ly Distr.: General"),
    (395.2, 102.1, 8.3, "2 December 2026"),
    (64.7, 227.8, 8.3, "Eighty-first session"),
    (64.4, 240.3, 7.9, "Agenda item 66"),
    (65.1, 253.1, 9.4, "Return or restitution of cultural property to"),
    (64.8, 263.9, 8.7, "the countries of origin"),
    (128.4, 286.9, 13.8, "Resolution adopted by the General Assembly"),
    (128.4, 301.9, 12.0, "on 28 November 2026"),
    (128.1, 322.5, 10.1, "[without reference to a Main Committee (A/81/L.14)]"),
    (
        78.0,
        357.6,
        14.8,
        "81/19. Return or restitution of cultural property to the countries of origin",
    ),
    (152.6, 374.6, 9.4, "The General Assembly,"),
    (152.2, 394.3, 11.6, "Recalling its relevant resolutions,: including resolution 78/117 of 7"),
    (129.5, 406.5, 9.1, "December 2023,"),
    (152.9, 426.7, 11.6, "Recalling also the Convention on the Means of Prohibiting and"),
    (129.9, 440.2, 11.9, "Preventing the Illicit Import, Export and Transfer of Ownership of"),
    (
        129.9,
        453.0,
        11.6,
        "Cultural Property,! the Convention for the Protection of Cultural Property",
    ),
    (129.9, 466.3, 11.6, "in the Event of Armed Conflict? and its two Protocols,*"),
    (153.6, 485.0, 11.6, "Recalling further the Convention for the Safeguarding of the"),
    (130.2, 498.6, 11.9, "Intangible Cultural Heritage* and the Convention on the Protection and"),
    (130.2, 512.0, 11.9, "Promotion of the Diversity of Cultural Expressions,°"),
    (154.4, 530.4, 11.6, "Taking note of the report of the Secretary-General transmitting the"),
    (130.6, 545.1, 13.4, "report of the Director-General of the United Nations Educational,"),
    (131.0, 557.1, 11.2, "Scientific and Cultural Organization®,"),
    (155.1, 576.9, 11.6, "Welcoming the efforts of Member States, international and non-"),
    (131.0, 589.6, 10.5, "governmental organizations in this regard,"),
    (155.8, 609.2, 11.6, "1..Calls upon all relevant bodies, agencies, funds and programmes of"),
    (131.3, 622.5, 11.9, "the. United Nations system and: other. relevant intergovernmental"),
    (
        131.3,
        635.3,
        11.6,
        "organizations to work in coordination, within their existing mandates, to",
    ),
    (124.5, 662.3, 9.0, "1 United Nations, Treaty Series, vol. 823, No. 11806."),
    (124.2, 673.2, 8.0, "2 Thid., vol. 249, No. 3511."),
    (124.2, 684.6, 8.3, "3 Thid., vol. 2253, No. 3511."),
    (124.2, 695.7, 8.3, "4 Thid., vol. 2368, No. 42671."),
    (124.5, 706.9, 8.3, "5 Ibid., vol. 2440, No. 43977."),
    (115.8, 719.0, 9.1, "> © A/81/218."),
    (69.8, 751.9, 8.3, "26-21106 (E).. 021226"),
    (70.5, 766.3, 8.3, "*2621106*"),
]

#: Page 2: running header, the end of the body, the closing lines, and the footer OCR ran
#: together on one line.
PAGE_TWO = [
    (302.8, 44.2, 7.2, "Return or restitution of cultural property to the countries"),
    (63.4, 56.3, 9.0, "A/RES/81/19 of origin"),
    (128.5, 96.3, 15.5, "address the issue of the return or restitution of cultural property;"),
    (152.6, 113.6, 9.4, "2: Invites .Member States to. consider becoming parties to. the"),
    (
        128.5,
        127.5,
        10.1,
        "Convention on the Means of Prohibiting and Preventing the Illicit Import,",
    ),
    (128.9, 140.4, 9.7, "Export and Transfer of Ownership of Cultural Property, if they have not"),
    (128.5, 153.4, 8.6, "already done so;"),
    (393.5, 217.5, 8.6, "36th plenary meeting"),
    (400.0, 236.6, 9.0, "28 November 2026"),
    (67.3, 761.3, 8.7, "2/2 26-21106"),
]


def ocr_line(page: int, x0: float, bottom: float, size: float, text: str) -> Line:
    spans = []
    x = x0
    for index, word in enumerate(text.split(" ")):
        width = 0.5 * size * len(word)
        spans.append(
            Span(word, "GlyphLessFont", size, x, x + width, bottom - size, bottom, index > 0)
        )
        x += width + 0.3 * size
    return Line(page, tuple(spans), x0, x - 0.3 * size, bottom - size, bottom, size)


def ocr_page(number: int, rows: list[tuple[float, float, float, str]]) -> Page:
    lines = tuple(ocr_line(number, *row) for row in rows)
    return Page(number, 612.0, 792.0, lines, scanned=True)


def ocr_pages() -> list[Page]:
    return [ocr_page(1, PAGE_ONE), ocr_page(2, PAGE_TWO)]
