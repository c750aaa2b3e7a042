// What a call was (static/inspector/entry.js) and the session's log of them (call-log.js).
import {test} from "node:test";
import assert from "node:assert/strict";
import {decoded, ms, newEntry, outcome, replayable, runsTwice, summary} from "../../static/inspector/entry.js";
import {CallLog} from "../../static/inspector/call-log.js";

const PAGE = "http://127.0.0.1:5000/";
const AT = new Date("2024-01-02T03:04:05.678Z");

function call(url, extra = {}) {
  return {label: "Send order", url, token: "a-token-long-enough", callback: "tsbridgeCall1_1", tokenMs: 0.2,
          started: 100, ...extra};
}

test("an entry reads its call's URL against the page, and knows the bridge by its origin", () => {
  const table = [
    // URL as the ticket told it                                               bridge  base
    ["/jsonp/orders/send?APIVersion=20150101&data=%7B%7D&callback=c",          true,   "http://127.0.0.1:5000/jsonp/orders/send"],
    ["http://127.0.0.1:5000/jsonp/orders/confirm?APIVersion=20101026",         true,   "http://127.0.0.1:5000/jsonp/orders/confirm"],
    ["http://127.0.0.1:5001/v2/jsonp/orders/send?APIVersion=20150101",         false,  "http://127.0.0.1:5001/v2/jsonp/orders/send"],
    ["https://api.tradestation.com/v2/jsonp/orders/send?data=x",               false,  "https://api.tradestation.com/v2/jsonp/orders/send"],
  ];
  for (const [url, bridge, base] of table) {
    const entry = newEntry(call(url), {n: 3, page: PAGE, at: AT});
    assert.equal(entry.bridge, bridge, url);
    assert.equal(entry.base, base, url);
    assert.equal(entry.url, new URL(url, PAGE).href);
  }
});

test("an entry takes the APIVersion and the data from its URL, as sent", () => {
  const entry = newEntry(call("/jsonp/orders/send?APIVersion=20150101&data=%7B%22a%22%3A1%7D"), {n: 1, page: PAGE, at: AT});
  assert.deepEqual([entry.apiVersion, entry.data, entry.n, entry.at, entry.revealed], ["20150101", '{"a":1}', 1, AT, false]);
  const bare = newEntry(call("/jsonp/accounts"), {n: 2, page: PAGE, at: AT});
  assert.deepEqual([bare.apiVersion, bare.data], [null, null]);
  const replay = newEntry(call("/x"), {n: 4, page: PAGE, at: AT, extra: {revealed: true, replayOf: 1}});
  assert.deepEqual([replay.revealed, replay.replayOf], [true, 1]);
});

test("the data parameter is shown pretty when it is JSON, as typed otherwise", () => {
  const table = [
    [null,               {pretty: "(none)", json: false}],
    ['{"a":1,"b":[2]}',  {pretty: '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}', json: true}],
    ["42",               {pretty: "42", json: true}],
    ['{"a":1,}',         {pretty: '{"a":1,}', json: false}],
    ["",                 {pretty: "", json: false}],
  ];
  for (const [text, expected] of table) { assert.deepEqual(decoded(text), expected, String(text)); }
});

test("a duration is whole milliseconds, or a dash when there is none", () => {
  const table = [[12.4, "12 ms"], [12.5, "13 ms"], [0, "0 ms"], [null, "—"], [undefined, "—"], [NaN, "—"],
                 [Infinity, "—"], ["5", "—"]];
  for (const [value, expected] of table) { assert.equal(ms(value), expected, String(value)); }
});

test("an entry's outcome and summary follow what it learnt, the bridge's record first", () => {
  const base = {n: 7, label: "Send order", bridge: true, record: null, notSent: false, failed: null,
                answer: undefined, roundTrip: null};
  const table = [
    [{},                                                  "waiting",   "#7 Send order · this bridge · waiting"],
    [{answer: {}, roundTrip: 41.6},                       "answered",  "#7 Send order · this bridge · answered · 42 ms"],
    [{answer: {}, roundTrip: 3, record: {status: 409}},   "HTTP 409",  "#7 Send order · this bridge · HTTP 409 · 3 ms"],
    [{failed: "timeout", roundTrip: 15000},               "no answer", "#7 Send order · this bridge · no answer · 15000 ms"],
    [{notSent: true, failed: "not sent"},                 "not sent",  "#7 Send order · this bridge · not sent"],
    [{bridge: false, answer: []},                         "answered",  "#7 Send order · TradeStation directly · answered"],
  ];
  for (const [change, expectedOutcome, expectedSummary] of table) {
    const entry = {...base, ...change};
    assert.equal(outcome(entry), expectedOutcome, JSON.stringify(change));
    assert.equal(summary(entry), expectedSummary);
  }
});

test("a call can be replayed once it ended, if it went out, one replay at a time", () => {
  const table = [
    [{answer: undefined, failed: null},                    false],   // still waiting
    [{answer: {}},                                         true],
    [{answer: undefined, failed: "timeout"},               true],
    [{answer: undefined, failed: "not sent", notSent: true}, false],
    [{answer: {}, replaying: true},                        false],
  ];
  for (const [entry, expected] of table) { assert.equal(replayable(entry), expected, JSON.stringify(entry)); }
});

test("the log numbers calls in the order told, and finds a call's entry by its callback", () => {
  const log = new CallLog(PAGE);
  const first = log.told(call("/a", {callback: "cb1"}), {at: AT});
  const second = log.told(call("/b", {callback: "cb2"}), {at: AT});
  assert.deepEqual([first.n, second.n], [1, 2]);
  assert.equal(log.forCallback("cb2"), second);
  assert.equal(log.forCallback("cb3"), null);
  assert.equal(log.numbered("1"), first);
  assert.equal(log.numbered(5), null);
});

test("a replay gets its own entry, and the first call keeps its callback's name", () => {
  const log = new CallLog(PAGE);
  const first = log.told(call("/a", {callback: "cb1"}), {at: AT});
  const again = log.record(call("/a", {callback: "cb1", tokenMs: null}), {at: AT, extra: {replayOf: 1}});
  assert.equal(again.n, 2);
  assert.equal(again.replayOf, 1);
  assert.equal(log.forCallback("cb1"), first);
  assert.deepEqual(log.entries, [first, again]);
});

test("a call that places or changes an order without an OrderConfirmId is one whose URL runs twice", () => {
  const id = encodeURIComponent('{"OrderConfirmId":"t1","Symbol":"MSFT"}'), none = encodeURIComponent('{"Symbol":"MSFT"}');
  const table = [
    // URL as the ticket told it                                    runs twice
    ["/jsonp/orders/send?data=" + id,                                false],
    ["/jsonp/orders/send?data=" + none,                              true],
    ["/jsonp/orders/send?data=not%20json",                           true],
    ["/jsonp/orders/208/cancel?APIVersion=20101026",                 true],
    ["/jsonp/orders/208/cancel?OrderConfirmId=c1",                   false],
    ["/jsonp/orders/208/cancelreplace?data=" + none + "&OrderConfirmId=c2", false],
    ["/jsonp/orders/confirm?data=" + none,                           false],   // a review places nothing
  ];
  for (const [url, twice] of table) {
    assert.equal(runsTwice(newEntry(call(url), {n: 1, page: PAGE, at: AT})), twice, url);
  }
});
