"""The Stream pages' calls, as finite streams: bar charts, tick bars, quote snapshots and changes
(tradestation/webapi-docs and webapi-docs-v2: en/stream/*.md), with the Error Handling page's Stream rows.

A bar stream is a list of chunks, JSON objects and then one closing word: `END` when the data asked for has
been sent, `ERROR - <reason>` when it cannot be (the End of Stream Conditions page); bar streams end after what
the demo market knows now, with END. Quote streams stay open and follow the market (simulator/live.py).

Bars are the demo market's own history, from 1970 on: each drawn from the simulator's seed, the symbol, the
interval and the bar's time, so that the same request gives the same bars; a stream sends at most
bars.HISTORY_BARS of them (the latest of its range).
"""

import datetime
import re

from tradestation.errors import ApiError

from . import bars as history
from .v2 import render_market

END = "END"
NO_DATA = "ERROR - NO DATA AVAILABLE"
INVALID_SYMBOL = "ERROR - INVALID SYMBOL"
QUOTE_INVALID_SYMBOL = "FAILED, INVALID SYMBOL"     # the Quote Snapshots page's Error for an invalid symbol
MAX_BARS_BACK = 60000                               # "max value permitted 60000" (the Bar Chart page)
MAX_TICK_BARS_BACK = 10
MAX_TICK_INTERVAL = 65000
UNITS = {"minute": 1, "daily": 24 * 60, "weekly": 7 * 24 * 60, "monthly": 30 * 24 * 60}
HISTORICAL = 13     # the examples' Status of a bar of history (NEW, HISTORICAL_DATA, STANDARD_CLOSE)
EPOCH = history.EPOCH
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.timezone.utc)

# The Error Handling page's Stream rows, word for word.
INVALID_QUANTITY = (404, "Invalid bar interval quantity.")
INTERVAL_RANGE = (403, "Bar interval should be a value between 1 and 1440")
INVALID_UNIT = (404, "Invalid bar interval unit.")
NOT_A_NUMBER = (400, "Not a valid number.")
NOT_A_DATE = (400, "Not a valid date.")
LAST_DATE_FUTURE = (400, "Last date cannot be greater than today.")
TOO_MANY_BARS = (403, "Exceed maximum number of history bars")
INVALID_BARS_BACK = (404, "Invalid barsBack value.")
TICK_BARS_BACK = (404, "Invalid barsBack value, please choose a value between 1 and 10.")
START_FUTURE = (404, "Start date can not be greater than today.")
START_BEFORE_1900 = (404, "Start date can not be earlier than 1/1/1900")
INVALID_START = (404, "Invalid start date.")
INVALID_END = (404, "Invalid end date.")
END_FUTURE = (404, "End date cannot be greater than today.")
END_BEFORE_START = (404, "End date cannot be earlier than start date.")
INVALID_PATH = (404, "Invalid url path")
TICK_QUANTITY = (404, "Invalid tickbar interval quantity.")
TICK_RANGE = (404, "Invalid tickbar quantity, please choose a value between 1 and 65000.")

# Codes for the Quote Changes example's numeric fields. Its stock is Category 2, currency 1 (USD) and
# exchange 122 (NASDAQ); the other codes are ours.
STREAM_CATEGORIES = {"EQ": 2, "OP": 3, "FU": 0, "FX": 5}
CURRENCY_CODES = {"USD": 1, "JPY": 2, "EUR": 3}
EXCHANGE_IDS = {"NASDAQ": 122, "NYSE": 121, "ARCA": 123, "CBOE": 124, "CME": 125, "Forex": 126, "TS": 127,
                "JQ": 128}

_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})(?:t(\d{2}):(\d{2}):(\d{2})([+-]\d{2}:\d{2})?)?", re.I)


def _refuse(row):
    raise ApiError(*row)


def parse_date(text, row):
    """m-d-yyyy, optionally t{hh:mm:ss} and an offset (UTC when none), as the Bar Chart page writes them."""
    match = _DATE.fullmatch(text or "")
    if not match:
        _refuse(row)
    month, day, year, hour, minute, second, offset = match.groups()
    zone = datetime.timezone.utc
    if offset:
        sign = -1 if offset[0] == "-" else 1
        zone = datetime.timezone(sign * datetime.timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                                 int(second or 0), tzinfo=zone)
    except ValueError:
        _refuse(row)


def _interval(quantity_text, unit_text):
    """(minutes per bar) from {barIntervalQuantity}/{barIntervalUnit}."""
    if not re.fullmatch(r"[0-9]{1,6}", quantity_text):
        _refuse(INVALID_QUANTITY)
    unit = UNITS.get(unit_text.casefold())
    if unit is None:
        _refuse(INVALID_UNIT)
    quantity = int(quantity_text)
    if unit == 1 and not 1 <= quantity <= 1440:
        _refuse(INTERVAL_RANGE)
    if unit != 1 and quantity != 1:
        _refuse(INVALID_QUANTITY)     # "Must be 1 for interval units Daily, Weekly and Monthly"
    return unit * quantity


def _stamp(moment):
    return f"/Date({int((moment - EPOCH).total_seconds() * 1000)})/"


def _bar(market, seed, symbol, minutes, start):
    bar = history.draw(market, seed, symbol, minutes, start)
    return {"Close": float(bar.close), "DownTicks": bar.down_ticks, "DownVolume": bar.down_volume,
            "High": float(bar.high), "Low": float(bar.low), "Open": float(bar.open), "Status": HISTORICAL,
            "TimeStamp": _stamp(start), "TotalTicks": bar.total_ticks, "TotalVolume": bar.total_volume,
            "UnchangedTicks": 0, "UnchangedVolume": 0, "UpTicks": bar.up_ticks, "UpVolume": bar.up_volume,
            "OpenInterest": 0}


