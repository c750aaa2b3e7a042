"""The two order dialects, chosen by the APIVersion query parameter, and their vocabularies."""

import re

from .errors import ApiError

CLASSIC = "classic"
GLOBAL = "2015"

_VERSIONS = {"20101026": CLASSIC, "20150101": GLOBAL, "20150601": GLOBAL}
_VERSION_SHAPE = re.compile(r"[0-9]{8}")


def dialect_for(api_version):
    """Map an APIVersion value (None when absent) to a dialect, or refuse it as TradeStation does."""
    if api_version is None or api_version == "":
        return CLASSIC
    if not _VERSION_SHAPE.fullmatch(api_version):
        # The value is echoed, as TradeStation does, but only once it is known to be harmless.
        shown = api_version if re.fullmatch(r"[0-9A-Za-z\-]{1,16}", api_version) else "given"
        raise ApiError(400, f"The APIVersion {shown} has an invalid format. "
                            "The APIVersion must be numeric and in this pattern YYYYMMDD")
    if api_version not in _VERSIONS:
        raise ApiError(400, f"The APIVersion {api_version} is invalid")
    return _VERSIONS[api_version]


def api_version_for(dialect):
    """The APIVersion to send for a dialect (the seed's value for the 2015 one)."""
    return "20101026" if dialect == CLASSIC else "20150101"


# Asset types: the classic codes are the internal ones; the 2015 names map onto them.
ASSETS = ("EQ", "OP", "FU", "FX")
ASSET_NAMES = {"Equity": "EQ", "Option": "OP", "Future": "FU", "Forex": "FX"}
ASSET_OF_NAME = {v: k for k, v in ASSET_NAMES.items()}

ORDER_TYPES = ("Market", "Limit", "StopMarket", "StopLimit")
NEEDS_LIMIT = {"Limit", "StopLimit"}
NEEDS_STOP = {"StopMarket", "StopLimit"}

# Classic trade actions by asset; the contract lists buy/sell for EQ, FU and FX,
# the short actions for EQ, and the open/close actions for options.
CLASSIC_ACTIONS = {
    "EQ": ("Buy", "Sell", "BuyToCover", "SellShort"),
    "FU": ("Buy", "Sell"),
    "FX": ("Buy", "Sell"),
    "OP": ("BuyToOpen", "BuyToClose", "SellToOpen", "SellToClose"),
}

# 2015 sides; the option ones only for options, the short and Japanese margin ones only for equities.
GLOBAL_SIDES = {
    "EQ": ("Buy", "Sell", "Short", "SellShortExempt", "Genbiki", "Genwatashi"),
    "FU": ("Buy", "Sell"),
    "FX": ("Buy", "Sell"),
    "OP": ("BuyToOpen", "BuyToClose"),
}

# Classic durations by asset, as the Basic Order Request page lists them (the Order page lists only
# equities and options).
CLASSIC_DURATIONS = {
    "EQ": ("DAY", "DYP", "GTC", "GCP", "GTD", "GDP", "IOC", "FOK", "OPG", "CLO", "1", "3", "5"),
    "OP": ("DAY", "GTC", "GTD", "IOC", "FOK", "OPG"),
    "FU": ("DAY", "GTC", "GTD", "IOC", "FOK"),
    "FX": ("DAY", "GTC", "GTD", "IOC", "FOK", "1", "3", "5"),
}
CLASSIC_DATED = {"GTD", "GDP"}

TIMES_IN_FORCE = (
    "Day", "DayPlus", "GoodTillCancel", "GoodTillCancelPlus", "GoodTillDate", "GoodTillDatePlus",
    "GoodTill1Week", "GoodTill1Month", "GoodTill1Minute", "GoodTill3Minute", "GoodTill5Minute",
    "GoodTillCrossing", "ImmediateOrCancel", "FillorKill", "AtTheOpening", "AtTheClose", "AMOnly", "PMOnly",
)
GLOBAL_DATED = {"GoodTillDate", "GoodTillDatePlus"}

EQUITY_ROUTES = ("Intelligent", "AMEX", "ARCA", "AUTO", "BATS", "BTRD", "CTDL", "EDGA", "EDGX",
                 "GFLO", "NITE", "NQBX", "NSDQ", "NYSE")
OPTION_ROUTES = ("Intelligent", "AMOP", "BOX", "CBOE", "ISE", "NYOP", "PHLX", "XNDQ")
ROUTES = {"EQ": EQUITY_ROUTES, "OP": OPTION_ROUTES, "FU": ("Intelligent",), "FX": ("Intelligent",)}

EXCHANGE_CODES = ("NYSE", "NASDAQ", "TS", "OSE", "NG", "HC", "FK", "SP", "JQ", "HongKong", "Shanghai",
                  "Shenzhen", "ChiX", "JPN", "Forex", "CME", "GR", "OutsideMarket", "OtherForeignMarket")
FUND_SOURCES = ("Cash", "Margin", "StandardMargin", "NegotiatedMargin")
TAXATION_METHODS = ("Delayed", "Calculated")
COST_BASIS_METHODS = ("FIFO", "LIFO", "LargestProfit", "LargestLoss", "FirstInFirstOut", "LastInFirstOut")
CONDITIONS = ("Basic", "OrderSendOrder", "OrderCancelOrder", "Bracket")

GROUP_TYPES = ("NORMAL", "OCO", "BRK")


def canonical(value, allowed):
    """The allowed spelling of a case-insensitive value, or None."""
    if not isinstance(value, str):
        return None
    folded = value.casefold()
    for name in allowed:
        if name.casefold() == folded:
            return name
    return None
