"""The bridge with API v3 upstream (TS_BASE_URL ending in /v3), against the simulator's v3 face over real
HTTP: sign-in through Auth0's calls with PKCE, every order call of both v2 dialects through the bridge's
JSONP endpoints, answered in the v2 shapes, and what v3 cannot do refused before anything is sent."""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bridge.refusals import MayBePlaced, NotInV3
from harness.jsonp import unwrap
from harness.keys import SECRET_KEY
from harness.orders import RESTING, classic_order, global_order
from harness.sim_admin import admin
from harness.trader import Trader


@pytest.fixture
def bridge_config(simulator):
    return {"TS_BASE_URL": simulator.url + "/v3"}


def answer(response):
    return unwrap(response)


def orders_placed(simulator):
    return admin(simulator, "stats")["orders"]


# --- signing in ---------------------------------------------------------------------------------------
def test_login_goes_to_auth0s_authorize_with_audience_scopes_state_and_pkce(bridge, simulator):
    started = requests.get(f"{bridge.url}/login", allow_redirects=False)
    assert started.status_code == 302
    target = urlsplit(started.headers["Location"])
    query = {key: values[0] for key, values in parse_qs(target.query).items()}
    assert f"{target.scheme}://{target.netloc}{target.path}" == simulator.url + "/authorize"
    assert query["response_type"] == "code" and query["client_id"] == "demo-client"
    assert query["audience"] == "https://api.tradestation.com"
    assert query["scope"].split() == ["openid", "offline_access", "MarketData", "ReadAccount", "Trade"]
    assert query["code_challenge_method"] == "S256" and re.fullmatch(r"[A-Za-z0-9_\-]{43}", query["code_challenge"])
    assert len(query["state"]) >= 20
    # The verifier never travels in a URL.
    assert "code_verifier" not in query


def test_the_user_is_the_id_tokens_subject(trader, bridge):
    assert trader.http.get(f"{bridge.url}/auth/token").json()["userid"] == "demo"


def test_a_callback_this_browser_did_not_start_is_refused(bridge, simulator):
    # A code taken to the bridge's callback by a browser that did not start the login: no state, no verifier.
    http = requests.Session()
    refused = http.get(f"{bridge.url}/callback", params={"code": "stolen", "state": "guessed"})
    assert refused.status_code == 400
    assert "could not be matched" in refused.text


@pytest.mark.parametrize("simulator_config", [{"SIM_ROTATE_REFRESH": "on"}], indirect=True)
def test_rotating_refresh_tokens_are_kept_each_refresh(trader, bridge, simulator):
    for _ in range(3):
        admin(simulator, "expire-tokens", {})
        # The bridge's own refresh after v3's 401; with rotation on, each refresh needs the previous one's token.
        placed = answer(trader.jsonp("send", classic_order(**RESTING), APIVersion="20101026"))
        assert placed[0]["OrderStatus"] == "Ok", placed
        trader.token = trader.http.get(f"{bridge.url}/auth/token").json()["access_token"]
    assert orders_placed(simulator) == 3


# --- placing, in both dialects -------------------------------------------------------------------------
def test_a_classic_order_is_placed_and_answered_as_a_classic_order_result(trader, simulator):
    placed = answer(trader.jsonp("send", classic_order(), APIVersion="20101026"))
    assert placed == [{"Message": "Sent order: Buy 10 MSFT @ Market", "OrderID": placed[0]["OrderID"],
                       "OrderStatus": "Ok"}]
    assert placed[0]["OrderID"].isdigit()


def test_a_2015_order_is_answered_as_a_2015_order_result_with_its_own_confirm_id(trader):
    order = global_order(OrderConfirmId=str(uuid.uuid4()))
    placed = answer(trader.jsonp("send", order, APIVersion="20150101"))
    assert placed == [{"OrderConfirmId": order["OrderConfirmId"], "Id": placed[0]["Id"], "Status": "Success",
                       "Message": "Sent order: Buy 5 IBM @ 1.00 Limit", "Orders": [{"Id": str(placed[0]["Id"])}]}]


