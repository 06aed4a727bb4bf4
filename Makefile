# ibidem: `make run` processes raw/ into clean/; `make test` runs the test suite.
# Both create .venv and install the project first; nothing else needs installing by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test test-fast lint format corpus-report varied-report corpus-words bench bench-full bench-deps \
        test-deps \
        ocr-deps regenerate-golden clean-outputs distclean

# Debian packages: tesseract and Ghostscript, which ocrmypdf drives to OCR image-only PDFs (`run`
# and the tests); fonts the benchmark typesets with (tests too), Chromium for the browser test
# of the QA pages; pdftotext for the bench.
OCR_APT   := tesseract-ocr tesseract-ocr-eng ghostscript
TEST_APT  := $(OCR_APT) fonts-dejavu-core chromium
BENCH_APT := $(TEST_APT) poppler-utils
DEJAVU    := /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf

# apt_install PACKAGES: install with apt-get when we can, else say exactly what is missing.
define apt_install
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages: $(1)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	else \
	  echo "missing Debian packages; run as root: apt-get install $(1)"; exit 1; \
	fi
endef

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "ibidem needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." \
	         "Run: make PYTHON=python3.11 ..."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || \
	  { echo "Python's venv module is missing: apt-get install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install ocr-deps
	$(BIN)/ibidem run --raw raw --out clean

test: install lint test-deps
	$(BIN)/pytest

test-deps:
	@if ! [ -f $(DEJAVU) ] || ! command -v chromium >/dev/null || ! command -v tesseract >/dev/null \
	    || ! command -v gs >/dev/null; then \
	  $(MAKE) --no-print-directory _apt PACKAGES="$(TEST_APT)"; fi

ocr-deps:
	@command -v tesseract >/dev/null && command -v gs >/dev/null || \
	  $(MAKE) --no-print-directory _apt PACKAGES="$(OCR_APT)"

bench-deps:
	@if ! [ -f $(DEJAVU) ] || ! command -v tesseract >/dev/null || ! command -v gs >/dev/null \
	    || ! command -v pdftotext >/dev/null; then \
	  $(MAKE) --no-print-directory _apt PACKAGES="$(BENCH_APT)"; fi

_apt:
	$(call apt_install,$(PACKAGES))

# Accuracy against generated truth, real-corpus checks, baselines and a short speed run, within
# 20 minutes: updates its tables in docs/benchmarks.md. What it makes once (OCR, pages read,
# dumps) is cached by content in ~/.cache/ibidem/bench (IBIDEM_BENCH_CACHE moves it).
bench: install bench-deps
	$(BIN)/python -m bench.run --write docs/benchmarks.md

# The long speed and scale runs: every real PDF timed, 1 against 2 workers, the varied batch.
bench-full: install bench-deps
	$(BIN)/python -m bench.run --full --write docs/benchmarks.md

# The library's tests only: no Prefect server, no browser, not the whole varied corpus.
test-fast: install
	$(BIN)/pytest -m "not flow and not browser and not corpus"

lint: install
	$(BIN)/ruff check cleaners flows tests bench
	$(BIN)/ruff format --check cleaners flows tests bench

format: install
	$(BIN)/ruff format cleaners flows tests bench
	$(BIN)/ruff check --fix cleaners flows tests bench

# Footnotes found and markers linked on every real UN PDF in ../shared/corpus/un/.
corpus-report: install
	$(BIN)/python bench/corpus_report.py ../shared/corpus/un/*.pdf ../shared/seeds/*.txt

# Notes found and linked, furniture left, on the varied corpus (other series, eras, tribunals).
varied-report: install
	$(BIN)/python -m bench.varied

# The lexicon's corpus words (cleaners/data/un_corpus_words.txt) change only on purpose too.
corpus-words: install
	$(BIN)/python bench/corpus_words.py ../shared/corpus/un/*.pdf
	git diff --stat cleaners/data/un_corpus_words.txt

# Golden files change only on purpose: regenerate, then review the diff before committing.
regenerate-golden: install
	IBIDEM_REGENERATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py
	git diff --stat tests/golden

clean-outputs:
	find clean -mindepth 1 ! -name .gitkeep -delete

distclean: clean-outputs
	rm -rf $(VENV) .prefect .pytest_cache .ruff_cache *.egg-info
