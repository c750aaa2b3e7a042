"""simulator/README.md's table of settings lists exactly the settings table's rows, with their defaults."""

import pathlib
import re

from simulator.settings import SETTINGS

README = pathlib.Path(__file__).resolve().parents[2] / "simulator" / "README.md"


def test_the_simulator_readme_lists_every_simulator_setting():
    section = README.read_text().split("\n## Settings and fault knobs", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(SIM_[A-Z0-9_]+)` \| ([^|]+) \|", section, re.M)
    # SIM_CLIENTS has its own line under "Demo credentials".
    assert sorted(name for name, _ in rows) == sorted(name for name in SETTINGS if name != "SIM_CLIENTS")
    for name, default in rows:
        if SETTINGS[name][0] is not None:
            assert f"`{SETTINGS[name][0]}`" in default, name
