"""Option chains in v3's words: expirations, strikes, spread types, and a spread's risk and reward, from the
model's objects (simulator/options.py)."""

from decimal import Decimal

from ..options import SPREADS, Expiration, RiskReward, Spread
from .render import day, plain


def expirations(found: list[Expiration]) -> dict:
    return {"Expirations": [{"Date": day(entry.day), "Type": entry.kind} for entry in found]}


def strikes(spread: Spread, runs: list[tuple[Decimal, ...]]) -> dict:
    return {"SpreadType": spread.name, "Strikes": [[plain(strike) for strike in run] for run in runs]}


def spread_types() -> dict:
    return {"SpreadTypes": [{"Name": spread.name, "StrikeInterval": spread.uses_strike_interval,
                             "ExpirationInterval": spread.uses_second_expiration} for spread in SPREADS]}


def risk_reward(result: RiskReward) -> dict:
    return {"MaxGainIsInfinite": result.gain_unbounded, "AdjustedMaxGain": plain(result.max_gain),
            "MaxLossIsInfinite": result.loss_unbounded, "AdjustedMaxLoss": plain(result.max_loss),
            "BreakevenPoints": [plain(point) for point in result.breakevens]}
