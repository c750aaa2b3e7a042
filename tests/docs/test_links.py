"""Every relative link of the documentation leads to a file (and to a heading of it, when it names one),
and every picture in docs/screenshots/ is shown by some page."""

import re

import pytest

from harness.servers import ROOT

PAGES = sorted([ROOT / "README.md", ROOT / "CHANGELOG.md", *ROOT.glob("docs/*.md"), ROOT / "simulator" / "README.md",
                ROOT / "bench" / "README.md", ROOT / "tests" / "README.md"])
LINK = re.compile(r"\]\(([^)\s]+)\)")


def prose(page):
    """The page's lines outside fenced code blocks."""
    lines, fenced = [], False
    for line in page.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def anchor(heading):
    """GitHub's id for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page):
    return {anchor(line.lstrip("#")) for line in prose(page) if line.startswith("#")}


def relative_links(page):
    for line in prose(page):
        for target in LINK.findall(line):
            if not re.match(r"[a-z]+:", target):
                yield target


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(page):
    assert page.is_file()
    for target in relative_links(page):
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{target}: no such file"
        if fragment and linked.suffix == ".md":
            assert fragment in anchors(linked), f"{target}: no such heading"


def test_every_picture_is_shown_by_some_page():
    shown = {(page.parent / target).resolve() for page in PAGES for target in relative_links(page)}
    pictures = sorted((ROOT / "docs" / "screenshots").glob("*.png"))
    assert pictures and [picture.name for picture in pictures if picture not in shown] == []
