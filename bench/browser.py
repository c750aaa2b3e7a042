"""The ticket page in headless Chromium: time to a usable ticket, click-to-result, and bytes transferred.

All timings are taken inside the page with performance.now() (the page's own clock, whose zero is
the start of the navigation), so Playwright's round trips to the browser add nothing to them.

"Ready" (the page sets no explicit signal; see bench/README.md for the one we ask for) is the later of:
- the ticket's modules having finished their set-up (static/ticket/main.js): state.arm() writes the
  OrderConfirmId into #confirm-id after the selects are filled from the account's assets; a
  MutationObserver installed before any page script records the moment that text appears;
- the page's access token having arrived (the /auth/token response's responseEnd in Resource
  Timing), since a click before that waits for it;
and it also requires the accounts to be listed (#account has options) and "Place order" enabled.

Click-to-result: a capturing click listener on "Place order" and a MutationObserver on the results
list, both in the page: from the click event to the new <li> being in the DOM.

Bytes: for the ticket page and every subresource, Resource Timing's encodedBodySize (the body as
transferred) and transferSize (with headers), from a fresh browser context (empty cache): the
first visit, which is the one that costs; a warm visit is measured too. It runs before the load
tests, so the journal the page fetches holds only this trader's few orders, as on a normal day.
"""

import statistics

from harness.browser import WIDE, chromium
from harness.login import log_in_page

OBSERVE = """
(() => {
  window.__bench = {armed: null, click: null, results: []};
  const watch = () => {
    const armed = document.getElementById('confirm-id');
    if (armed && armed.textContent && window.__bench.armed === null) { window.__bench.armed = performance.now(); }
    const list = document.getElementById('results');
    if (list && !list.__watched) {
      list.__watched = true;
      new MutationObserver(() => { window.__bench.results.push([performance.now(), list.children.length]); })
        .observe(list, {childList: true});
      document.addEventListener('click', (event) => {
        if (event.target && event.target.id === 'place') { window.__bench.click = performance.now(); }
      }, true);
    }
  };
  new MutationObserver(watch).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""

READY = """
() => {
  const b = window.__bench, token = performance.getEntriesByType('resource')
    .find(e => e.name.includes('/auth/token'));
  const place = document.getElementById('place'), accounts = document.querySelectorAll('#account option');
  return b && b.armed !== null && token && token.responseEnd > 0 && place && !place.disabled && accounts.length > 0;
}
"""

READY_AT = """
() => {
  const token = performance.getEntriesByType('resource').find(e => e.name.includes('/auth/token'));
  return Math.max(window.__bench.armed, token.responseEnd);
}
"""

BYTES = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const entries = [nav].concat(performance.getEntriesByType('resource'));
  return entries.map(e => ({name: e.name, type: e.initiatorType || 'navigation',
                            body: e.encodedBodySize, decoded: e.decodedBodySize, transfer: e.transferSize}));
}
"""


def _fill(page):
    page.get_by_label("Symbol").fill("MSFT")
    page.get_by_label("Quantity").fill("10")
    page.get_by_label("Order type").select_option("Market")
    # The figure is click-to-result of the place call itself: one-click, as SIM allows, without the review.
    page.get_by_label("One-click").check()


def measure(bridge_url, loads=7, clicks=15):
    """{"ready_ms": [...], "click_ms": [...], "bytes": {...}} from one headless Chromium."""
    out = {"ready_ms": [], "click_ms": [], "failures": []}
    with chromium() as browser:
        context = browser.new_context(viewport=WIDE)
        context.add_init_script(OBSERVE)
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in_page(page, bridge_url)
        # A first visit: a new context (empty cache) with the logged-in session's cookie.
        cold = browser.new_context(viewport=WIDE, storage_state=context.storage_state())
        cold.add_init_script(OBSERVE)
        cold_page = cold.new_page()
        cold_page.goto(bridge_url + "/")
        cold_page.wait_for_function(READY)
        cold_page.wait_for_load_state("networkidle")
        out["bytes_cold"] = cold_page.evaluate(BYTES)
        cold.close()

        for index in range(loads):
            page.goto(bridge_url + "/")
            page.wait_for_function(READY)
            out["ready_ms"].append(page.evaluate(READY_AT))
            if index == 0:
                page.wait_for_load_state("networkidle")
                out["bytes_warm"] = page.evaluate(BYTES)

        _fill(page)
        for _ in range(clicks):
            before = page.locator("#results li").count()
            page.evaluate("() => { window.__bench.click = null; window.__bench.results = []; }")
            page.get_by_role("button", name="Place order").click()
            page.wait_for_function(f"() => document.querySelectorAll('#results li').length > {before}")
            # A placed ticket stays sent; the same order again is the trader's explicit choice.
            page.get_by_role("button", name="Place again").click()
            page.wait_for_function("() => !document.getElementById('place').disabled")
            mark = page.evaluate("() => window.__bench")
            status = page.locator("#results li").first.get_attribute("class")
            if "ok" not in (status or "").split():
                out["failures"].append(page.locator("#results li").first.inner_text())
            added = [t for t, n in mark["results"] if n > before]
            if mark["click"] is not None and added:
                out["click_ms"].append(added[0] - mark["click"])
        out["failures"].extend(f"script error: {e}" for e in errors)
    return out


def summarise(raw):
    def total(entries, key):
        return sum(max(0, entry[key] or 0) for entry in entries)
    cold, warm = raw.get("bytes_cold", []), raw.get("bytes_warm", [])
    return {
        "ticket_ready_ms": round(statistics.median(raw["ready_ms"]), 1) if raw["ready_ms"] else None,
        "ticket_ready_runs_ms": [round(x, 1) for x in raw["ready_ms"]],
        "click_to_result_ms": round(statistics.median(raw["click_ms"]), 1) if raw["click_ms"] else None,
        "click_to_result_runs_ms": [round(x, 1) for x in raw["click_ms"]],
        "ticket_bytes": total(cold, "body"),
        "ticket_transfer_bytes": total(cold, "transfer"),
        "ticket_bytes_warm": total(warm, "body"),
        "ticket_transfer_bytes_warm": total(warm, "transfer"),
        "ticket_resources": [{"name": entry["name"].split("?")[0], "body": entry["body"], "transfer": entry["transfer"]}
                             for entry in cold],
        "browser_failures": raw["failures"],
    }
