# Quick start: `make run` serves the app on the embedded simulator; `make test` runs every test.
# Both install what they need first: Python packages into .venv, and Chromium (Debian's) for the browser tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test screenshots soak bench
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

run: install
	$(PY) app.py

test: install /usr/bin/chromium
	$(PY) -m pytest

# The README's pictures, taken by the browser tests.
screenshots: install /usr/bin/chromium
	TSBRIDGE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_ticket_browser.py

soak: install
	$(PY) -m bench.soak

bench: install /usr/bin/chromium
	$(PY) -m bench
