"""The README's table of settings is the one the bridge reads (bridge/settings.py)."""

import re

from bridge.settings import SETTINGS
from harness.servers import ROOT

README = ROOT / "README.md"


def readme_settings():
    """{name: (default, meaning)} from the rows of the README's "### Settings" table."""
    section = README.read_text().split("### Settings", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| (.+?) \| (.+?) \|$", section, re.M)
    return {name: (default, meaning) for name, default, meaning in rows}


def test_the_readme_lists_every_setting_with_its_default_and_meaning():
    documented = readme_settings()
    assert list(documented) == [setting.name for setting in SETTINGS]
    for setting in SETTINGS:
        assert documented[setting.name] == (setting.documented_default, setting.meaning), setting.name
