"""TradeStation API v3's words for what v2 (and the simulator) name by the classic codes: one table for each,
read by the bridge's mapping (tradestation/v3_mapping.py) and by the simulator's v3 face (simulator/v3/).

A value mapped to None has no v3 word (v3 has no forex)."""

from .advanced_options import TRIGGER_KEYS

# Classic TradeAction → v3 TradeAction.
TRADE_ACTIONS = {
    "Buy": "BUY", "Sell": "SELL", "BuyToCover": "BUYTOCOVER", "SellShort": "SELLSHORT",
    "BuyToOpen": "BUYTOOPEN", "BuyToClose": "BUYTOCLOSE", "SellToOpen": "SELLTOOPEN", "SellToClose": "SELLTOCLOSE",
}
# v3's TradeAction (which it takes in any case) → the classic action.
CLASSIC_ACTION_OF = {v3: classic for classic, v3 in TRADE_ACTIONS.items()}

# Classic Duration → v3 TimeInForce.Duration: v3 keeps the classic codes.
DURATIONS = {
    "DAY": "DAY", "DYP": "DYP", "GTC": "GTC", "GCP": "GCP", "GTD": "GTD", "GDP": "GDP", "IOC": "IOC",
    "FOK": "FOK", "OPG": "OPG", "CLO": "CLO", "1": "1", "3": "3", "5": "5",
}

# Asset types (the classic codes) → v3's asset category.
ASSET_CATEGORIES = {"EQ": "STOCK", "OP": "STOCKOPTION", "FU": "FUTURE", "FX": None}

# Order types are spelt the same in v3.
ORDER_TYPES = {"Market": "Market", "Limit": "Limit", "StopMarket": "StopMarket", "StopLimit": "StopLimit"}

# The classic account Type letter → v3's AccountType (forex accounts are not v3's).
ACCOUNT_TYPES = {"C": "Cash", "M": "Margin", "F": "Futures", "D": "DVP"}

# A position's side: the classic letter → v3's LongShort.
LONG_SHORT = {"L": "Long", "S": "Short"}

# An order leg's side (buy, sell, sell short, buy to cover) → v3's BuyOrSell.
BUY_OR_SELL = {"buy": "Buy", "sell": "Sell", "short": "SellShort", "cover": "BuyToCover"}

# v3's error word for each HTTP status (its Error Responses: {"Error", "Message"}).
ERROR_WORDS = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
               405: "MethodNotAllowed", 413: "PayloadTooLarge", 429: "TooManyRequests",
               500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout"}

CONFIRM_ID_LIMIT = 22       # v3's OrderConfirmID is at most 22 characters

# An order's asset type → v3's OrderAssetCategory in a confirmation (its own words, not the positions' ones).
ORDER_ASSET_CATEGORIES = {"EQ": "EQUITY", "OP": "STOCKOPTION", "FU": "FUTURE"}

# An option's right, as its symbol spells it (C or P) → v3's OptionType.
OPTION_TYPES = {"C": "CALL", "P": "PUT"}


def _trigger(key: str) -> tuple[str, str]:
    """A trigger key's name and what it means, read from its parts: how many ticks (S one, D two in a row, T two
    not necessarily in a row), of what (TT trades, BA the bid for a sale and the ask for a buy, AB the other way
    round), and N for trades inside the national best bid and offer."""
    count, kind, inside = key[0], key[1:3], key.endswith("N")
    name = {"S": "Single", "D": "Double", "T": "Twice"}[count] + " " + {
        "TT": "Trade Tick", "BA": "Bid/Ask Tick", "AB": "Ask/Bid Tick"}[kind] + (" Within NBBO" if inside else "")
    ticks = {"S": "a single tick", "D": "two ticks in a row", "T": "two ticks (not necessarily in a row)"}[count]
    what = {"TT": "trade", "BA": "quote (the ask for a buy or cover, the bid for a sale or short)",
            "AB": "quote (the bid for a buy or cover, the ask for a sale or short)"}[kind]
    where = " inside the national best bid and offer" if inside else ""
    return name, f"The stop triggers after {ticks} of {what}{where} at or through the stop price."


# The activation triggers an order's stop or activation rule may name (tradestation/advanced_options.py's TRIGGER_KEYS).
ACTIVATION_TRIGGERS = {key: _trigger(key) for key in TRIGGER_KEYS}

# An instrument's asset type → v3's AssetType in symbol details (which, unlike orders, does name forex).
SYMBOL_ASSET_TYPES = {**{code: word for code, word in ASSET_CATEGORIES.items() if word}, "FX": "FOREX"}
