"""Fixtures of the browser tests: a watched page per test, in the session's Chromium (tests/conftest.py).

watched    a Watched page in a new context (a desktop window): what it requested, what went wrong;
           a test fails afterwards if the page had a script error or a CSP violation
page       watched.page
inspecting a logged-in watched page that may use the clipboard (the inspector's copy buttons)
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from harness.browser import WIDE
from harness.login import log_in_page


class Watched:
    """A page with what it did on the network and what went wrong in it."""

    def __init__(self, page):
        self.page = page
        self.problems = []          # script errors and CSP violations: there must be none
        self.orders = []            # the JSONP order requests the page made, as parsed query strings
        self.reviews = []           # the same for its confirm (review) requests
        self.urls = []
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("console", self._console)
        page.on("request", self._request)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def _request(self, request):
        if "/jsonp/orders/send" in request.url:
            self.urls.append(request.url)
            self.orders.append({key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()})
        if "/jsonp/orders/confirm" in request.url:
            self.reviews.append({key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()})


@pytest.fixture
def watched(chromium):
    context = chromium.new_context(viewport=WIDE)
    page = context.new_page()
    page.set_default_timeout(20_000)
    watched = Watched(page)
    yield watched
    context.close()
    assert watched.problems == []


@pytest.fixture
def page(watched):
    return watched.page


@pytest.fixture
def inspecting(watched, bridge):
    """A logged-in page that may use the clipboard, as a person's browser lets a page it trusts."""
    watched.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=bridge.url)
    log_in_page(watched.page, bridge.url)
    return watched
