"""Symbols are held to TradeStation's characters: no `/` and no `..`, which an upstream that decodes its paths
could take for a walk elsewhere. Over real HTTP: the bridge's order ticket and its quote relay."""

import re

import pytest
import requests

from harness.jsonp import unwrap, wrapped_error
from harness.orders import classic_order
from tradestation import errors as E
from tradestation.order_fields import PATTERNS

HOSTILE = ["MSFT/../ACCOUNTS", "A/B", "..", "A..B", "$SPX..X", "MSFT/", "/ETC"]
TRADESTATIONS = ["MSFT", "BRK.B", "$SPX.X", "JP:8698-TS", "@ES", "ESH25", "MSFT 250117C400", "USDJPY", "#TICK"]


@pytest.mark.parametrize("symbol", HOSTILE)
def test_a_symbol_with_a_slash_or_two_dots_is_refused_before_anything_is_sent(trader, simulator, symbol):
    refused = wrapped_error(trader.jsonp("confirm", data=classic_order(Symbol=symbol)))
    assert refused == {"Message": E.INVALID_SYMBOL, "StatusCode": 400}
    if symbol.startswith(("/", ".")) or symbol.endswith("/"):
        return      # as a URL path these are the client's own to normalise; the order check above is the point
    quote = trader.http.get(f"{trader.bridge}/market/quote/{requests.utils.quote(symbol, safe='')}", timeout=10)
    assert quote.status_code == 400 and quote.json()["Message"] == E.INVALID_SYMBOL


def test_tradestations_own_symbols_still_pass():
    pattern = re.compile(PATTERNS["symbol"])
    assert [symbol for symbol in TRADESTATIONS if not pattern.fullmatch(symbol)] == []


def test_a_symbol_of_tradestations_kind_is_still_confirmed(trader):
    confirmations = unwrap(trader.jsonp("confirm", data=classic_order(Symbol="BRK.B")))
    assert "BRK.B" in str(confirmations)
