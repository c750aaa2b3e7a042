"""Which of the v3 document's 32 paths (33 with their methods, tests/fidelity/v3_paths.py) the simulator serves:
every one, the nine streams included (tests/simulator/streams), matched against the app's own routes."""

import re

from simulator import create_app
from tests.fidelity.v3_paths import V3_PATHS


def _served(app):
    served = set()
    for rule in app.url_map.iter_rules():
        shape = re.sub(r"<(?:[^:>]+:)?[^>]+>", "{}", rule.rule)
        served |= {(method, shape) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return served


def test_every_path_of_the_document_is_served():
    served = _served(create_app())
    wanted = {(method, re.sub(r"\{[^}]+\}", "{}", path)): stream for method, path, stream in V3_PATHS}
    assert len(wanted) == 33 and len({path for _, path in wanted}) == 32
    assert len({path for (_, path), stream in wanted.items() if stream}) == 9
    assert [key for key in wanted if key not in served] == []
