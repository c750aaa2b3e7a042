"""A token is accepted only while it is valid: an expired one, or one replaced by a refresh once the
grace is over, gets the wrapped 401 and places nothing (issue 10, the finding rated high)."""

import pytest
import requests

from harness.jsonp import unwrap
from harness.login import sign_in
from harness.orders import classic_order
from harness.sim_admin import admin
from tradestation import errors as E

UNAUTHORIZED = {"Message": E.UNAUTHORIZED, "StatusCode": 401}


@pytest.mark.parametrize("bridge_config", [{"TS_TOKEN_GRACE": 1}], indirect=True)
def test_a_token_replaced_by_a_refresh_is_refused_once_the_grace_is_over(trader, simulator, refresh, clock):
    old = trader.token
    new = refresh(trader)
    assert new != old
    # Within the grace a page still holding the old token finishes its order...
    assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=old))[0]["OrderStatus"] == "Ok"
    clock.shift(1.5)
    before = admin(simulator, "stats")["orders"]
    # ...after it, the old token is worth nothing, whatever TradeStation would still say of it.
    assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=old)) == UNAUTHORIZED
    assert admin(simulator, "stats")["orders"] == before
    assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=new))[0]["OrderStatus"] == "Ok"


@pytest.mark.parametrize("simulator_config", [{"SIM_TOKEN_LIFETIME": 2}], indirect=True)
def test_an_expired_token_is_refused_even_though_the_grant_lives_on(trader, simulator, clock):
    clock.shift(2.5)
    before = admin(simulator, "stats")["orders"]
    assert unwrap(trader.jsonp("confirm", data=classic_order())) == UNAUTHORIZED
    assert unwrap(trader.jsonp("send", data=classic_order())) == UNAUTHORIZED
    assert admin(simulator, "stats")["orders"] == before
    assert trader.journal() == [], "a refused token reaches no journal"


def test_a_401_that_refuses_the_account_is_not_retried_and_refreshes_nothing(trader, app):
    grants = app.extensions["tsbridge"].grants
    someone_elses = classic_order(AccountKey="700001")
    assert unwrap(trader.jsonp("send", data=someone_elses)) == {"Message": E.NOT_YOUR_ACCOUNT, "StatusCode": 401}
    assert grants.by_access_token(trader.token).refreshed_at is None, "no refresh for an account refusal"
    assert trader.http.get(f"{trader.bridge}/auth/token").json()["access_token"] == trader.token
    [row] = trader.journal()
    assert row["state"] == "not_sent" and row["message"] == E.NOT_YOUR_ACCOUNT


def test_the_page_asking_for_new_tokens_again_and_again_gets_one_refresh(trader, refresh):
    first = refresh(trader)
    assert [refresh(trader) for _ in range(5)] == [first] * 5


def test_the_bridge_still_refreshes_when_tradestation_refuses_a_token_it_just_got(trader, simulator, refresh):
    token = refresh(trader)
    assert admin(simulator, "expire-tokens", {})["expired"] >= 1
    assert unwrap(trader.jsonp("send", data=classic_order(), oauth_token=token))[0]["OrderStatus"] == "Ok"
    assert trader.http.get(f"{trader.bridge}/auth/token").json()["access_token"] != token


@pytest.mark.parametrize("simulator_config", [{"SIM_OMIT_USERID": "on"}], indirect=True)
def test_a_login_whose_token_names_no_user_is_refused(bridge, grant_rows):
    http = requests.Session()
    landed = sign_in(http, http.get(f"{bridge.url}/login"))
    assert landed.status_code == 401 and "did not say which user logged in" in landed.text
    assert http.get(f"{bridge.url}/auth/token").status_code == 401
    assert grant_rows() == (0, 0)
