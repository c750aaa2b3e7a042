"""Symbol look-up, suggest, search and symbol lists: each documented example request, byte for byte (the
token replaced), answered in the documented shape. Each test names its page."""

import requests

from tests.fidelity.shapes import same_shape

# tradestation/webapi-docs: en/data/get-symbol.md (Example Response), its one entry.
SYMBOL = {"Category": "Stock", "Country": "United States", "Currency": "USD", "Description": "Microsoft Corp",
          "Error": None, "Exchange": "NASDAQ", "ExchangeID": 122, "ExpirationDate": "/Date(-62135575200000)/",
          "FutureType": "None", "MinMove": 0, "Name": "MSFT", "OptionType": "NA", "PointValue": 0, "Root": "MSFT",
          "StrikePrice": 0}
# tradestation/webapi-docs: en/data/symbol-lookup.md (Example Response), its first entry.
SEARCHED = {"Country": "United States", "Description": "AMERISAFE Inc", "Error": None, "Exchange": "NASDAQ",
            "Name": "AMSF"}
# tradestation/webapi-docs: en/data/get-symbol-lists.md (Example Response), its first entry.
SYMBOL_LIST = {"Category": "Index Components", "ID": "$BUX.X", "Name": "B2B Internet  HOLDRS (3)",
               "Path": "/TradeStation Symbol Lists/Index Components/AMEX HOLDRS Indexes/B2B Internet  HOLDRS (3)",
               "RootCategory": "TradeStation Symbol Lists", "Subcategory": "AMEX HOLDRS Indexes"}
# tradestation/webapi-docs: en/data/get-symbols-in-a-symbol-list.md (Example Response), whole.
LIST_SYMBOLS = [{"Description": "", "Exchange": "", "Name": "$BUX.X"},
                {"Description": "Ariba Inc", "Exchange": "NASDQ", "Name": "ARBA"},
                {"Description": "ICG Group, Inc.", "Exchange": "NASDQ", "Name": "ICGE"}]


def _get(sim, path, token, scheme="Bearer "):
    return requests.get(sim.url + path, headers={"Authorization": f"{scheme}{token}", "Accept": "application/json"},
                        timeout=10)


def test_get_symbol(sim):
    """tradestation/webapi-docs: en/data/get-symbol.md (GET /v2/data/symbol/msft); tradestation/webapi-docs-v2:
    the same page (GET /data/symbol/msft, no /v2); an unknown symbol: 404 EX_INVALID_SYMBOL (the Error Handling
    page's Data row)."""
    token = sim.token()
    for path in ("/v2/data/symbol/msft", "/data/symbol/msft"):
        answer = _get(sim, path, token)
        assert answer.status_code == 200, answer.text
        same_shape([SYMBOL], answer.json())
        assert answer.json()[0]["Name"] == "MSFT" and answer.json()[0]["Description"] == "Microsoft Corp"
    missing = _get(sim, "/v2/data/symbol/NOPE", token)
    assert (missing.status_code, missing.json()) == (404, {"Message": "EX_INVALID_SYMBOL", "StatusCode": 404})


def test_suggest(sim):
    """tradestation/webapi-docs: en/data/symbol-suggest.md (Request: /v2/data/symbols/suggest/msf; Results
    Filter: $top and two $filter parameters, byte for byte)."""
    token = sim.token()
    answer = _get(sim, "/v2/data/symbols/suggest/msf", token)
    assert answer.status_code == 200
    assert [entry["Name"] for entry in answer.json()] == ["MSFT", "MSFT 261218C420"]
    for entry in answer.json():
        # The page's example sends Category, Currency, FutureType and OptionType as numbers; the Symbol page
        # types them as strings, as Get Symbol's example sends them (docs/decisions.md).
        assert set(SYMBOL) - {"ExchangeID", "MinMove", "PointValue"} <= set(entry)
    query = "$top=20&$filter=Country%20eq%20'United%20States'&$filter=Category%20eq%20'Stock'"
    filtered = _get(sim, f"/v2/data/symbols/suggest/G?{query}", token)
    # GOOG and GE first; the demo market's other US stocks with a G in their name or description (Agilent,
    # Aegon) after them; no option, future or foreign symbol.
    assert filtered.status_code == 200 and [entry["Name"] for entry in filtered.json()] == ["GOOG", "GE", "A", "AEG"]
    assert [entry["Name"] for entry in _get(sim, "/v2/data/symbols/suggest/m?$top=1", token).json()] == ["MSFT"]


def test_search(sim):
    """tradestation/webapi-docs: en/data/symbol-lookup.md (Example Stock Request:
    /v2/data/symbols/search/n=msf&c=stock); its errors: the Error Handling page's Data rows."""
    token = sim.token()
    answer = _get(sim, "/v2/data/symbols/search/n=msf&c=stock", token)
    assert answer.status_code == 200
    same_shape([SEARCHED], answer.json())
    assert answer.json()[0]["Name"] == "MSFT"
    forex = _get(sim, "/v2/data/symbols/search/c=fx&n=all", token).json()
    assert {entry["Name"] for entry in forex} == {"USDJPY", "EURUSD"}
    assert {(entry["Country"], entry["Exchange"]) for entry in forex} == {("FOREX", "FX")}
    bad = _get(sim, "/v2/data/symbols/search/c=planets&n=x", token)
    assert (bad.status_code, bad.json()["Message"]) == (400, "Invalid search category")
    empty = _get(sim, "/v2/data/symbols/search/c=stock", token)
    assert (empty.status_code, empty.json()["Message"]) == (
        400, "Invalid Request.Invalid search criteria for symbol lookup service")


def test_symbol_lists(sim):
    """tradestation/webapi-docs: en/data/get-symbol-lists.md (/v2/data/symbollists), get-symbol-list.md
    (/data/symbollists/_CHMMFG with a bare Authorization token), get-symbols-in-a-symbol-list.md
    (/data/symbollists/$BUX.X/symbols); they take a client-credentials token."""
    token = requests.post(f"{sim.base}/security/authorize", timeout=10, data={
        "grant_type": "client_credentials", "client_id": "demo-client", "client_secret": "demo-secret"}).json()["token"]
    lists = _get(sim, "/v2/data/symbollists", token)
    assert lists.status_code == 200
    for entry in lists.json():
        same_shape(SYMBOL_LIST, entry)
    assert lists.json()[0] == SYMBOL_LIST
    one = _get(sim, "/data/symbollists/_CHMMFG", token, scheme="")
    assert one.status_code == 200
    same_shape(SYMBOL_LIST, one.json())
    members = _get(sim, "/data/symbollists/$BUX.X/symbols", token, scheme="")
    assert members.status_code == 200 and members.json() == LIST_SYMBOLS
