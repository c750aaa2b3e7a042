// What the inspector says of a call's answer (static/inspector/figures.js), its story (story.js) and a
// replay against the first call (compare.js).
import {test} from "node:test";
import assert from "node:assert/strict";
import {answerFigures, bodyNote, journalWords, rawBody, recordNote, timings} from "../../static/inspector/figures.js";
import {storyOf} from "../../static/inspector/story.js";
import {comparison} from "../../static/inspector/compare.js";

const RECORD = {
  status: 200, body: '/**/cb({"Ok":1})', request: "GET /jsonp/orders/send?callback=cb",
  headers: {"Content-Type": "text/javascript; charset=utf-8", "jsonp-callback": "cb", "Server-Timing": "upstream;dur=3"},
  durations: {total: 12.2, upstream: 8.7, journal: 1.1},
  journal: {id: 5, kind: "send", state: "fate_unknown", summary: "Buy 10 MSFT @ Market", order_id: "", confirm_id: "abc",
            message: "in doubt"}
};

function entry(change) {
  return {n: 1, bridge: true, callback: "cb", record: null, notSent: false, failed: null, answer: undefined,
          recordNote: "", tokenMs: 0.3, roundTrip: 20, ...change};
}

test("the answer's figures: the bridge's record, else what a page can know", () => {
  const table = [
    [{record: RECORD}, [["HTTP status", "200"], ["Content-Type", "text/javascript; charset=utf-8"],
                        ["jsonp-callback", "cb"], ["Server-Timing", "upstream;dur=3"]]],
    [{},                               [["HTTP status", "…"]]],
    [{failed: "timeout"},              [["HTTP status", "none (timeout)"]]],
    [{bridge: false, answer: {}},      [["HTTP status", "not readable by a page (cross-origin)"],
                                        ["Content-Type", "not readable"], ["jsonp-callback", "not readable"]]],
    [{bridge: false, failed: "error"}, [["HTTP status", "none (error)"],
                                        ["Content-Type", "not readable"], ["jsonp-callback", "not readable"]]],
  ];
  for (const [change, expected] of table) { assert.deepEqual(answerFigures(entry(change)), expected, JSON.stringify(change)); }
});

test("the raw body: the bridge's bytes, else the answer wrapped again as TradeStation wraps it", () => {
  const table = [
    [{record: RECORD, answer: {Ok: 2}},                "/**/cb({\"Ok\":1})"],
    [{notSent: true, failed: "not sent"},              "(not sent)"],
    [{},                                               "(waiting)"],
    [{failed: "timeout"},                              "(no answer)"],
    [{bridge: false, answer: {Message: "</script>"}},  'cb({"Message":"</script>"})'],
    [{bridge: false, answer: null},                    "cb(null)"],
  ];
  for (const [change, expected] of table) { assert.equal(rawBody(entry(change)), expected, JSON.stringify(change)); }
});

test("the note under the body says where it came from", () => {
  assert.match(bodyNote(entry({record: RECORD})), /^As the bridge wrote it\. The \/\*\*\/ /);
  assert.equal(bodyNote(entry({recordNote: "kept back"})), "kept back");
  assert.match(bodyNote(entry({bridge: false})), /^A page cannot read the status/);
});

test("a missing record is explained by the status of its read", () => {
  const table = [
    [404, "The bridge kept no record of this call: it keeps one only for this page's own calls with a valid token."],
    [500, "The bridge's record of this call could not be read (500)."],
    [0,   "The bridge's record of this call could not be read (no answer)."],
  ];
  for (const [status, expected] of table) { assert.equal(recordNote(status), expected); }
});

