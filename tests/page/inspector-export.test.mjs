// The inspector's export (static/inspector/export.js): the session's calls as JSON and as Markdown, every
// token masked whatever was revealed on screen.
import {test} from "node:test";
import assert from "node:assert/strict";
import {asJson, asMarkdown, exported, fenced, fileName} from "../../static/inspector/export.js";
import {newEntry} from "../../static/inspector/entry.js";

const PAGE = "http://127.0.0.1:5000/";
const AT = new Date("2024-01-02T03:04:05.678Z");
const TOKENS = ["first/token+0123456789", "second-token-9876543210"];

function session() {
  const order = encodeURIComponent('{"OrderConfirmId":"abc","Symbol":"MSFT"}');
  const toBridge = newEntry({label: "Send order", token: TOKENS[0], callback: "cb1", tokenMs: 0.4, started: 1,
                             url: "/jsonp/orders/send?APIVersion=20150101&oauth_token=" + encodeURIComponent(TOKENS[0]) +
                                  "&data=" + order + "&callback=cb1"},
                            {n: 1, page: PAGE, at: AT, extra: {revealed: true}});
  Object.assign(toBridge, {answer: {Ok: 1}, roundTrip: 30.2, record: {
    status: 200, headers: {"Content-Type": "text/javascript"}, body: "/**/cb1({})",
    durations: {total: 9, upstream: 6, journal: 1}, journal: {id: 4, kind: "send", state: "placed"},
    request: "GET /jsonp/orders/send?oauth_token=" + encodeURIComponent(TOKENS[0])}});
  const direct = newEntry({label: "Send raw order", token: TOKENS[1], callback: "cb2", tokenMs: 120, started: 2,
                           url: "http://127.0.0.1:5001/v2/jsonp/orders/send?oauth_token=" + TOKENS[1] +
                                "&data=%60%60%60not+json&callback=cb2"},
                          {n: 2, page: PAGE, at: AT});
  Object.assign(direct, {answer: {Message: "bad"}, roundTrip: 10, comparison: "The same answer as #1."});
  return [toBridge, direct];
}

test("an exported call holds what the panel shows, the data decoded when it is JSON", () => {
  const [toBridge, direct] = session();
  const one = exported(toBridge), two = exported(direct);
  assert.deepEqual(one.data, {OrderConfirmId: "abc", Symbol: "MSFT"});
  assert.deepEqual(one.answer, {status: 200, headers: {"Content-Type": "text/javascript"}, body: "/**/cb1({})"});
  assert.deepEqual(one.timings, {token_ms: 0.4, round_trip_ms: 30.2, bridge_ms: {total: 9, upstream: 6, journal: 1}});
  assert.deepEqual([one.target, one.method, one.at, one.replay_of, one.comparison],
                   ["this bridge", "GET", "2024-01-02T03:04:05.678Z", null, null]);
  assert.equal(two.data, "```not json");
  assert.equal(two.answer.status, null);
  assert.equal(two.answer.body, 'cb2({"Message":"bad"})');
  assert.match(two.answer.note, /^A page cannot read/);
  assert.deepEqual([two.target, two.journal, two.comparison], ["TradeStation directly", null, "The same answer as #1."]);
});

test("the JSON export is the session's calls, with no token in it, revealed or not", () => {
  const text = asJson(session(), {at: AT, origin: "http://127.0.0.1:5000", shown: 6});
  for (const token of TOKENS) {
    assert.ok(!text.includes(token) && !text.includes(encodeURIComponent(token)), token);
  }
  const parsed = JSON.parse(text);
  assert.equal(parsed.exported_at, "2024-01-02T03:04:05.678Z");
  assert.equal(parsed.page, "http://127.0.0.1:5000");
  assert.deepEqual(parsed.calls.map((call) => [call.n, call.label]), [[1, "Send order"], [2, "Send raw order"]]);
  assert.ok(parsed.calls[0].url.includes("oauth_token=first/…&"), parsed.calls[0].url);   // the encoded form too
});

test("the Markdown export tells each call in the panel's words, with no token in it", () => {
  const text = asMarkdown(session(), {at: AT, origin: "http://127.0.0.1:5000", shown: 6,
                                      resourceOf: (entry) => (entry.n === 1 ? {duration: 25} : null)});
  for (const token of TOKENS) {
    assert.ok(!text.includes(token) && !text.includes(encodeURIComponent(token)), token);
  }
  const lines = text.split("\n");
  assert.deepEqual(lines.slice(0, 3), ["# tsbridge: the JSONP calls of a ticket session", "",
                                       "Exported 2024-01-02T03:04:05.678Z from http://127.0.0.1:5000. Tokens are masked."]);
  assert.ok(lines.includes("## #1 Send order · this bridge · HTTP 200 · 30 ms"));
  assert.ok(lines.includes("## #2 Send raw order · TradeStation directly · answered · 10 ms"));
  assert.ok(text.includes('```json\n{\n  "OrderConfirmId": "abc",\n  "Symbol": "MSFT"\n}\n```'));
  assert.ok(text.includes("````\n```not json\n````"), "a fence longer than the backticks inside");
  assert.ok(lines.includes("- Script fetch (Resource Timing): 25 ms"));
  assert.ok(lines.includes("Journal: #4 · send · placed"));
  assert.ok(lines.includes("The same answer as #1."));
  assert.ok(lines.includes("- Callback: `cb1`") && lines.includes("- APIVersion: `20150101`"));
});

test("a fence is longer than any run of backticks in its text", () => {
  const table = [
    ["js", "plain",          "```js\nplain\n```"],
    ["",   "one ` tick",     "```\none ` tick\n```"],
    ["",   "``` three",      "````\n``` three\n````"],
    ["md", "a `````` b ``",  "```````md\na `````` b ``\n```````"],
  ];
  for (const [language, text, expected] of table) { assert.equal(fenced(language, text), expected); }
});

test("an export's file is named for its time, in UTC, to the second", () => {
  assert.equal(fileName(AT, "json"), "tsbridge-calls-20240102-030405.json");
  assert.equal(fileName(new Date("2024-12-31T23:59:59.999Z"), "md"), "tsbridge-calls-20241231-235959.md");
});
