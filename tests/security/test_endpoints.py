"""Only a GET places an order, and a callback name cannot be a word that turns the answer into
something other than a call of the page's own function (issue 10)."""

import json

import pytest
import requests

from harness.jsonp import unwrap
from harness.orders import classic_order
from harness.sim_admin import admin
from tradestation.jsonp import BAD_CALLBACK


@pytest.mark.parametrize("method", ["HEAD", "POST", "PUT", "DELETE"])
def test_only_get_places_an_order(trader, simulator, method):
    params = {"data": json.dumps(classic_order()), "callback": "cb", "oauth_token": trader.token}
    before = admin(simulator, "stats")["orders"]
    answer = requests.request(method, f"{trader.bridge}/jsonp/orders/send", params=params, timeout=10)
    assert answer.status_code == 405
    assert admin(simulator, "stats")["orders"] == before
    assert trader.journal() == []


@pytest.mark.parametrize("callback", ["eval", "Function", "import", "a.constructor", "x.__proto__.y", "this",
                                      "jQuery.prototype", "new", "window.eval", "await", "let", "yield"])
def test_a_callback_with_a_reserved_word_is_refused_and_never_echoed(trader, simulator, callback):
    before = admin(simulator, "stats")["orders"]
    answer = trader.jsonp("send", data=classic_order(), callback=callback)
    assert (answer.status_code, answer.text, answer.headers["Content-Type"]) == (400, BAD_CALLBACK,
                                                                                 "text/plain; charset=utf-8")
    assert admin(simulator, "stats")["orders"] == before


@pytest.mark.parametrize("callback", ["jQuery171048671673075295985_1331849273756", "app.onOrder", "window.cb",
                                      "evaluate", "newOrder", "_import"])
def test_ordinary_callback_names_still_work(trader, callback):
    assert unwrap(trader.jsonp("send", data=classic_order(), callback=callback), callback)[0]["OrderStatus"] == "Ok"
