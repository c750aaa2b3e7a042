// The ticket's money-safety state: the double-submit, review-voiding and re-arming rules as tables.
import {test} from "node:test";
import assert from "node:assert/strict";
import {IllegalTransition, createTicketState} from "../../static/ticket/state.js";

function fresh() {
  let n = 0;
  const state = createTicketState({newId: () => "id" + (n += 1)});
  state.arm();
  return state;
}

const ORDER = {OrderConfirmId: "id1", Symbol: "MSFT"};
const KEY = "classic" + JSON.stringify(ORDER);
const RAW = '{"OrderConfirmId": "id1"}';

// Steps: each a function of the state; a table row plays some, then checks where the state is.
const step = {
  review: (s) => { s.begin({kind: "review"}); const askedAt = s.askedAt; s.settle();
                   s.review({order: ORDER, dialectName: "classic", via: "bridge_jsonp", reasons: [], askedAt}); },
  cautioned: (s) => { s.begin({kind: "review"}); const askedAt = s.askedAt; s.settle();
                      s.review({order: ORDER, dialectName: "classic", via: "bridge_jsonp", reasons: ["far"], askedAt}); },
  rawReview: (s) => { s.begin({kind: "review", raw: true}); const askedAt = s.askedAt; s.settle();
                      s.review({order: RAW, dialectName: "classic", via: "bridge_jsonp", reasons: [], askedAt}); },
  send: (s) => s.begin({kind: "order", key: KEY}),
  rawSend: (s) => s.begin({kind: "order", raw: true}),
  check: (s) => s.begin({kind: "check"}),
  placed: (s) => s.settle({definitive: true}),
  unknown: (s) => s.settle({definitive: false}),
  rawPlaced: (s) => s.settle({definitive: true, usedConfirmId: "elsewhere"}),
  rawPlacedWithTicketsId: (s) => s.settle({definitive: true, usedConfirmId: s.confirmId}),
  edit: (s) => s.edit(),
  rawEdit: (s) => s.rawEdit(),
  renew: (s) => s.renew(),
  voidReview: (s) => s.voidReview(),
  end: (s) => s.end()
};

function play(steps) {
  const state = fresh();
  for (const name of steps) { step[name](state); }
  return state;
}

const WHERE = [
  // [steps, {what the state says}]
  [[], {confirmId: "id1", busy: false, sent: false, canSubmit: true, reviewed: false}],
  [["send"], {busy: true, canSubmit: false, canRawSend: false}],
  [["send", "placed"], {busy: false, sent: true, canSubmit: false, confirmId: "id1"}],
  [["send", "unknown"], {sent: false, canSubmit: true, confirmId: "id1"}],        // the same id: never twice
  [["send", "placed", "edit"], {sent: false, canSubmit: true, confirmId: "id2"}],  // a new order
  [["send", "unknown", "edit"], {confirmId: "id1"}],
  [["send", "placed", "renew"], {sent: false, confirmId: "id2"}],
  [["review"], {reviewed: true, canSend: true}],
  [["review", "edit"], {reviewed: false, canSend: false}],
  [["review", "rawEdit"], {reviewed: true}],                                        // the ticket's review stays
  [["rawReview", "rawEdit"], {reviewed: false}],
  [["rawReview", "edit"], {reviewed: false}],
  [["review", "voidReview"], {reviewed: false}],
  [["review", "send"], {canSend: false, busy: true}],
  [["review", "send", "placed"], {canSend: false, sent: true}],
  [["cautioned"], {canSend: false, canSendAccepted: true}],
  [["review", "end"], {canSend: false, canSubmit: false, canRawSend: false}],
  [["rawSend", "rawPlaced"], {rawSent: true, canRawSend: false, confirmId: "id1"}],
  [["rawSend", "rawPlacedWithTicketsId"], {rawSent: true, confirmId: "id2"}],      // the ticket's id is spent
  [["send", "placed", "rawSend", "rawPlacedWithTicketsId"], {confirmId: "id1", sent: true}],
  [["rawSend", "unknown"], {rawSent: false, canRawSend: true, confirmId: "id1"}],
  [["rawSend", "rawPlaced", "rawEdit"], {rawSent: false, canRawSend: true}],
  [["send", "placed", "rawSend", "edit"], {busy: true, confirmId: "id2", sent: false}],  // raw in flight: ticket renewed
  // What the review's button says: "Sent" only of what is under review, never of the other order.
  [["review", "send", "placed"], {reviewSent: true}],
  [["send", "placed", "rawReview"], {sent: true, reviewSent: false, canSend: true}],
  [["send", "placed", "rawReview", "rawSend", "rawPlaced"], {reviewSent: true, canSend: false}],
  [["rawReview", "rawSend", "rawPlaced"], {sent: false, reviewSent: true}]
];

