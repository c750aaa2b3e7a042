"""The README a newcomer reads: short, the two commands first, and what it tells them to try is true."""

import re
import subprocess

from harness.servers import ROOT
from simulator.accounts import DEMO_ACCOUNTS, DEMO_USERS
from simulator.market import INSTRUMENTS

README = ROOT / "README.md"
MOST_BYTES = 15 * 1000


def text():
    return README.read_text()


def table_after(header):
    """The rows of the table whose header line is `header`, each as its cells."""
    lines = text().split(header + "\n", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def code_names(cell):
    return re.findall(r"`([^`]+)`", cell)


def test_the_readme_stays_short():
    assert len(README.read_bytes()) <= MOST_BYTES


def test_the_first_commands_are_make_run_and_make_test():
    readme = text()
    assert re.findall(r"^## .*", readme, re.M)[0] == "## Quick start"
    first_block = re.search(r"^```sh\n(.*?)^```", readme, re.M | re.S)
    assert first_block.start() > readme.index("## Quick start")
    commands = [line.split("#", 1)[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make run", "make test"]


def test_the_demo_users_and_their_accounts_are_the_simulators():
    rows = table_after("| user | password | accounts |")
    users = {(code_names(user)[0], code_names(password)[0]): code_names(accounts) for user, password, accounts in rows}
    assert set(users) == {(user.id, user.password) for user in DEMO_USERS}
    owners = {account.key: account.owner for account in DEMO_ACCOUNTS}
    for (user, _), accounts in users.items():
        assert accounts and all(owners[key] == user for key in accounts), (user, accounts)


def test_the_symbols_and_their_starting_prices_are_the_simulators():
    listed = {}
    for symbols, _, prices in table_after("| symbol | what | price |"):
        listed.update(zip(code_names(symbols), prices.split(", "), strict=True))
    assert listed == {instrument.symbol: instrument.display(instrument.base) for instrument in INSTRUMENTS}


def test_the_curl_steps_log_in_and_place_the_order(embedded, tmp_path):
    """The README's curl steps, run as printed against the bridge `make run` starts, place one order and cancel
    it; run twice, they place and cancel nothing more."""
    steps = text().split("### An order with curl", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert steps.startswith("BRIDGE=http://127.0.0.1:5000\n")
    steps = steps.replace("BRIDGE=http://127.0.0.1:5000", f"BRIDGE={embedded.bridge.url}", 1)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", steps], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    review, placed, cancelled = done.stdout.split(")/**/")
    assert review.startswith('/**/show([{"__type":"EquitiesOptionsOrderConfirmation')
    assert '"SummaryMessage":"Buy 10 MSFT' in review
    assert '"Message":"Sent order: Buy 10 MSFT @ 400.00 Limit"' in placed and '"OrderStatus":"Ok"' in placed
    assert cancelled.startswith("show(") and '"OrderStatus":"Ok"' in cancelled, cancelled
    assert embedded.sim.stats()["orders"] == 1
    # Run again as printed, the same OrderConfirmIds answer the first results: nothing placed, nothing cancelled twice.
    again = subprocess.run(["bash", "-euo", "pipefail", "-c", steps], cwd=tmp_path, capture_output=True, text=True,
                           timeout=60)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split(")/**/")[1:] == done.stdout.split(")/**/")[1:]
    assert embedded.sim.stats()["orders"] == 1
