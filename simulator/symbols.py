"""Symbol look-up, suggest, search and symbol lists over the demo market, in the shapes TradeStation's Data
pages document (tradestation/webapi-docs and webapi-docs-v2: en/data/*.md, en/objects/symbol.md,
symbol-list.md, symbol-info.md).
"""

import datetime
import re
from urllib.parse import unquote

from tradestation.errors import ApiError

from .market import INSTRUMENTS, Instrument
from .v2 import odata

# The Error Handling page's Data row for an unknown symbol (the Get Symbol page calls it Invalid Symbol).
INVALID_SYMBOL = "EX_INVALID_SYMBOL"
INVALID_CATEGORY = "Invalid search category"
MISSING_CRITERIA = "Invalid Request.Invalid search criteria for symbol lookup service"
# The Error Handling page's Data and Symbol Lookup rows, word for word.
MISSING_FOREX_CRITERIA = ("Missing search criteria for Forex Symbol Lookup. Either Symbol Name or Description is "
                          "required.")
INVALID_STRIKE = "Invalid strike price."
NO_DATA = "NO DATA AVAILABLE"
NO_EXPIRY = "/Date(-62135575200000)/"     # .NET's DateTime.MinValue, as the Get Symbol example shows it

CATEGORIES = {"EQ": "Stock", "OP": "StockOption", "FU": "Future", "FX": "Forex"}
# The Symbol Search page's category names and their short forms.
SEARCH_CATEGORIES = {"stock": "Stock", "s": "Stock", "stockoption": "StockOption", "so": "StockOption",
                     "future": "Future", "fu": "Future", "forex": "Forex", "fx": "Forex",
                     "futureoption": "FutureOption", "fo": "FutureOption", "index": "Index", "idx": "Index",
                     "currencyoption": "CurrencyOption", "co": "CurrencyOption", "mutualfund": "MutualFund",
                     "mf": "MutualFund", "moneymarketfund": "MoneyMarketFund", "mmf": "MoneyMarketFund",
                     "indexoption": "IndexOption", "io": "IndexOption", "bond": "Bond", "b": "Bond"}
EXCHANGE_IDS = {"NASDAQ": 122, "NYSE": 2, "CBOE": 40, "CME": 56, "Forex": 0, "TS": 0}

# Demo symbol lists: the two the Get Symbol Lists example shows, with the members the Get Symbols in a
# Symbol List example shows for the first, and one of the demo market.
SYMBOL_LISTS = (
    {"Category": "Index Components", "ID": "$BUX.X", "Name": "B2B Internet  HOLDRS (3)",
     "Path": "/TradeStation Symbol Lists/Index Components/AMEX HOLDRS Indexes/B2B Internet  HOLDRS (3)",
     "RootCategory": "TradeStation Symbol Lists", "Subcategory": "AMEX HOLDRS Indexes"},
    {"Category": "Index Components", "ID": "$IBH.X", "Name": "Biotech HOLDRS (16)",
     "Path": "/TradeStation Symbol Lists/Index Components/AMEX HOLDRS Indexes/Biotech HOLDRS (16)",
     "RootCategory": "TradeStation Symbol Lists", "Subcategory": "AMEX HOLDRS Indexes"},
    {"Category": "Demo", "ID": "_CHMMFG", "Name": "Demo market (9)",
     "Path": "/TradeStation Symbol Lists/Demo/Demo market/Demo market (9)",
     "RootCategory": "TradeStation Symbol Lists", "Subcategory": "Demo market"},
)
LIST_MEMBERS = {
    "$BUX.X": ({"Description": "", "Exchange": "", "Name": "$BUX.X"},
               {"Description": "Ariba Inc", "Exchange": "NASDQ", "Name": "ARBA"},
               {"Description": "ICG Group, Inc.", "Exchange": "NASDQ", "Name": "ICGE"}),
    "$IBH.X": ({"Description": "", "Exchange": "", "Name": "$IBH.X"},
               {"Description": "Arena Pharmaceuticals Inc", "Exchange": "NASDAQ", "Name": "ARNA"}),
    "_CHMMFG": tuple({"Description": instrument.description, "Exchange": instrument.exchange,
                      "Name": instrument.symbol} for instrument in INSTRUMENTS if instrument.asset == "EQ"),
}


def describe(instrument: Instrument) -> dict:
    """One Symbol object (the Get Symbol page's example keys)."""
    option = instrument.option
    if instrument.asset == "FX":
        country, exchange = "FOREX", "FX"      # the Symbol Search page: every forex symbol's
    else:
        country, exchange = instrument.country, instrument.exchange
    return {
        "Category": CATEGORIES[instrument.asset],
        "Country": country,
        "Currency": instrument.currency,
        "Description": instrument.description,
        "Error": None,
        "Exchange": exchange,
        "ExchangeID": EXCHANGE_IDS.get(instrument.exchange, 0),
        "ExpirationDate": NO_EXPIRY,
        "FutureType": "Electronic" if instrument.asset == "FU" and instrument.root != instrument.symbol else "None",
        "MinMove": float(instrument.min_move),
        "Name": instrument.symbol,
        "OptionType": ("Call" if option.put_call == "C" else "Put") if option else "NA",
        "PointValue": instrument.point_value,
        "Root": instrument.root,
        "StrikePrice": float(option.strike) if option else 0,
    }