def _bars(market, seed, symbol, minutes, first, last):
    return [_bar(market, seed, symbol, minutes, bar.start)
            for bar in history.history(market, seed, symbol, minutes, first, last)]


def barchart(market, seed, symbol, quantity, unit, parts):
    """/stream/barchart/{symbol}/{quantity}/{unit}/... : bars back ({barsBack}/{lastDate}) or a date range
    ({startDate}[/{endDate}]); the chunks of the stream."""
    minutes = _interval(quantity, unit)
    now = datetime.datetime.now(datetime.timezone.utc)
    if not parts or len(parts) > 2:
        _refuse(INVALID_PATH)
    if re.fullmatch(r"[0-9]+", parts[0]) or not re.search(r"-", parts[0]):
        return _bars_back(market, seed, symbol, minutes, parts, now)
    start = parse_date(parts[0], INVALID_START)
    if start > now:
        _refuse(START_FUTURE)
    if start < EARLIEST:
        _refuse(START_BEFORE_1900)
    end = now
    if len(parts) == 2:
        end = parse_date(parts[1], INVALID_END)
        if end > now + datetime.timedelta(days=1):
            _refuse(END_FUTURE)
        if end < start:
            _refuse(END_BEFORE_START)
    if market.instrument(symbol) is None:
        return [INVALID_SYMBOL]
    if start < EPOCH:
        return [NO_DATA]      # none before 1970 (the End of Stream Conditions page's 1951 example)
    bars = _bars(market, seed, symbol, minutes, start, end)
    return bars + [END] if bars else [NO_DATA]


def days_back(market, seed, symbol, quantity, unit, days_text, last_text):
    """/stream/barchart/{symbol}/{quantity}/{unit}?daysBack=..&lastDate=..: the bars of the days before."""
    minutes = _interval(quantity, unit)
    if not re.fullmatch(r"[0-9]{1,5}", days_text or "") or not 1 <= int(days_text) <= MAX_BARS_BACK:
        _refuse(NOT_A_NUMBER)
    now = datetime.datetime.now(datetime.timezone.utc)
    last = now
    if last_text:
        last = parse_date(last_text, NOT_A_DATE)
        if last > now + datetime.timedelta(days=1):
            _refuse(LAST_DATE_FUTURE)
        last = min(last, now)
    if market.instrument(symbol) is None:
        return [INVALID_SYMBOL]
    bars = _bars(market, seed, symbol, minutes, last - datetime.timedelta(days=int(days_text)), last)
    return bars + [END] if bars else [NO_DATA]


def _bars_back(market, seed, symbol, minutes, parts, now):
    if not re.fullmatch(r"[0-9]{1,9}", parts[0]):
        _refuse(NOT_A_NUMBER)
    count = int(parts[0])
    if count < 1:
        _refuse(INVALID_BARS_BACK)
    if count > MAX_BARS_BACK:
        _refuse(TOO_MANY_BARS)
    last = now
    if len(parts) == 2:
        last = parse_date(parts[1], NOT_A_DATE)
        if last > now + datetime.timedelta(days=1):
            _refuse(LAST_DATE_FUTURE)
        last = min(last, now)
    if market.instrument(symbol) is None:
        return [INVALID_SYMBOL]
    first = history.grid(last, minutes) - datetime.timedelta(minutes=minutes) * (count - 1)
    bars = _bars(market, seed, symbol, minutes, first, last)
    return bars + [END] if bars else [NO_DATA]


def tickbars(market, seed, symbol, interval_text, bars_back_text):
    """/stream/tickbars/{symbol}/{interval}/{barsBack}: the last barsBack bars of `interval` ticks each."""
    if not re.fullmatch(r"[0-9]{1,6}", interval_text):
        _refuse(TICK_QUANTITY)
    if not 1 <= int(interval_text) <= MAX_TICK_INTERVAL:
        _refuse(TICK_RANGE)
    if not re.fullmatch(r"[0-9]{1,3}", bars_back_text) or not 1 <= int(bars_back_text) <= MAX_TICK_BARS_BACK:
        _refuse(TICK_BARS_BACK)
    if market.instrument(symbol) is None:
        return [INVALID_SYMBOL]
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    chunks = []
    for back in range(int(bars_back_text), 0, -1):
        moment = now - datetime.timedelta(seconds=back)
        bar = _bar(market, seed, symbol, 0, moment)
        chunks.append({"TimeStamp": _stamp(moment), "Status": HISTORICAL, "Close": bar["Close"],
                       "TotalVolume": 100 * int(interval_text)})
    return chunks + [END]


def quotes(market, symbols_text):
    """The full quote of each symbol, as the quote streams send it first (and the snapshots stream each time)."""
    symbols = [symbol.strip() for symbol in symbols_text.split(",") if symbol.strip()]
    if not symbols:
        _refuse((404, "Missing symbol."))
    chunks = []
    for symbol in symbols:
        known = symbol.upper() if market.instrument(symbol.upper()) else symbol
        found = market.quote(known)
        if found is None:
            quote = {"Symbol": symbol, "Error": QUOTE_INVALID_SYMBOL}
        else:
            # The Quote Changes example's first message carries these coded fields too (numbers there).
            quote, instrument = render_market.quote(found), found.instrument
            quote.update({"Category": STREAM_CATEGORIES[instrument.asset], "ContractExpireDate": 0,
                          "CurrencyCode": CURRENCY_CODES.get(instrument.currency, 0),
                          "ExchangeID": EXCHANGE_IDS.get(instrument.exchange, 0),
                          "ForexLoseFactor": 1.0, "ForexWinFactor": 1.0})
        chunks.append(quote)
    return chunks
