"""The option streams' Spread in v3's words (the OpenAPI document's Spread and SpreadLeg): values as strings,
sizes and counts as numbers."""

from __future__ import annotations

from decimal import Decimal

from ..options import SpreadQuote

GREEKS = ("Delta", "Theta", "Gamma", "Rho", "Vega", "ImpliedVolatility")
ASSET_TYPE = "StockOption"


def _number(value: float, places: int = 4) -> str:
    return f"{value:.{places}f}".rstrip("0").rstrip(".") or "0"


def _money(value: Decimal) -> str:
    return _number(float(value), 2)


def spread(found: SpreadQuote, greeks: bool, volatility: float) -> dict:
    model, mid = found.model, found.mid
    change = mid - found.previous_close
    entry = {"Delta": _number(model.delta), "Theta": _number(model.theta), "Gamma": _number(model.gamma),
             "Rho": _number(model.rho), "Vega": _number(model.vega), "ImpliedVolatility": _number(volatility)}
    if not greeks:
        entry = dict.fromkeys(GREEKS, "0")
    itm, be = model.probability_itm, model.probability_be
    entry.update({
        "IntrinsicValue": _number(model.intrinsic), "ExtrinsicValue": _money(mid - Decimal(repr(model.intrinsic))),
        "TheoreticalValue": _number(model.theoretical), "ProbabilityITM": _number(itm),
        "ProbabilityOTM": _number(1 - itm), "ProbabilityBE": _number(be), "ProbabilityITM_IV": _number(itm),
        "ProbabilityOTM_IV": _number(1 - itm), "ProbabilityBE_IV": _number(be),
        "TheoreticalValue_IV": _number(model.theoretical), "StandardDeviation": _number(model.deviation),
        "DailyOpenInterest": found.open_interest, "Ask": _money(found.ask), "Bid": _money(found.bid),
        "Mid": _money(mid), "AskSize": found.ask_size, "BidSize": found.bid_size, "Close": _money(mid),
        "High": _money(max(mid, found.previous_close)), "Last": _money(mid),
        "Low": _money(min(mid, found.previous_close)), "NetChange": _money(change),
        "NetChangePct": _number(float(change / found.previous_close * 100) if found.previous_close else 0.0),
        "Open": _money(found.previous_close), "PreviousClose": _money(found.previous_close),
        "Volume": found.volume, "Side": found.side, "Strikes": [f"{strike.normalize():f}" for strike in found.strikes],
        "Legs": [{"Symbol": leg.symbol, "Ratio": leg.ratio, "StrikePrice": f"{leg.terms.strike.normalize():f}",
                  "Expiration": f"{leg.terms.expiry:%Y-%m-%d}T00:00:00Z", "OptionType": leg.side,
                  "AssetType": ASSET_TYPE} for leg in found.legs]})
    return entry