def _all():
    return [describe(instrument) for instrument in INSTRUMENTS]


def _tradable():
    """What suggest and search offer: every listed symbol but the options past their expiry (listed only so that
    the v3 document's order examples are taken as written)."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return [describe(instrument) for instrument in INSTRUMENTS
            if not (instrument.option and instrument.option.expiry < today)]


def symbol(name):
    """Get Symbol: a one-item list, whatever the name's case; 404 for a symbol the market does not list."""
    found = [entry for entry in _all() if entry["Name"].casefold() == name.casefold()]
    if not found:
        raise ApiError(404, INVALID_SYMBOL)
    return found


def suggest(text, top=None, filters=()):
    """Suggest: the symbols whose name starts with the text, then those whose description contains it."""
    text = text.casefold()
    entries = _tradable()
    chosen = [entry for entry in entries if entry["Name"].casefold().startswith(text)]
    chosen += [entry for entry in entries if entry not in chosen and text in entry["Description"].casefold()]
    clauses = [clause for text in filters for clause in (odata.parse_filter(text) or [])]
    chosen = [entry for entry in chosen if odata.matches(entry, clauses)]
    return chosen[:_top(top)] if top is not None else chosen


def search(criteria):
    """Symbol Search: criteria as key=value pairs joined by & in the path (n=msf&c=stock)."""
    pairs = {}
    for part in unquote(criteria).split("&"):
        key, sep, value = part.partition("=")
        if not sep or not key:
            raise ApiError(400, MISSING_CRITERIA)
        pairs[key.strip().casefold()] = value.strip()
    category = SEARCH_CATEGORIES.get(pairs.get("c", "stock").casefold())
    if category is None:
        raise ApiError(400, INVALID_CATEGORY)
    name, description, root = pairs.get("n", ""), pairs.get("desc", ""), pairs.get("r", "")
    if category == "Forex" and not (name or description):
        raise ApiError(400, MISSING_FOREX_CRITERIA)
    if category == "Stock" and not (name or description):
        raise ApiError(400, MISSING_CRITERIA)
    low, high = _strike_range(pairs) if category == "StockOption" else (None, None)
    if category in ("StockOption", "Future") and not (root or description):
        raise ApiError(400, MISSING_CRITERIA)
    entries = [entry for entry in _tradable() if entry["Category"] == category]
    if name and not (category == "Forex" and name.casefold() in ("all", "null")):
        entries = [entry for entry in entries if name.casefold() in entry["Name"].casefold()]
    if description:
        entries = [entry for entry in entries if description.casefold() in entry["Description"].casefold()]
    if root:
        entries = [entry for entry in entries if entry["Root"].casefold() == root.casefold()]
    entries = [entry for entry in entries if (low is None or entry["StrikePrice"] >= low)
               and (high is None or entry["StrikePrice"] <= high)]
    country = pairs.get("cnt", "ALL").upper()
    if country not in ("ALL", ""):
        entries = [entry for entry in entries if _country_code(entry) == country]
    if not entries:
        raise ApiError(404, NO_DATA)
    return entries


def _strike_range(pairs):
    """An option search's strike criteria (the Symbol Lookup page: Stk, a count; Spl and Sph, prices): the
    low and high strike, or 400 with the Error Handling page's words."""
    try:
        count = pairs.get("stk", "3")
        if not re.fullmatch(r"[0-9]{1,3}", count):
            raise ValueError(count)
        low, high = (float(pairs[key]) if pairs.get(key) else None for key in ("spl", "sph"))
    except ValueError:
        raise ApiError(400, INVALID_STRIKE) from None
    if any(value is not None and not (0 <= value < 1e9) for value in (low, high)):
        raise ApiError(400, INVALID_STRIKE)
    return low, high


def _country_code(entry):
    return {"United States": "US", "Japan": "JP"}.get(entry["Country"], entry["Country"])


def symbol_lists():
    return [dict(entry) for entry in SYMBOL_LISTS]


def symbol_list(list_id):
    for entry in SYMBOL_LISTS:
        if entry["ID"].casefold() == list_id.casefold():
            return dict(entry)
    raise ApiError(400, "Invalid symbol list ID.")


def list_symbols(list_id):
    return [dict(member) for member in LIST_MEMBERS[symbol_list(list_id)["ID"]]]


def _top(top):
    if not re.fullmatch(r"[0-9]{1,4}", top or ""):
        raise ApiError(400, "Invalid $top.")
    return int(top)