test("the timings: the token's, the round trip, the script's fetch and the bridge's own parts", () => {
  const table = [
    [{tokenMs: 0.3}, null,
     [["Token", "the page's own, still fresh"], ["Round trip", "20 ms"]]],
    [{tokenMs: 140.4, record: RECORD}, {duration: 17.6},
     [["Token", "140 ms to fetch"], ["Round trip", "20 ms"], ["Script fetch (Resource Timing)", "18 ms"],
      ["Bridge in all", "12 ms"], ["… waiting for TradeStation", "9 ms"], ["… writing the journal", "1 ms"]]],
    [{tokenMs: null, bridge: false}, null,
     [["Token", "the replayed call's own"], ["Round trip", "20 ms"],
      ["TradeStation's own time", "not shown to a page on another origin"]]],
    [{notSent: true, roundTrip: null}, null,
     [["Token", "the page's own, still fresh"], ["Round trip", "none (not sent)"]]],
    [{roundTrip: null}, null,
     [["Token", "the page's own, still fresh"], ["Round trip", "—"]]],
  ];
  for (const [change, resource, expected] of table) {
    assert.deepEqual(timings(entry(change), resource), expected, JSON.stringify(change));
  }
});

test("the journal's row in words", () => {
  const table = [
    [{record: RECORD}, "#5 · send · fate unknown · Buy 10 MSFT @ Market · OrderConfirmId abc · in doubt"],
    [{record: {...RECORD, journal: {id: 6, kind: "cancel", state: "done", summary: "", order_id: "77",
                                    confirm_id: "", message: ""}}}, "#6 · cancel · done · order 77"],
    [{record: {...RECORD, journal: null}}, "None: this call does not place or change an order."],
    [{},                                   "—"],
    [{bridge: false, record: null},        "None: the bridge saw nothing of a call sent to TradeStation directly."],
  ];
  for (const [change, expected] of table) { assert.equal(journalWords(entry(change)), expected); }
});

test("a send to this bridge shows the story of the ticket it carried, and nothing else does", () => {
  const stories = {abc: {summary: "Buy 10 MSFT", lines: ["401: token refreshed", "retried: placed"]}};
  const send = "http://127.0.0.1:5000/jsonp/orders/send";
  const table = [
    [{base: send, data: '{"OrderConfirmId":"abc"}'},                      stories.abc],
    [{base: send, data: '{"OrderConfirmId":"xyz"}'},                      null],
    [{base: send, data: '{"OrderConfirmId":"constructor"}'},              null],
    [{base: send, data: '{"Symbol":"MSFT"}'},                             null],
    [{base: send, data: "null"},                                          null],
    [{base: send, data: "not json"},                                      null],
    [{base: send, data: null},                                            null],
    [{base: "http://127.0.0.1:5000/jsonp/orders/confirm", data: '{"OrderConfirmId":"abc"}'}, null],
    [{base: send, bridge: false, data: '{"OrderConfirmId":"abc"}'},       null],
  ];
  for (const [change, expected] of table) { assert.equal(storyOf(entry(change), stories), expected, JSON.stringify(change)); }
});

test("a replay says whether the answer was the same, and why nothing new was placed", () => {
  const row = RECORD.journal;
  const first = entry({n: 3, answer: {Ok: 1}, record: RECORD});
  const table = [
    [entry({answer: {Ok: 1}, record: RECORD}),
     "The same answer as #3. The bridge answered from its journal row #5 (OrderConfirmId abc): nothing new was sent to TradeStation."],
    [entry({answer: {Ok: 2}, record: {...RECORD, journal: {...row, confirm_id: ""}}}),
     "A different answer from #3. The bridge answered from its journal row #5: nothing new was sent to TradeStation."],
    [entry({answer: {Ok: 1}, record: {...RECORD, journal: {...row, id: 9}}}), "The same answer as #3."],
    [entry({answer: {Ok: 1}, record: {...RECORD, journal: null}}),            "The same answer as #3."],
    [entry({bridge: false, answer: {Ok: 1}}),
     "The same answer as #3. TradeStation itself answers a repeated OrderConfirmId with the results it gave first."],
  ];
  for (const [again, expected] of table) { assert.equal(comparison(first, again), expected); }
});
