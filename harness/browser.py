"""Headless Chromium for the browser tests and the benchmark: Debian's build, driven by Playwright."""

from contextlib import contextmanager

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"      # Debian's package, which the Makefile installs; not Playwright's download
# --no-sandbox lets it run as root (CI containers); the rest stop background traffic (updates, sync)
# that would otherwise run alongside the pages under test, and the work a navigation does for a person
# going back and forth (a spare renderer, a new one per navigation, the back-forward cache): without
# them a page load costs a third less CPU, and no test goes back. Chromium 156 also renders its address
# bar's suggestion popups (WebUIOmniboxPopup, WebUIOmniboxAimPopup) in a renderer of their own for every new
# window, headless too: 0.7 s of CPU a new page, more than the ticket's own load; no page here has an
# address bar to type in (tests/browser/test_chromium.py checks that none is made).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
        "--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument,"
        "SpareRendererForSitePerProcess,Translate,OptimizationHints,MediaRouter,"
        "WebUIOmniboxPopup,WebUIOmniboxAimPopup"]
WIDE = {"width": 1280, "height": 800}       # a desktop window
# Host names under this made-up domain reach loopback in a Chromium launched with LOOPBACK_SITE: two
# origins of one site (app. and evil.), for tests of what one host can do to another.
TEST_SITE = "tsbridge.test"
LOOPBACK_SITE = f"--host-resolver-rules=MAP *.{TEST_SITE} 127.0.0.1"


@contextmanager
def chromium(*extra_args):
    """A headless Chromium, closed afterwards. A missing browser raises; nothing is skipped for it."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()
