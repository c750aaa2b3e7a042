// The order as each dialect writes it, and the JSONP call that carries it.
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {build, buildAs, callQuery, describe, expiration, fieldsOf, fill, newConfirmId, requestLineLength}
  from "../../static/ticket/request.js";

const rules = JSON.parse(readFileSync(new URL("./rules.json", import.meta.url)));
const ticket = {dialect: "classic", account: "11111111", asset: "EQ", side: "Buy", symbol: "MSFT", quantity: "10",
                type: "Limit", limit: "150.25", stop: "", tif: "GTD", route: "Intelligent", expiry: "2026-03-10"};

test("a classic order: the ticket's words, quantity as text, GTDDate as MM/DD/YYYY", () => {
  assert.deepEqual(build(ticket, {dialectName: "classic", rules, confirmId: "id1"}), {
    OrderConfirmId: "id1", AccountKey: "11111111", AssetType: "EQ", Symbol: "MSFT", Quantity: "10",
    OrderType: "Limit", LimitPrice: "150.25", TradeAction: "Buy", Duration: "GTD", GTDDate: "03/10/2026",
    Route: "Intelligent"});
});

test("the same ticket as a 2015 order: names, a number, the side and tif carried over", () => {
  const {order, lacking} = buildAs(ticket, {dialectName: "2015", rules, confirmId: "id1"});
  assert.deepEqual(lacking, []);
  assert.equal(order.AccountId, "11111111");
  assert.equal(order.AssetType, "Equity");
  assert.equal(order.Quantity, 10);
  assert.equal(order.Type, "Limit");
  assert.equal(order.Side, "Buy");
  assert.equal(order.TimeInForce, "GoodTillDate");
  assert.equal(order.TimeInForceExpiration, expiration("2026-03-10", false));
  assert.match(order.TimeInForceExpiration, /^2026-03-10T23:59:59[+-]\d\d:\d\d$/);
});

test("a choice with no equivalent in the other dialect is named, and kept as it is", () => {
  const {order, lacking} = buildAs({...ticket, side: "BuyToCover"}, {dialectName: "2015", rules, confirmId: "x"});
  assert.deepEqual(lacking, ["BuyToCover"]);
  assert.equal(order.Side, "BuyToCover");
});

test("a market order carries no prices; a day order no date", () => {
  const order = build({...ticket, type: "Market", tif: "DAY"}, {dialectName: "classic", rules, confirmId: "x"});
  assert.equal("LimitPrice" in order || "StopPrice" in order || "GTDDate" in order, false);
});

test("an OrderConfirmId is 22 characters of base64url, new each time", () => {
  const ids = new Set(Array.from({length: 50}, () => newConfirmId()));
  assert.equal(ids.size, 50);
  for (const id of ids) { assert.match(id, /^[A-Za-z0-9_-]{22}$/); }
});

test("a raw text is read for what can be read of it", () => {
  assert.deepEqual(fieldsOf('{"Symbol": "IBM"}'), {Symbol: "IBM"});
  assert.deepEqual(fieldsOf("[1]"), {});
  assert.deepEqual(fieldsOf("not json"), {});
  assert.equal(describe('{"OrderConfirmId": "abc"}', {dialectName: "classic", via: "upstream_jsonp", rules}),
               "raw order · TradeStation directly · classic · ticket abc");
});

test("the line under an answer says what was sent, and where", () => {
  const order = build(ticket, {dialectName: "classic", rules, confirmId: "id1"});
  assert.equal(describe(order, {dialectName: "classic", via: "bridge_jsonp", rules}),
               "Account 11111111 · limit 150.25 · " + rules.tif_labels.GTD + " until 03/10/2026 · this bridge · classic · ticket id1");
});

test("the call's query: the order as JSON, a raw text exactly as typed, nothing when there is no data", () => {
  assert.deepEqual(callQuery({apiVersion: "20101026", token: "t", data: {A: 1}}),
                   {APIVersion: "20101026", oauth_token: "t", data: '{"A":1}'});
  assert.equal(callQuery({apiVersion: "v", token: "t", data: " {raw "}).data, " {raw ");
  assert.equal("data" in callQuery({apiVersion: "v", token: "t", data: null}), false);
  assert.equal("OrderConfirmId" in callQuery({apiVersion: "v", token: "t", data: null}), false);
});

test("a cancel or change carries its OrderConfirmId in the query, so its URL run twice changes once", () => {
  assert.deepEqual(callQuery({apiVersion: "v", token: "t", data: null, confirmId: "c1"}),
                   {APIVersion: "v", oauth_token: "t", OrderConfirmId: "c1"});
});

test("the request line's length, and a placeholder filled", () => {
  assert.equal(requestLineLength("/jsonp/orders/send?a=1", "http://127.0.0.1:5000/"),
               "GET /jsonp/orders/send?a=1 HTTP/1.1".length);
  assert.equal(fill("/market/ACCOUNT/balances", "ACCOUNT", "a b"), "/market/a%20b/balances");
  assert.throws(() => fill("/q/SYMBOL", "SYMBOL", "\ud800"), URIError);
});
