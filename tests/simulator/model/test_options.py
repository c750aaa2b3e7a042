"""The option chain model (simulator/options.py): expirations, strike ladders and a spread's risk and reward."""

import datetime
from decimal import Decimal

import pytest

from simulator import options
from simulator.market import INSTRUMENTS
from simulator.options import Leg
from tradestation.errors import ApiError

MSFT = next(instrument for instrument in INSTRUMENTS if instrument.symbol == "MSFT")
LISTED = [instrument for instrument in INSTRUMENTS if instrument.asset == "OP"]


def test_expirations_are_weekly_monthly_and_quarterly_from_today_with_the_listed_contracts():
    found = options.expirations(MSFT, LISTED, datetime.date(2026, 12, 6))
    days = {entry.day: entry.kind for entry in found}
    assert days[datetime.date(2026, 12, 11)] == "Weekly" and days[datetime.date(2026, 12, 18)] == "Monthly"
    assert days[datetime.date(2026, 12, 31)] == "Quarterly" and days[datetime.date(2027, 1, 15)] == "Monthly"
    assert [entry.day for entry in found] == sorted(days) and min(days) >= datetime.date(2026, 12, 6)
    # Past its expiry, the listed December call adds nothing.
    later = options.expirations(MSFT, LISTED, datetime.date(2027, 6, 1))
    assert datetime.date(2026, 12, 18) not in {entry.day for entry in later}


def test_strikes_are_a_ladder_around_the_price_in_runs_of_the_spread():
    assert options.strike_step(Decimal("12")) == 1 and options.strike_step(Decimal("190")) == Decimal("2.5")
    ladder = options.strikes_around(Decimal("421.30"))
    assert Decimal(420) in ladder and ladder[1] - ladder[0] == 5 and len(ladder) == 41
    runs = options.spread_strikes(Decimal("420"), options.spread_named("condor"), 2)
    assert runs[0] == (Decimal(320), Decimal(330), Decimal(340), Decimal(350)) and len(runs) == 41 - 6
    with pytest.raises(ApiError):
        options.spread_named("Sideways")


def test_a_vertical_spread_gains_and_loses_what_its_width_and_price_allow():
    legs = [Leg("MSFT 261218C420", 1, True), Leg("MSFT 261218C425", 1, False)]
    result = options.risk_reward(Decimal("2.00"), legs)
    assert (result.max_gain, result.max_loss) == (Decimal(300), Decimal(-200))
    assert not result.gain_unbounded and not result.loss_unbounded and result.breakevens == (Decimal("422.00"),)


def test_a_condor_has_two_breakevens_and_an_uncovered_call_an_unbounded_loss():
    condor = [Leg("AAPL 211217C150", 1, True), Leg("AAPL 211217C152.5", 1, False),
              Leg("AAPL 211217C155", 1, False), Leg("AAPL 211217C157.5", 1, True)]
    result = options.risk_reward(Decimal("0.24"), condor)
    assert (result.max_gain, result.max_loss) == (Decimal(226), Decimal(-24))
    assert result.breakevens == (Decimal("150.24"), Decimal("157.26"))
    naked = options.risk_reward(Decimal("-3.00"), [Leg("MSFT 261218C420", 1, False)])
    assert naked.loss_unbounded and not naked.gain_unbounded and naked.max_gain == 300
    assert naked.breakevens == (Decimal("423.00"),)


def test_legs_of_different_expirations_or_none_are_refused():
    with pytest.raises(ApiError, match="same expiration"):
        options.risk_reward(Decimal(1), [Leg("MSFT 261218C420", 1, True), Leg("MSFT 270115C425", 1, False)])
    with pytest.raises(ApiError, match="leg"):
        options.risk_reward(Decimal(1), [])
