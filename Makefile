# Quick start: `make run` serves the app on the embedded simulator; `make test` runs ruff, then every test.
# Both install what they need first: Python packages into .venv, axe-core into node_modules (package-lock.json;
# the browser tests' accessibility checks), and Debian's Chromium (the browser tests),
# Node.js (the page's module tests), PostgreSQL (the tests on PostgreSQL start a cluster of their own) and
# nginx (the production tests).
PYTHON ?= python3
# The suite starts many Python processes (xdist workers, gunicorn, app.py, simulators): with bytecode
# caching off in the caller's environment each compiled every module of ours from source, and pytest rewrote
# every test module (and hypothesis, a plugin's package) again in each worker: ~4 s of CPU a worker to collect.
unexport PYTHONDONTWRITEBYTECODE
VENV ?= .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test screenshots soak bench system-packages
install: $(VENV)/.installed .pypi-client/.installed node_modules/.package-lock.json

# uv (Astral's installer, pinned in requirements-uv.txt; pip puts it in the virtualenv) installs the pinned
# packages: the same versions pip would. On the 2-core machine with no cache, venv and both installs take 14 s
# instead of 34: pip spends ~15 s of CPU resolving and unpacking, uv under 1. --compile-bytecode writes the .pyc
# as pip does (~6.5 s of CPU): without them every process of the suite would compile what it imports, and again
# each time where PYTHONDONTWRITEBYTECODE is set. uv reads none of pip's settings (an index, a certificate): where
# it cannot reach PyPI by itself, pip installs the same pins instead. pip stays for adding one package by hand.
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check
# $(call INSTALL,arguments): uv install ... arguments, else pip with the same arguments.
INSTALL = $(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) $(1) || $(PIP_INSTALL) $(1)

$(VENV)/.installed: requirements.txt requirements-uv.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-uv.txt
	$(call INSTALL,-r requirements.txt)
	touch $@

# A client of others' that shares our package's name lives in its own folder (requirements-pypi-client.txt).
.pypi-client/.installed: requirements-pypi-client.txt $(VENV)/.installed
	rm -rf .pypi-client
	$(call INSTALL,--target .pypi-client -r requirements-pypi-client.txt)
	touch $@

# npm ci installs exactly package-lock.json and writes node_modules/.package-lock.json; touch dates it after the lock.
node_modules/.package-lock.json: package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund
	touch $@

/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# PostgreSQL's server programs live under /usr/lib/postgresql/<version>/bin: no fixed path to make a target of.
system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	if [ -n "$$missing" ]; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

run: $(VENV)/.installed
	$(PY) app.py

# ruff first: a finding fails the target before any test runs (its settings are in pyproject.toml);
# then the page's modules (Node's own test runner, seconds), then everything else. Much of the suite waits
# (on servers, Chromium, PostgreSQL): more workers than cores pays. TEST_WORKERS=0 runs it in one process.
# --dist load with --maxschedchunk 2 hands each worker two tests at a time as it frees up, in tests/conftest.py's
# order (the long areas first, the waiting ones among the busy): xdist's default first hands each worker a
# quarter of its share in one block, so one worker got all of production and half the browser tests and ran
# 100 s past the others.
TEST_WORKERS ?= 4
test: install system-packages
	$(VENV)/bin/ruff check .
	node --test tests/page/*.test.mjs
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load --maxschedchunk 2

# The README's pictures, taken by the browser tests.
screenshots: install /usr/bin/chromium
	TSBRIDGE_SCREENSHOTS=1 $(PY) -m pytest tests/browser/test_ticket_page_browser.py \
		tests/browser/test_ticket_orders_browser.py tests/browser/test_ticket_review_browser.py \
		tests/browser/test_ticket_market_browser.py tests/browser/test_ticket_working_orders_browser.py \
		tests/browser/test_inspector_browser.py tests/browser/test_demo_controls_browser.py

soak: install
	$(PY) -m bench.soak

bench: install system-packages
	$(PY) -m bench
