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
# The 2015 documents list only BuyToOpen and BuyToClose, which would let a trader buy an option and never
# sell it; the sells are TradeStation's option actions of the classic documents, spelt the same.
GLOBAL_SIDES = {
    "EQ": ("Buy", "Sell", "Short", "SellShortExempt", "Genbiki", "Genwatashi"),
    "FU": ("Buy", "Sell"),
    "FX": ("Buy", "Sell"),
    "OP": ("BuyToOpen", "BuyToClose", "SellToOpen", "SellToClose"),
}

# The same side in the other dialect. A side missing here has no equivalent there (a 2015 Buy may cover a
# short, but it is no BuyToCover): the ticket clears it rather than guess.
CLASSIC_TO_GLOBAL_SIDE = {"Buy": "Buy", "Sell": "Sell", "SellShort": "Short", "BuyToOpen": "BuyToOpen",
                          "BuyToClose": "BuyToClose", "SellToOpen": "SellToOpen", "SellToClose": "SellToClose"}

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

# What each time in force means, in words a trader reads, by its 2015 name.
TIME_IN_FORCE_WORDS = {
    "Day": "Day", "DayPlus": "Day+", "GoodTillCancel": "Good till cancelled",
    "GoodTillCancelPlus": "Good till cancelled+", "GoodTillDate": "Good till date",
    "GoodTillDatePlus": "Good till date+", "GoodTill1Week": "Good till 1 week",
    "GoodTill1Month": "Good till 1 month", "GoodTill1Minute": "Good till 1 minute",
    "GoodTill3Minute": "Good till 3 minutes", "GoodTill5Minute": "Good till 5 minutes",
    "GoodTillCrossing": "Good till crossing", "ImmediateOrCancel": "Immediate or cancel",
    "FillorKill": "Fill or kill", "AtTheOpening": "At the opening", "AtTheClose": "At the close",
    "AMOnly": "Morning session only", "PMOnly": "Afternoon session only",
}

# The classic duration codes as 2015 times in force ("1" is one minute, "DYP" is Day+).
CLASSIC_TO_GLOBAL_TIF = {
    "DAY": "Day", "DYP": "DayPlus", "GTC": "GoodTillCancel", "GCP": "GoodTillCancelPlus",
    "GTD": "GoodTillDate", "GDP": "GoodTillDatePlus", "IOC": "ImmediateOrCancel", "FOK": "FillorKill",
    "OPG": "AtTheOpening", "CLO": "AtTheClose", "1": "GoodTill1Minute", "3": "GoodTill3Minute",
    "5": "GoodTill5Minute",
}


def time_in_force_label(value):
    """'Day+ (DYP)' for a classic code, 'Day+' for a 2015 name; an unknown value as it is."""
    if value in CLASSIC_TO_GLOBAL_TIF:
        return f"{TIME_IN_FORCE_WORDS[CLASSIC_TO_GLOBAL_TIF[value]]} ({value})"
    return TIME_IN_FORCE_WORDS.get(value, value)

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
