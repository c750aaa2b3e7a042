// The page's verdict on an answer, as a table: the fate rules decide on "Fate", never on the bridge's words.
import {test} from "node:test";
import assert from "node:assert/strict";
import {FATES, classify} from "../../static/ticket/verdict.js";
import {SENTENCES, sentence} from "../../static/ticket/words.js";

const messages = {NOT_YOUR_ACCOUNT: "Order failed. Reason: Request originator is not authorized to trade this account"};
const verdict = (outcome, code, text, rearm = false) => ({outcome, results: [], code, text, rearm});
const error = (StatusCode, Message, Fate) => (Fate === undefined ? {Message, StatusCode} : {Message, StatusCode, Fate});
const unreadable = verdict("unknown", null, SENTENCES.UNKNOWN);

const ROWS = [
  // [name, answer, expected verdict]
  ["classic placed", [{OrderStatus: "Ok", OrderID: 11, Message: "Sent"}],
   {outcome: "results", code: null, text: "", rearm: true, results: [{ok: true, status: "Ok", text: "Sent", orderId: "11"}]}],
  ["2015 rejected alone", {Status: "Failed", Id: 14, Message: "No"},
   {outcome: "results", code: null, text: "", rearm: true, results: [{ok: false, status: "Failed", text: "No", orderId: "14"}]}],
  ["401 session", error(401, "Unauthorized"), verdict("expired", 401, sentence("SESSION_REFUSED", "Unauthorized"))],
  ["401 another's account", error(401, messages.NOT_YOUR_ACCOUNT), verdict("refused", 401, messages.NOT_YOUR_ACCOUNT)],
  ["403 quota", error(403, "Quota Exceeded"), verdict("refused", 403, sentence("QUOTA", "Quota Exceeded"), true)],
  ["400 TradeStation", error(400, "Invalid account."), verdict("refused", 400, "Invalid account.", true)],
  ["404 TradeStation", error(404, "Not Found"), verdict("refused", 404, "Not Found", true)],
  ["500 TradeStation", error(500, "Internal Server Error"),
   verdict("unknown", 500, sentence("SERVER_PROBLEM", "Internal Server Error"))],
  ["504 TradeStation", error(504, "Gateway Timeout"), verdict("unknown", 504, sentence("FATE_UNKNOWN", "Gateway Timeout"))],
  // The bridge's own, by fate: whatever the words, and whatever the status.
  ["fate reused id", error(400, "any words", FATES.REUSED_ID), verdict("refused", 400, "any words", true)],
  ["fate in progress", error(409, "any words", FATES.IN_PROGRESS), verdict("unknown", 409, "any words")],
  ["fate not sent 503", error(503, "any words", FATES.NOT_SENT), verdict("refused", 503, "any words")],
  ["fate not sent 400", error(400, "v3 cannot", FATES.NOT_SENT), verdict("refused", 400, "v3 cannot")],
  ["fate may be placed 504", error(504, "any words", FATES.MAY_BE_PLACED), verdict("unknown", 504, "any words")],
  ["fate may be placed 500", error(500, "any words", FATES.MAY_BE_PLACED), verdict("unknown", 500, "any words")],
  ["a fate this page does not know", error(400, "new", "found_on_mars"), verdict("unknown", 400, "new")],
  ["a fate named like an object's own", error(400, "x", "constructor"), verdict("unknown", 400, "x")],
  // The bridge's old sentences, without a fate, decide nothing: a 503 is TradeStation's problem.
  ["words without a fate", error(503, "The order was not sent and can be placed again."),
   verdict("unknown", 503, sentence("SERVER_PROBLEM", "The order was not sent and can be placed again."))],
  ["wrapped in Error", {Error: error(404, "Not Found")}, verdict("refused", 404, "Not Found", true)],
  ["$& stays literal", error(500, "$& $' $`"), verdict("unknown", 500, sentence("SERVER_PROBLEM", "$& $' $`"))],
  ["undefined", undefined, unreadable],
  ["null", null, unreadable],
  ["text", "<b>garbage</b>", unreadable],
  ["empty object", {}, unreadable],
  ["status no status", {Message: "x", StatusCode: "abc"}, unreadable],
  ["status out of range", {Message: "x", StatusCode: 7}, unreadable],
  ["no results", [], unreadable],
  ["a null result", [null], unreadable],
  ["a result without a status", [{OrderStatus: "Ok"}, {Message: "x"}], unreadable]
];

for (const [name, answer, expected] of ROWS) {
  test(`classify: ${name}`, () => assert.deepEqual(classify(answer, messages), expected));
}

test("the sentences the page needs are there, and {message} is filled", () => {
  assert.equal(sentence("QUOTA", "Q"), "TradeStation's request quota is used up (Q): wait a few minutes and send again.");
  assert.throws(() => { SENTENCES.UNKNOWN = "x"; });
});
