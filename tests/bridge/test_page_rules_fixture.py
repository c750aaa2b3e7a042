"""tests/page/rules.json is the page's rules as the ticket view hands them over (data-rules): the Node tests
of static/ticket/ check the page's modules against it, so it must be what the server sends today."""

import json
from pathlib import Path

from bridge.ticket import page_rules

FIXTURE = Path(__file__).resolve().parents[1] / "page" / "rules.json"


def test_the_node_tests_rules_are_the_servers():
    # To write it again: python -c "from tests.bridge.test_page_rules_fixture import write; write()"
    assert json.loads(FIXTURE.read_text()) == json.loads(json.dumps(page_rules())), \
        "tests/page/rules.json is stale: write it again (see this test)"


def write():
    FIXTURE.write_text(json.dumps(page_rules(), indent=1, sort_keys=True) + "\n")
