"""axe-core, pinned in package-lock.json and installed by `make install`, run in a Playwright page: the
accessibility rules the page breaks, every impact, as readable lines."""

from harness.servers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RUN = """() => axe.run(document, {resultTypes: ['violations']}).then(result => result.violations.map(rule =>
    `${rule.id} (${rule.impact}): ${rule.help} at ${rule.nodes.map(node => node.target.join(' ')).join(', ')}`))"""


def violations(page) -> list[str]:
    """What axe-core finds in the page as it is now shown. The page's CSP allows no inline script, so axe's
    text goes in through the DevTools protocol (page.evaluate), which the policy does not govern."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: `make install` installs axe-core from package-lock.json")
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(AXE.read_text())
    return page.evaluate(RUN)
