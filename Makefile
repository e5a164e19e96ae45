# Two entry points for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Browser tests drive Debian's Chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: site docs site-properdocs site-zensical serve test lint bench clean browser media

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The documentation (docs/mkdocs.yml over docs/pages/), beside the handbooks: run after `make site`, which empties site/.
docs: $(STAMP)
	$(BIN)/mkdocs build --strict -f docs/mkdocs.yml

# The same site built by ProperDocs, the maintained fork of MkDocs 1.x, with this plugin unchanged.
site-properdocs: $(STAMP)
	$(BIN)/properdocs build --strict -f mkdocs.yml --site-dir site-properdocs

# The stitched site exported as a plain docs tree, built by Zensical: site-zensical/site/.
# A second export updates the first in place (only changed files are written), so Zensical's cache holds.
site-zensical: $(STAMP)
	$(BIN)/cohandbook export site-zensical
	cd site-zensical && ../$(BIN)/zensical build

serve: $(STAMP)
	$(BIN)/mkdocs serve

test: $(STAMP) browser media
	$(BIN)/python -m pytest

# Chromium and a CJK font, from Debian, when missing: the browser tests and `cohandbook pdf` need both.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

# ffmpeg, from Debian, when missing: phone videos (.mov) become MP4, and the media tests make a tiny .mov.
# Under CI=true those tests fail rather than skip without it.
media:
	@if ! command -v ffmpeg >/dev/null 2>&1; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends ffmpeg; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/build_compare.py $(BENCH_ARGS)

clean:
	rm -rf site site-properdocs site-zensical $(VENV)