function says(state) {
  return {confirmId: state.confirmId, busy: state.busy, sent: state.sent, rawSent: state.rawSent,
          reviewed: state.reviewed !== null, canSubmit: state.canSubmit(), canRawSend: state.canRawSend(),
          canSend: state.canSend(false), canSendAccepted: state.canSend(true), reviewSent: state.reviewSent};
}

for (const [steps, expected] of WHERE) {
  test(`after ${steps.join(", ") || "arming"}`, () => {
    const said = says(play(steps));
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, said[key]])), expected);
  });
}

const ILLEGAL = [
  // [steps, the step that must throw]: double submits, and sends that skip a rule
  [["send"], "send"],
  [["send"], "rawSend"],
  [["review", "send"], "check"],
  [["send", "placed"], "send"],               // an answered ticket, sent again without an edit
  [["send", "placed"], "check"],
  [["rawSend", "rawPlaced"], "rawSend"],
  [["end"], "send"],
  [["end"], "check"],
  [[], "placed"],                             // an answer with nothing in flight
  [["send", "placed"], "unknown"],
  [["send"], "renew"]                         // a new id under the ticket's order in flight
];
for (const [steps, illegal] of ILLEGAL) {
  test(`${illegal} after ${steps.join(", ") || "arming"} is refused`, () => {
    const state = play(steps);
    assert.throws(() => step[illegal](state), IllegalTransition);
  });
}

test("a review answered after an edit is stale: it cannot be shown", () => {
  const state = fresh();
  state.begin({kind: "review"});
  const askedAt = state.askedAt;
  state.edit();
  state.settle();
  assert.equal(state.isStale(askedAt), true);
  assert.throws(() => state.review({order: ORDER, dialectName: "classic", via: "b", reasons: [], askedAt}),
                IllegalTransition);
  assert.equal(state.reviewed, null);
});

test("a changed ticket is not sent under the id it was sent with before", () => {
  const state = fresh();
  step.send(state);
  step.unknown(state);
  assert.equal(state.needsNewId(KEY), false);
  assert.equal(state.needsNewId(KEY + "changed"), true);
  assert.throws(() => state.begin({kind: "order", key: KEY + "changed"}), IllegalTransition);
  state.arm();
  state.begin({kind: "order", key: KEY + "changed"});
  assert.equal(state.confirmId, "id2");
});

test("one click: a check turns into a review or the order, and only a check does", () => {
  const state = fresh();
  state.begin({kind: "check"});
  state.proceed({kind: "order", key: KEY});
  assert.throws(() => state.proceed({kind: "review"}), IllegalTransition);
  state.settle({definitive: true});
  assert.equal(state.sent, true);
});

test("listeners hear each transition by name", () => {
  const state = fresh(), heard = [];
  state.onChange((name) => heard.push(name));
  step.review(state);
  state.edit();
  assert.deepEqual(heard, ["begin", "settle", "review", "edit"]);
});

test("a settled call tells its listeners what was answered: a review places nothing, an order may have", () => {
  const table = [
    // the call, then what the listeners hear with "settle"
    [(s) => { s.begin({kind: "review"}); }, {kind: "review"}],
    [(s) => { s.begin({kind: "order", key: KEY}); }, {kind: "order"}],
    [(s) => { s.begin({kind: "order", raw: true}); }, {kind: "order"}],
    [(s) => { s.begin({kind: "check"}); }, {kind: "check"}],
    [(s) => { s.begin({kind: "check"}); s.proceed({kind: "order", key: KEY}); }, {kind: "order"}],
  ];
  for (const [call, detail] of table) {
    const state = fresh(), heard = [];
    call(state);
    state.onChange((name, told) => heard.push([name, told]));
    state.settle();
    assert.deepEqual(heard, [["settle", detail]]);
  }
});