def test_a_guid_confirm_id_travels_as_its_22_character_form_and_a_repeat_places_nothing(trader, simulator, bridge):
    guid = "1f0c3a5e-7b9d-4c2e-8a61-0d2f4b6c8e10"
    order = global_order(OrderConfirmId=guid)
    first = answer(trader.jsonp("send", order, APIVersion="20150101"))
    again = answer(trader.jsonp("send", order, APIVersion="20150101"))
    assert first == again and orders_placed(simulator) == 1
    listed = trader.http.get(f"{bridge.url}/market/orders/281994").json()
    assert [entry["OrderConfirmId"] for entry in listed] == ["Hww6XnudTC6KYQ0vS2yOEA"]


def test_the_same_ticket_through_two_bridges_is_placed_once_by_tradestation(trader, simulator, tmp_path):
    # A second journal knows nothing of the first: only v3's OrderConfirmID keeps the order single.
    from app import create_app
    from simulator.server import serve_in_thread
    other = create_app({"TESTING": True, "TS_BASE_URL": simulator.url + "/v3", "SECRET_KEY": SECRET_KEY,
                        "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}"})
    server = serve_in_thread(other)
    try:
        order = global_order(OrderConfirmId=str(uuid.uuid4()))
        first = answer(trader.jsonp("send", order, APIVersion="20150101"))
        second = answer(Trader(server.url).jsonp("send", order, APIVersion="20150101"))
    finally:
        server.shutdown()
    assert first[0]["Id"] == second[0]["Id"] and orders_placed(simulator) == 1


def test_an_order_tradestation_fails_is_a_failed_result_in_the_dialect(trader):
    # Beyond the cash account's buying power: v3 lists it under Errors.
    failed = answer(trader.jsonp("send", classic_order(Quantity="1000000"), APIVersion="20101026"))
    assert failed[0]["OrderStatus"] == "Failed"
    assert failed[0]["Message"] == "Order failed. Reason: Insufficient buying power"
    failed = answer(trader.jsonp("send", global_order(Quantity=1000000, LimitPrice="400"), APIVersion="20150101"))
    assert failed[0]["Status"] == "Failed" and "Insufficient buying power" in failed[0]["Message"]


def test_a_v3_refusal_is_the_jsonp_message_and_status(trader, bridge):
    token = trader.http.get(f"{bridge.url}/auth/token").json()["access_token"]
    refused = answer(trader.jsonp("send", classic_order(AccountKey="700001"), APIVersion="20101026"))
    # The other user's account, refused with a 401 as on v2: TradeStation's words, not "Unauthorized", which
    # would have the bridge (and then the page) refresh a good token and send the order again for nothing.
    assert refused == {"Message": "Order failed. Reason: Request originator is not authorized to trade this account",
                       "StatusCode": 401}
    assert trader.http.get(f"{bridge.url}/auth/token").json()["access_token"] == token
    row = trader.journal()[0]
    assert row["state"] in ("rejected", "not_sent") and row["message"] == refused["Message"]


# --- reviewing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("order, api_version", [(classic_order(), "20101026"), (global_order(), "20150101")])
def test_a_review_is_v2s_confirmation_with_its_display_figures(trader, order, api_version):
    confirmed = answer(trader.jsonp("confirm", order, APIVersion=api_version))
    assert len(confirmed) == 1
    confirmation = confirmed[0]
    assert confirmation["OrderConfirmId"] == order["OrderConfirmId"]
    assert confirmation["Account"] == "281994"
    assert isinstance(confirmation["EstimatedCost"], float) and confirmation["EstimatedCostDisplay"]
    assert confirmation["SummaryMessage"].startswith("Buy ")
    assert trader.journal() == []       # a review places nothing


