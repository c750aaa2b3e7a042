/* What a JSONP answer means for the order, from the answer and TradeStation's words alone. The bridge's
   own refusals say what became of the order in "Fate" (bridge/refusals.py); the page decides on that, never
   on their sentences. TradeStation's answers carry no Fate: their StatusCode decides. No DOM here. */
import {SENTENCES, sentence} from "./words.js";

export const FATES = Object.freeze({NOT_SENT: "not_sent", MAY_BE_PLACED: "may_be_placed",
                                    IN_PROGRESS: "in_progress", REUSED_ID: "reused_id"});

export function isOrderResult(entry) {
  return entry !== null && typeof entry === "object" && !Array.isArray(entry) &&
         Boolean(entry.OrderStatus || entry.Status);
}

// TradeStation's confirmation of what it would place; nothing is placed by asking.
export function isConfirmation(entry) {
  return entry !== null && typeof entry === "object" && typeof entry.SummaryMessage === "string";
}

export function isHttpStatus(code) { return code % 1 === 0 && code >= 100 && code <= 599; }

function orderResult(entry) {   // either dialect: classic OrderStatus/OrderID, 2015 Status/Id
  const orderId = entry.OrderID || entry.Id;
  return {ok: entry.OrderStatus === "Ok" || entry.Status === "Success",
          status: String(entry.OrderStatus || entry.Status), text: String(entry.Message || ""),
          orderId: orderId ? String(orderId) : null};
}

// The verdicts other than results. An unknown fate keeps the ticket: sending it again cannot place twice.
function verdict(outcome, code, text, rearm) { return {outcome, results: [], code, text, rearm}; }
function refused(code, text, rearm) { return verdict("refused", code, text, rearm); }
function unknown(code, text) { return verdict("unknown", code, text, false); }

// The bridge's account of its own refusal is shown whole: it knows whether the order left.
const BY_FATE = {
  [FATES.MAY_BE_PLACED]: (code, message) => unknown(code, message),
  [FATES.IN_PROGRESS]: (code, message) => unknown(code, message),
  [FATES.NOT_SENT]: (code, message) => refused(code, message, false),    // the same ticket may go again
  [FATES.REUSED_ID]: (code, message) => refused(code, message, true)     // its id is spent: a new ticket
};

/* {outcome, results, code, text, rearm}
   outcome  "results"  TradeStation's Order Results, in results as {ok, status, text, orderId};
            "expired"  the session was refused (401): worth one token refresh and a retry of the same ticket;
            "refused"  refused, and nothing was placed;
            "unknown"  the order may or may not have been placed, or is still being placed.
   code     the answer's StatusCode, or null; text: what to tell the trader (empty for results).
   rearm    true when the ticket is done with and the next order needs a new OrderConfirmId; false keeps
            it, so that sending the same ticket again can never place it twice.
   messages: TradeStation's words (the page's rules.messages). */
export function classify(answer, messages) {
  if (answer && answer.Error) { answer = answer.Error; }
  if (Array.isArray(answer) || isOrderResult(answer)) {
    const entries = [].concat(answer);
    if (entries.length && entries.every(isOrderResult)) {
      return {outcome: "results", results: entries.map(orderResult), code: null, text: "", rearm: true};
    }
    return unknown(null, SENTENCES.UNKNOWN);      // results nobody can read say nothing of the order
  }
  const code = answer ? Number(answer.StatusCode) : NaN, message = String((answer && answer.Message) || "");
  if (!isHttpStatus(code)) { return unknown(null, SENTENCES.UNKNOWN); }
  // Another user's account is no session problem: a fresh token would be refused the same way.
  if (code === 401 && message === (messages || {}).NOT_YOUR_ACCOUNT) { return refused(code, message, false); }
  if (code === 401) { return verdict("expired", code, sentence("SESSION_REFUSED", message), false); }
  if (code === 403) { return refused(code, sentence("QUOTA", message), true); }
  if (typeof answer.Fate === "string") {
    // A fate this page does not know yet is no proof that nothing was placed.
    return (Object.hasOwn(BY_FATE, answer.Fate) ? BY_FATE[answer.Fate] : unknown)(code, message);
  }
  if (code === 504) { return unknown(code, sentence("FATE_UNKNOWN", message)); }
  if (code >= 500) { return unknown(code, sentence("SERVER_PROBLEM", message)); }
  // Like 403, a 400 or 404 refuses before anything is placed: the next order is a new one.
  return refused(code, message, code === 400 || code === 404);
}
