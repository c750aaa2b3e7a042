"""Quotes in v2's Quote object (tradestation/webapi-docs and webapi-docs-v2: en/objects/quote.md, the Get Quote
example), numbers as numbers beside their *PriceDisplay strings."""

import datetime

from tradestation import errors as E

from ..market import Quote, UnknownSymbol

# The Quote object's DisplayType for a price shown with this many decimals (0 to 5; 6 is 23).
DISPLAY_TYPES = {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 23}


def quote_or_error(found: Quote | UnknownSymbol) -> dict:
    """A quote, or the documented entry for a symbol the market does not list."""
    if isinstance(found, UnknownSymbol):
        return {"Symbol": found.symbol, "Error": E.INVALID_SYMBOL_QUOTE}
    return quote(found)


def quote(found: Quote) -> dict:
    instrument = found.instrument
    answer = {
        "Symbol": found.symbol, "Description": instrument.description, "AssetType": instrument.asset,
        "Exchange": instrument.exchange, "Currency": instrument.currency,
        "MinMove": float(instrument.min_move), "PointValue": instrument.point_value,
        "Bid": float(found.bid), "Ask": float(found.ask), "Last": float(found.last),
        "High": float(found.high), "Low": float(found.low), "Open": float(found.open),
        "PreviousClose": float(found.previous_close), "NetChange": float(found.change),
        "NetChangePct": float(found.change_percent), "Volume": found.volume,
        "BidSize": found.bid_size, "AskSize": found.ask_size,
    }
    for name, price in (("Bid", found.bid), ("Ask", found.ask), ("Last", found.last), ("High", found.high),
                        ("Low", found.low), ("Open", found.open), ("PreviousClose", found.previous_close),
                        ("NetChange", found.change)):
        answer[f"{name}PriceDisplay"] = instrument.display(price)
    answer["Error"] = None
    answer.update(_documented_fields(found))
    return answer


def _documented_fields(found: Quote) -> dict:
    """The Quote object's fields beyond the ticket's needs (tradestation/webapi-docs and webapi-docs-v2:
    en/objects/quote.md, en/data/quote.md's example)."""
    instrument = found.instrument
    year_ago = f"{datetime.date.today().year - 1}-01-02T00:00:00Z"
    fields = {
        "Close": float(found.last), "ClosePriceDisplay": instrument.display(found.last),
        "CountryCode": instrument.country,
        "DailyOpenInterest": 0, "DisplayType": DISPLAY_TYPES.get(instrument.decimals, 0),
        "FractionalDisplay": False, "IsDelayed": False, "NameExt": "",
        "High52Week": float(found.high_52_weeks), "High52WeekPriceDisplay": instrument.display(found.high_52_weeks),
        "High52WeekDateTime": year_ago, "Low52Week": float(found.low_52_weeks),
        "Low52WeekPriceDisplay": instrument.display(found.low_52_weeks), "Low52WeekDateTime": year_ago,
        "PreviousVolume": found.previous_volume, "StrikePrice": 0.0, "StrikePriceDisplay": "0.00",
        "SymbolRoot": instrument.symbol.split(" ")[0], "TradeTime": found.trade_time,
        # The 2015 object's names for the day's change.
        "PreviousCloseDelta": float(found.change),
        "PreviousCloseDeltaPercent": float(found.change / found.previous_close * 100),
    }
    if instrument.symbol.startswith("JP:"):
        # The Japanese market's extra fields (the 2015 Quote object).
        fields.update({"AskType": "REGULAR", "BidType": "REGULAR", "ExRightsTSE": 0, "LotSize": 100,
                       "TradeType": "REGULAR", "Turnover": int(found.volume * found.last),
                       **dict.fromkeys(("OpenTime", "HighTime", "LastTime", "LowTime"), found.trade_time)})
    return fields
