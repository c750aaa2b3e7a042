"""The Chromium the browser tests and the benchmark launch (harness/browser.py) does only the page's work."""


def test_a_new_page_brings_no_browser_ui_of_its_own(chromium):
    # Each browser_ui target (the address bar's popups) is a renderer process made for every new window:
    # it cost more CPU than the ticket's own load until harness.browser.ARGS turned the features off.
    context = chromium.new_context()
    try:
        context.new_page()
        session = chromium.new_browser_cdp_session()
        kinds = {target["type"]: target["url"]
                 for target in session.send("Target.getTargets")["targetInfos"]}
    finally:
        context.close()
    assert "page" in kinds
    assert "browser_ui" not in kinds, kinds["browser_ui"]
