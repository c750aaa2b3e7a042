"""Market data in v3's words: quotes, symbol details, bars and the crypto pairs' names, from the model's
objects (market.Quote and Instrument, bars.Bar)."""

from tradestation import errors as E
from tradestation import ticks
from tradestation import v3_vocabulary as words

from ..bars import Bar
from ..market import Instrument, Quote, UnknownSymbol
from .render import day, decimal, moment, plain

NOT_LISTED = "Symbol {symbol} is not listed."
# Futures the demo market lists trade on an exchange's electronic book.
FUTURE_TYPE = "Electronic"
HISTORICAL = "Closed"       # a bar of history is over
FORMING = "Open"            # the bar of the period now running


def unknown(found: UnknownSymbol) -> dict:
    return {"Symbol": found.symbol, "Error": E.INVALID_SYMBOL_QUOTE}


def quotes(found: list[Quote | UnknownSymbol]) -> dict:
    """v3's quotes answer: the quotes, and an Errors entry for each symbol the market does not list."""
    return {"Quotes": [quote(entry) for entry in found if isinstance(entry, Quote)],
            "Errors": [unknown(entry) for entry in found if isinstance(entry, UnknownSymbol)]}


def quote(found: Quote) -> dict:
    entry = {"Symbol": found.symbol}
    for name, number in (("Open", found.open), ("High", found.high), ("Low", found.low),
                         ("PreviousClose", found.previous_close), ("Last", found.last), ("Ask", found.ask),
                         ("Bid", found.bid), ("NetChange", found.change), ("NetChangePct", found.change_percent),
                         ("High52Week", found.high_52_weeks), ("Low52Week", found.low_52_weeks),
                         # The session is open: its close so far is the last trade.
                         ("Close", found.last)):
        entry[name] = decimal(number)
    entry.update({
        "AskSize": str(found.ask_size), "BidSize": str(found.bid_size), "Volume": str(found.volume),
        "PreviousVolume": str(found.previous_volume), "DailyOpenInterest": "0",
        # The demo market keeps no dates of its year's extremes: both are dated to the session.
        "High52WeekTimestamp": found.trade_time, "Low52WeekTimestamp": found.trade_time,
        "TradeTime": found.trade_time, "TickSizeTier": "0", "LastSize": str(found.last_size),
        "LastVenue": found.instrument.exchange, "VWAP": str(round(found.average_price, 6)),
        "MarketFlags": {"IsDelayed": False, "IsHardToBorrow": False, "IsBats": False, "IsHalted": False}})
    return entry


def _price_format(instrument: Instrument) -> dict:
    schedule = ticks.SCHEDULES.get(instrument.asset, ())
    shown = {"Format": "Decimal", "Decimals": str(instrument.decimals),
             "IncrementStyle": "Schedule" if schedule else "Simple", "Increment": plain(instrument.min_move),
             "PointValue": str(instrument.point_value)}
    if schedule:
        rows = ((0, instrument.min_move),) + schedule
        shown["IncrementSchedule"] = [{"Increment": plain(step), "StartsAt": plain(floor)} for floor, step in rows]
    return shown


QUANTITY_FORMAT = {"Format": "Decimal", "Decimals": "0", "IncrementStyle": "Simple", "Increment": "1",
                   "MinimumTradeQuantity": "1"}


def symbol_detail(instrument: Instrument) -> dict:
    detail = {"AssetType": words.SYMBOL_ASSET_TYPES[instrument.asset], "Country": instrument.country,
              "Currency": instrument.currency, "Description": instrument.description,
              "Exchange": instrument.exchange, "Symbol": instrument.symbol, "Root": instrument.root,
              "PriceFormat": _price_format(instrument), "QuantityFormat": dict(QUANTITY_FORMAT)}
    if instrument.asset == "FU":
        detail["FutureType"] = FUTURE_TYPE
    terms = instrument.option
    if terms:
        detail.update({"ExpirationDate": day(terms.expiry), "OptionType": words.OPTION_TYPES[terms.put_call],
                       "StrikePrice": plain(terms.strike), "Underlying": terms.root})
    return detail


def symbols(found: list[Quote | UnknownSymbol]) -> dict:
    """Symbol details of each listed instrument, and an error entry for each symbol the market does not list."""
    return {"Symbols": [symbol_detail(entry.instrument) for entry in found if isinstance(entry, Quote)],
            "Errors": [{**unknown(entry), "Message": NOT_LISTED.format(symbol=entry.symbol)}
                       for entry in found if isinstance(entry, UnknownSymbol)]}


def bars(found: list[Bar]) -> dict:
    return {"Bars": [bar(entry, end_of_history=index == len(found) - 1) for index, entry in enumerate(found)]}


def bar(found: Bar, end_of_history: bool = False, realtime: bool = False) -> dict:
    """One bar; a realtime one (a stream's bar now forming) is still open."""
    return {
        "High": decimal(found.high), "Low": decimal(found.low), "Open": decimal(found.open),
        "Close": decimal(found.close), "TimeStamp": moment(found.start), "TotalVolume": str(found.total_volume),
        "DownTicks": found.down_ticks, "DownVolume": found.down_volume, "OpenInterest": "0", "IsRealtime": realtime,
        "IsEndOfHistory": end_of_history, "TotalTicks": found.total_ticks, "UnchangedTicks": 0,
        "UnchangedVolume": 0, "UpTicks": found.up_ticks, "UpVolume": found.up_volume, "Epoch": found.epoch_ms,
        "BarStatus": FORMING if realtime else HISTORICAL}


def crypto_names(names: tuple[str, ...]) -> dict:
    return {"SymbolNames": list(names)}
