from cleaners.lexicon import Lexicon
from cleaners.model import Edit, marker_token
from cleaners.spacing import join_split_words, split_glued_words
from tests.conftest import CORPUS_OTHER, cleaned

LEXICON = Lexicon()


def _join(text: str) -> tuple[str, list[Edit]]:
    edits: list[Edit] = []
    return join_split_words(text, 2, LEXICON, edits), edits


def test_fragments_that_are_not_words_are_joined_as_edits():
    text, edits = _join(f"child prostitutio n and child pornography{marker_token(7)} and")
    assert text == f"child prostitution and child pornography{marker_token(7)} and"
    assert edits == [
        Edit(
            "spacing",
            2,
            "prostitutio n",
            "prostitution",
            "join-split-word",
            0.9,
            left="child ",
            right=f" and child pornography{marker_token(7)} and",
        )
    ]
    assert _join("the United Nations Conven tion, against")[0] == (
        "the United Nations Convention, against"
    )


def test_words_numbers_symbols_and_hyphens_are_left_alone():
    for text in (
        "in to the re a part of",
        "resolution 64/293 of 30 July",
        "A/RES/78/228 and No. 182), of the",
        "a human rights-based, gender- and age-sensitive approach",
        "the Sixty-ninth session",
    ):
        assert _join(text) == (text, [])


def test_the_seeds_are_repaired(dump_78_228, dump_70_179):
    first = " ".join(p.text for p in dump_78_228.paragraphs)
    second = " ".join(p.text for p in dump_70_179.paragraphs)
    assert "child prostitution and" in first and "prostitutio n" not in first
    assert "United Nations Convention against" in second and "Conven tion" not in second
    assert "trafficking in persons and strengthening" in second and "perso ns" not in second
    for kept in ("rights-based", "gender- and age-sensitive"):
        assert kept in first and kept in second


def test_scanned_pdf_is_recognised_as_an_ocr_layer():
    document = cleaned(CORPUS_OTHER / "A_L.632-1971-scanned.pdf")
    assert document.metadata["text_layer"] == "ocr"
    assert "spacing" in document.stages


def test_glued_words_are_split_only_with_strong_evidence():
    edits: list[Edit] = []
    text = (
        "in theUnited Nations, sexualand reproductive health, overfished stocks, Faustin, WeProtect"
    )
    assert split_glued_words(text, 1, Lexicon(), edits) == (
        "in the United Nations, sexual and reproductive health, overfished stocks, Faustin, "
        "WeProtect"
    )
    assert [(e.before, e.after, e.rule) for e in edits] == [
        ("theUnited", "the United", "split-glued-word"),
        ("sexualand", "sexual and", "split-glued-word"),
    ]


def test_lexicon_knows_member_states_un_bodies_and_the_corpus_words():
    lexicon = Lexicon()
    for word in ("Kyrgyzstan", "Eswatini", "Türkiye", "UNCITRAL", "peacebuilding", "Ababa"):
        assert lexicon.is_word(word), word
    for word in ("Torremolinos", "agroecology", "revictimization"):  # printed in the real PDFs
        assert lexicon.is_word(word), word
    assert not lexicon.is_word("prostitutio")