# --- changing and cancelling -----------------------------------------------------------------------------
def test_an_order_is_changed_and_cancelled_through_v3(trader, bridge):
    placed = answer(trader.jsonp("send", classic_order(**RESTING), APIVersion="20101026"))
    order_id = placed[0]["OrderID"]
    change = {"AccountKey": "281994", "OrderID": order_id, "OrderType": "Limit", "Quantity": "20", "LimitPrice": "1.10"}
    changed = answer(trader.jsonp(f"{order_id}/cancelreplace", change))
    assert changed["OrderStatus"] == "Ok" and changed["Message"] == "Cancel/Replace order sent."
    listed = {entry["OrderID"]: entry for entry in trader.http.get(f"{bridge.url}/market/orders/281994").json()}
    assert listed[order_id]["Quantity"] == 20 and listed[order_id]["LimitPrice"] == 1.1
    cancelled = answer(trader.jsonp(f"{order_id}/cancel"))
    assert cancelled == {"Message": "Cancel order sent.", "OrderID": order_id, "OrderStatus": "Ok"}
    # The same cancel again is a repeat, answered as the first time; under an OrderConfirmId of its own it is sent,
    # and answered as v2 answered it (TradeStation's documented failed cancel): a Failed Order Result.
    assert answer(trader.jsonp(f"{order_id}/cancel")) == cancelled
    again = answer(trader.jsonp(f"{order_id}/cancel", OrderConfirmId="cancel-again"))
    assert again == {"Message": "Not an open order.", "OrderID": order_id, "OrderStatus": "Failed"}
    kinds = [(row["kind"], row["state"]) for row in trader.journal()]
    assert kinds == [("cancel", "rejected"), ("cancel", "placed"), ("cancelreplace", "placed"), ("send", "placed")]


# --- what v3 cannot do -------------------------------------------------------------------------------------
@pytest.mark.parametrize("order, api_version, field, value", [
    (classic_order(AccountKey="12345", AssetType="FX", Symbol="USDJPY", Quantity="20000"), "20101026",
     "AssetType", "FX"),
    (global_order(AssetType="Forex", Symbol="EURUSD", Quantity=10000), "20150101", "AssetType", "FX"),
    (global_order(Side="Genbiki"), "20150101", "Side", "Genbiki"),
    (global_order(Side="Genwatashi"), "20150101", "Side", "Genwatashi"),
    (global_order(Side="SellShortExempt"), "20150101", "Side", "SellShortExempt"),
    (global_order(TimeInForce="GoodTillCrossing"), "20150101", "TimeInForce", "GoodTillCrossing"),
    (global_order(TimeInForce="AMOnly"), "20150101", "TimeInForce", "AMOnly"),
    (global_order(TimeInForce="PMOnly"), "20150101", "TimeInForce", "PMOnly"),
    (global_order(FundSource="Cash"), "20150101", "FundSource", "Cash"),
])
@pytest.mark.parametrize("call", ["send", "confirm"])
def test_what_v3_cannot_do_is_refused_before_anything_is_sent(trader, simulator, order, api_version, field, value,
                                                              call):
    refused = answer(trader.jsonp(call, order, APIVersion=api_version))
    assert refused == {"Message": NotInV3(field, value).message, "StatusCode": 400, "Fate": "not_sent"}
    assert trader.journal() == [] and orders_placed(simulator) == 0


def test_the_documented_jsonp_example_is_refused_as_forex(trader, simulator):
    from urllib.parse import unquote

    from harness.orders import DOCUMENTED_DATA
    refused = answer(trader.jsonp("send", unquote(DOCUMENTED_DATA)))
    assert refused == {"Message": NotInV3("AssetType", "FX").message, "StatusCode": 400, "Fate": "not_sent"}
    assert orders_placed(simulator) == 0


