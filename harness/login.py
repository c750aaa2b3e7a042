"""Logging in as a person does: TradeStation's sign-in form filled by its visible labels, over HTTP or in Chromium."""

from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

from tradestation.sim_contract import DEMO_USER


class LoginForm(HTMLParser):
    """The first form of a page: its action, its fields, and which field each visible label names."""

    def __init__(self, html):
        super().__init__()
        self.action, self.method, self.fields, self.buttons = None, None, {}, []
        self._ids, self._labels, self._label_for, self._in_button = {}, {}, None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None:
            self.action, self.method = attrs.get("action", ""), attrs.get("method", "get").lower()
        elif tag == "input" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""
            if attrs.get("id"):
                self._ids[attrs["id"]] = attrs["name"]
        elif tag == "label":
            self._label_for = attrs.get("for")
        elif tag == "button":
            self._in_button = True

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None
        elif tag == "button":
            self._in_button = False

    def handle_data(self, data):
        if self._label_for and data.strip():
            self._labels[data.strip()] = self._label_for
        if self._in_button and data.strip():
            self.buttons.append(data.strip())

    def field_for(self, label):
        return self._ids[self._labels[label]]


def submit_form(http, page, by_label, **options):
    """Fill a page's first form by its visible labels and post it, as a browser would."""
    form = LoginForm(page.text)
    data = dict(form.fields)
    for label, value in by_label.items():
        data[form.field_for(label)] = value
    return http.post(urljoin(page.url, form.action), data=data, **options)


def sign_in(http, page, user=DEMO_USER.name, password=DEMO_USER.secret, **options):
    """Post TradeStation's sign-in page (the simulator's), filled in as a person would; the response."""
    form = LoginForm(page.text)
    assert form.method == "post" and form.buttons == ["Sign in"], (form.method, form.buttons)
    return submit_form(http, page, {"User name": user, "Password": password}, **options)


def log_in(bridge_url, user=DEMO_USER.name, password=DEMO_USER.secret):
    """Log in to the bridge through the upstream's login page; return the browser-like session."""
    http = requests.Session()
    page = http.get(f"{bridge_url}/login")
    landed = sign_in(http, page, user, password)
    assert landed.status_code == 200 and landed.url.rstrip("/") == bridge_url, (landed.status_code, landed.url)
    return http


def log_in_page(page, bridge_url, user=DEMO_USER.name, password=DEMO_USER.secret):
    """Log in to the bridge in a Playwright page: the sign-in form posted over HTTP (log_in), its session
    cookie handed to the page's browser context, the ticket opened; done once the ticket is armed. The same
    login as through the page, without Chromium rendering TradeStation's form for every test (the form in
    the browser is log_in_page_through_form's, kept by tests/browser/test_login_browser.py)."""
    http = log_in(bridge_url, user, password)
    page.context.add_cookies([_browser_cookie(cookie, bridge_url) for cookie in http.cookies])
    page.goto(bridge_url + "/")
    _until_armed(page)


def log_in_page_through_form(page, bridge_url, user=DEMO_USER.name, password=DEMO_USER.secret):
    """Log in to the bridge in a Playwright page, through the page: the login link, the sign-in form's
    labels, its button; done once the ticket is armed (it has an OrderConfirmId)."""
    page.goto(bridge_url + "/")
    page.get_by_role("link", name="Log in with TradeStation").click()
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    _until_armed(page)


def _until_armed(page):
    # Imported here: logging in over HTTP needs no browser, and Playwright is a large import.
    from playwright.sync_api import expect
    expect(page.get_by_role("heading", name="Order ticket")).to_be_visible()
    expect(page.locator("#confirm-id")).not_to_be_empty()


def _browser_cookie(cookie, site_url):
    """A cookie of a requests session as Playwright's context takes it, with the flags the server set."""
    return {"name": cookie.name, "value": cookie.value, "url": site_url + cookie.path,
            "httpOnly": cookie.has_nonstandard_attr("HttpOnly"),
            "sameSite": cookie.get_nonstandard_attr("SameSite") or "Lax",
            **({"expires": cookie.expires} if cookie.expires else {})}
