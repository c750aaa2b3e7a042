"""Every JSONP parameter is checked on every endpoint, and the token is masked in the inspector's record
however its name is spelt: over real HTTP, the bridge in front of the simulator."""

import json
from urllib.parse import quote

import pytest
import requests
from sqlalchemy import select

from bridge.db import exchanges, orders
from harness.jsonp import wrapped_error
from harness.orders import classic_order
from tests.conftest import DATABASES
from tradestation.redact import mask_token

BAD_VERSION = {"Message": "The APIVersion xxxxxxxxx has an invalid format. The APIVersion must be numeric and in "
                          "this pattern YYYYMMDD", "StatusCode": 400}


@pytest.mark.parametrize("database_url", DATABASES, indirect=True)
@pytest.mark.parametrize("path", ["send", "confirm", "groups/confirm", "208033600/cancel", "208033600/cancelreplace"])
def test_a_bad_api_version_is_refused_in_tradestations_words_on_every_endpoint(app, trader, path):
    data = {"OrderID": "208033600", "Quantity": "5"} if path.endswith("cancelreplace") else classic_order()
    answer = trader.jsonp(path, data=data, APIVersion="xxxxxxxxx")
    assert answer.status_code == 200
    assert wrapped_error(answer) == BAD_VERSION
    with app.extensions["tsbridge"].journal.engine.connect() as db:
        assert db.execute(select(orders)).first() is None       # refused before anything was written down


def raw_get(http, url):
    """GET the URL byte for byte (requests would decode %5F and %6F, unreserved characters, before sending)."""
    prepared = http.prepare_request(requests.Request("GET", url))
    prepared.url = url
    return http.send(prepared, timeout=10)


@pytest.mark.parametrize("name", ["oauth%5Ftoken", "%6Fauth_token", "oauth_toke%6E", "OAUTH%5FTOKEN"])
def test_the_inspector_masks_the_token_however_its_name_is_encoded(app, trader, name):
    data = quote(json.dumps(classic_order()))
    answer = raw_get(trader.http,
                     f"{trader.bridge}/jsonp/orders/confirm?callback=review&data={data}&{name}={trader.token}")
    assert answer.status_code == 200
    if name.startswith("OAUTH"):
        # Not the bridge's parameter (names are case-sensitive here): refused, and no record is kept.
        assert wrapped_error(answer, "review")["StatusCode"] == 401
        return
    record = trader.http.get(f"{trader.bridge}/inspector/exchanges/review").json()
    assert trader.token not in record["request"]
    assert f"{name}={mask_token(trader.token)}" in record["request"]
    with app.extensions["tsbridge"].journal.engine.connect() as db:
        assert trader.token not in repr(db.execute(select(exchanges)).mappings().all())


def test_mask_query_reads_names_as_the_server_does():
    from tradestation.redact import mask_query
    token = "a" * 40
    for name in ("oauth_token", "oauth%5Ftoken", "%6Fauth_token", "oauth_toke%6E", "oauth%5ftoken", "Oauth_Token"):
        masked = mask_query(f"callback=cb&{name}={token}&data=x")
        assert token not in masked and masked.startswith("callback=cb&") and masked.endswith("&data=x")
    assert mask_query("data=oauth_token&x=1") == "data=oauth_token&x=1"
