"""Headless Chromium for the browser tests and the benchmark: Debian's build, driven by Playwright."""

from contextlib import contextmanager

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"      # Debian's package, which the Makefile installs; not Playwright's download
# --no-sandbox lets it run as root (CI containers); the rest stop background traffic (updates, sync)
# that would otherwise run alongside the pages under test, and the work a navigation does for a person
# going back and forth (a spare renderer, a new one per navigation, the back-forward cache): without
# them a page load costs a third less CPU, and no test goes back.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
        "--disable-features=BackForwardCache,ProactivelySwapBrowsingInstance,RenderDocument,"
        "SpareRendererForSitePerProcess,Translate,OptimizationHints,MediaRouter"]
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
