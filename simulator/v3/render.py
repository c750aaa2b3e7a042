"""The simulator's objects in API v3's words (its OpenAPI document's shapes): numbers sent as strings, as v3
sends them. Nothing here reads another face's answer: each function takes the model's own objects."""

from tradestation import errors as E
from tradestation import v3_vocabulary as words
from tradestation.errors import ApiError

from ..market import Quote, UnknownSymbol

# What v3 calls each asset type it trades (a type it has no word for is shown as the simulator's code).
ASSET_WORDS = {asset: word for asset, word in words.ASSET_CATEGORIES.items() if word}


def error_body(error: ApiError) -> dict:
    return {"Error": words.ERROR_WORDS.get(error.status, "Error"), "Message": error.message}


def _decimal(number) -> str:
    """A price as v2's JSON number would print it, as text (420.0, 0.05)."""
    return str(float(number))


def _asset(asset: str) -> str:
    return ASSET_WORDS.get(asset, asset)


def _unknown(found: UnknownSymbol) -> dict:
    return {"Symbol": found.symbol, "Error": E.INVALID_SYMBOL_QUOTE}


def quotes(found: list[Quote | UnknownSymbol]) -> dict:
    """v3's quotes answer: the quotes, and an Errors entry for each symbol the market does not list."""
    return {"Quotes": [quote(entry) for entry in found if isinstance(entry, Quote)],
            "Errors": [_unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}


def quote(found: Quote) -> dict:
    entry = {"Symbol": found.symbol}
    for name, number in (("Open", found.open), ("High", found.high), ("Low", found.low),
                         ("PreviousClose", found.previous_close), ("Last", found.last), ("Ask", found.ask),
                         ("Bid", found.bid), ("NetChange", found.change), ("NetChangePct", found.change_percent)):
        entry[name] = _decimal(number)
    entry.update({"AskSize": str(found.ask_size), "BidSize": str(found.bid_size), "Volume": str(found.volume),
                  "MarketFlags": {"IsDelayed": False, "IsHalted": False}})
    return entry


def symbols(found: list[Quote | UnknownSymbol]) -> dict:
    """Symbol details: what a v3 quote leaves out (description, point value), of each listed instrument."""
    details = []
    for entry in found:
        if isinstance(entry, Quote):
            instrument = entry.instrument
            details.append({"Symbol": instrument.symbol, "Description": instrument.description,
                            "AssetType": _asset(instrument.asset), "Exchange": instrument.exchange,
                            "Currency": instrument.currency,
                            "PriceFormat": {"Format": "Decimal", "Increment": _decimal(instrument.min_move),
                                            "PointValue": str(instrument.point_value)}})
    return {"Symbols": details, "Errors": [_unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}