# --- a dropped answer, reconciled from v3's order list --------------------------------------------------
def test_an_order_whose_answer_was_dropped_is_found_in_v3s_order_list(trader, simulator):
    admin(simulator, "faults", {"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "after"})
    order = global_order(OrderConfirmId=str(uuid.uuid4()))
    found = answer(trader.jsonp("send", order, APIVersion="20150101"))
    admin(simulator, "faults", {"SIM_DROP_RATE": 0.0})
    assert found[0]["Status"] == "Success" and found[0]["OrderConfirmId"] == order["OrderConfirmId"]
    row = trader.journal()[0]
    assert row["state"] == "placed" and "found at TradeStation" in row["message"] and row["found_later"] is True
    # Sent again, the ticket gets the recorded answer: nothing more is placed.
    assert answer(trader.jsonp("send", order, APIVersion="20150101")) == found
    assert orders_placed(simulator) == 1


def test_an_order_dropped_before_it_was_recorded_stays_unknown_and_is_not_resent(trader, simulator):
    admin(simulator, "faults", {"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "before"})
    order = classic_order()
    unsure = answer(trader.jsonp("send", order, APIVersion="20101026"))
    assert unsure["StatusCode"] == 504 and MayBePlaced.ADVICE in unsure["Message"]
    again = answer(trader.jsonp("send", order, APIVersion="20101026"))
    assert MayBePlaced.ADVICE in again["Message"] and orders_placed(simulator) == 0
    assert trader.journal()[0]["state"] == "unknown"


# --- the ticket and its market context ------------------------------------------------------------------
def test_the_ticket_lists_v3s_accounts_and_offers_no_direct_jsonp(trader, bridge):
    page = trader.http.get(f"{bridge.url}/").text
    assert 'value="281994"' in page and 'value="987654"' in page
    assert "upstream_jsonp" not in page and "TradeStation directly" not in page


def test_today_s_orders_read_as_the_page_reads_them(trader, bridge):
    placed = answer(trader.jsonp("send", classic_order(**RESTING), APIVersion="20101026"))
    listed = trader.http.get(f"{bridge.url}/market/orders/281994").json()
    entry = listed[0]
    assert entry["OrderID"] == placed[0]["OrderID"] and entry["AccountID"] == "281994"
    assert (entry["Type"], entry["Quantity"], entry["Symbol"], entry["OrderType"]) == ("Buy", 10, "ARNA", "Limit")
    assert entry["Status"] == "OPN" and entry["Duration"] == "GTC" and entry["LimitPrice"] == 1.0
    # v3 lists the limit bare ("1"); the page shows it as v2 did.
    assert entry["LimitPriceText"] == "1.00" and entry["StopPriceText"] == ""


def test_a_quote_reads_as_the_page_reads_it(trader, bridge, simulator):
    admin(simulator, "price", {"Symbol": "MSFT", "Last": "420.00"})
    quotes = trader.http.get(f"{bridge.url}/market/quote/MSFT")
    assert quotes.status_code == 200, quotes.text
    quote = quotes.json()[0]
    assert quote["Symbol"] == "MSFT" and quote["Last"] > 0 and quote["Bid"] > 0 and quote["Ask"] >= quote["Bid"]
    # Shown with MSFT's two decimals (its symbol details' PriceFormat), as v2 showed it, not v3's bare "420".
    assert (quote["LastPriceDisplay"], quote["AskPriceDisplay"], quote["BidPriceDisplay"]) == \
        ("420.00", "420.00", "419.99")


def test_balances_and_positions_read_as_the_page_reads_them(trader, bridge, simulator):
    admin(simulator, "price", {"Symbol": "MSFT", "Last": "420.00"})
    answer(trader.jsonp("send", classic_order(), APIVersion="20101026"))      # a market buy fills at once
    balances = trader.http.get(f"{bridge.url}/market/balances/281994")
    assert balances.status_code == 200, balances.text
    balance = balances.json()[0]
    assert balance["RealTimeBuyingPower"] > 0 and isinstance(balance["RealTimeAccountBalance"], float)
    positions = trader.http.get(f"{bridge.url}/market/positions/281994")
    assert positions.status_code == 200, positions.text
    position = positions.json()[0]
    assert (position["Symbol"], position["Quantity"], position["LongShort"]) == ("MSFT", 10, "L")
    assert (position["AveragePriceDisplay"], position["LastPriceDisplay"]) == ("420.00", "420.00")


# --- groups, OSOs, trailing stops ---------------------------------------------------------------------------
def test_a_group_is_reviewed_through_v3s_ordergroupconfirm(trader):
    group = {"Type": "OCO", "Orders": [classic_order(**RESTING), classic_order(**{**RESTING, "LimitPrice": "0.99"})]}
    confirmed = answer(trader.jsonp("groups/confirm", group, APIVersion="20101026"))
    assert [entry["SummaryMessage"] for entry in confirmed] == ["Buy 10 ARNA @ 1.00 Limit", "Buy 10 ARNA @ 0.99 Limit"]
    assert [entry["OrderConfirmId"] for entry in confirmed] == [order["OrderConfirmId"] for order in group["Orders"]]
    assert all(entry["Duration"] == "GTC" and "TimeInForce" not in entry for entry in confirmed)


def test_a_group_with_a_member_v3_cannot_carry_is_refused_whole(trader, simulator):
    forex = classic_order(AccountKey="12345", AssetType="FX", Symbol="USDJPY", Quantity="20000", OrderType="Limit",
                          LimitPrice="100")
    refused = answer(trader.jsonp("groups/confirm", {"Type": "OCO", "Orders": [classic_order(**RESTING), forex]},
                                  APIVersion="20101026"))
    assert refused == {"Message": NotInV3("AssetType", "FX").message, "StatusCode": 400, "Fate": "not_sent"}


def test_an_order_with_an_oso_is_placed_with_its_child(trader, bridge):
    child = {key: value for key, value in classic_order(TradeAction="Sell", OrderType="Limit", LimitPrice="500",
                                                        Duration="GTC").items() if key != "OrderConfirmId"}
    placed = answer(trader.jsonp("send", classic_order(**RESTING, OSOs=[{"Type": "NORMAL", "Orders": [child]}]),
                                 APIVersion="20101026"))
    assert placed[0]["OrderStatus"] == "Ok"
    listed = trader.http.get(f"{bridge.url}/market/orders/281994").json()
    assert sorted(entry["Symbol"] for entry in listed) == ["ARNA", "MSFT"]


@pytest.mark.parametrize("stop, trail", [({"ByPoints": True, "Value": 5}, "$5"),
                                         ({"ByPoints": False, "Value": "2"}, "2%")])
def test_a_trailing_stop_travels_as_amount_or_percent(trader, stop, trail):
    # In the margin account: a cash account's preview of a sale of what it does not hold is refused.
    order = classic_order(AccountKey="987654", TradeAction="Sell", OrderType="StopMarket", StopPrice="400",
                          AdvancedOptions={"TrailingStop": stop})
    confirmed = answer(trader.jsonp("confirm", order, APIVersion="20101026"))
    assert confirmed[0]["SummaryMessage"].endswith(f"Trl: {trail}"), confirmed


def test_v3s_too_many_requests_is_the_jsonp_refusal_and_nothing_is_journaled_as_placed(trader, simulator):
    # Order calls are in no quota category: the refusal is the queued one, which reviews do not meet.
    admin(simulator, "next-orders", {"fault": "quota", "count": 1})
    for _ in range(2):
        assert "SummaryMessage" in answer(trader.jsonp("confirm", classic_order(), APIVersion="20101026"))[0]
    refused = answer(trader.jsonp("send", classic_order(), APIVersion="20101026"))
    assert refused == {"Message": "Quota Exceeded", "StatusCode": 429}
    assert trader.journal()[0]["state"] == "not_sent" and orders_placed(simulator) == 0


@pytest.mark.parametrize("simulator_config", [{"SIM_V3_LIST_CONFIRM_ID": "off"}], indirect=True)
def test_an_order_list_as_v3_documents_it_cannot_settle_a_lost_answer_and_nothing_is_sent_twice(trader, simulator,
                                                                                                 bridge):
    # v3's Order object has no OrderConfirmID: absence from the list proves nothing, so the order stays unknown.
    admin(simulator, "faults", {"SIM_DROP_RATE": 1.0, "SIM_DROP_WHEN": "after"})
    order = classic_order(**RESTING)
    unsure = answer(trader.jsonp("send", order, APIVersion="20101026"))
    admin(simulator, "faults", {"SIM_DROP_RATE": 0.0})
    assert unsure["StatusCode"] == 504 and MayBePlaced.ADVICE in unsure["Message"]
    assert "OrderConfirmId" not in trader.http.get(f"{bridge.url}/market/orders/281994").json()[0]
    again = answer(trader.jsonp("send", order, APIVersion="20101026"))
    assert MayBePlaced.ADVICE in again["Message"]
    assert [row["state"] for row in trader.journal()] == ["unknown"] and orders_placed(simulator) == 1


def test_a_futures_quote_carries_its_point_value_for_the_guard_rail(trader, bridge):
    # v3's quote has no point value; the bridge takes it (and the description) from v3's symbol details,
    # GET /v3/marketdata/symbols/{symbols}: without it an E-mini order's value would read 50 times too small.
    quote = trader.http.get(f"{bridge.url}/market/quote/ESZ26").json()[0]
    assert quote["PointValue"] == 50 and quote["Description"] == "E-mini S&P 500 Dec 2026"


def test_a_futures_quote_carries_its_tick_from_the_symbol_details(trader, bridge):
    # v2's MinMove, which the page checks a price's tick by, is v3's PriceFormat.Increment.
    assert trader.http.get(f"{bridge.url}/market/quote/ESZ26").json()[0]["MinMove"] == 0.25
    assert trader.http.get(f"{bridge.url}/market/quote/MSFT").json()[0]["MinMove"] == 0.01


def test_a_code_signed_in_one_browser_cannot_finish_the_login_in_another(bridge, simulator):
    # Two logins started in two browsers, each with its own state and PKCE verifier in its own session.
    from harness.login import sign_in
    first, second = requests.Session(), requests.Session()
    page = first.get(f"{bridge.url}/login")
    second.get(f"{bridge.url}/login", allow_redirects=False)
    landed = sign_in(first, page, "demo", "demo", allow_redirects=False)
    callback = landed.headers["Location"]
    # The second browser's session has its own state: the first's callback is refused before any exchange.
    refused = second.get(callback)
    assert refused.status_code == 400
    # The first browser finishes its own login.
    assert first.get(callback).url.rstrip("/") == bridge.url


@pytest.mark.parametrize("kind", ["balances", "positions"])
def test_another_users_account_is_refused_not_shown_empty(trader, bridge, kind):
    # v3 answers 200 with the account under "Errors"; read as an empty list, the ticket would say the account
    # has no positions (or show no balance). v2 refused it with a 401 and TradeStation's words.
    refused = trader.http.get(f"{bridge.url}/market/{kind}/700001")
    assert refused.status_code == 401
    assert refused.json() == {
        "Message": "Order failed. Reason: Request originator is not authorized to trade this account",
        "StatusCode": 401}


def test_the_quote_strip_costs_one_quote_snapshot_a_refresh_as_on_v2(trader, bridge):
    # TradeStation allows 30 quote snapshots a minute (tradestation/quotas.py), and the simulator counts them. A
    # symbol's description and point value do not change during the day: v3's symbol details are asked once, and
    # the strip's refresh costs one snapshot, so the 31st refresh of the minute is the one refused.
    for _ in range(30):
        quoted = trader.http.get(f"{bridge.url}/market/quote/ESZ26")
        assert quoted.status_code == 200, quoted.text
        assert quoted.json()[0]["PointValue"] == 50
    assert trader.http.get(f"{bridge.url}/market/quote/ESZ26").status_code == 429
