/* The ticket's money-safety state, in one place: the OrderConfirmId, the review, what is in flight and what
   was sent. Every change is a named transition; one that would break a rule throws, so a flaw in the page
   shows as an error rather than as an order placed twice or sent unreviewed. No DOM here.

   The rules:
   - One OrderConfirmId per ticket: sending the same ticket again cannot place it twice. A new id only for a
     new order (an edit after a definitive answer, Place again, New order, a changed ticket), never while the
     ticket's own order is in flight.
   - One call at a time; a ticket (or a raw text) answered for good is not sent again until it is edited.
   - What was reviewed is what is sent: an edit, or an answer that leaves the fate open, voids the review, and
     a review answered after an edit is not shown.
   - After the session ended nothing is sent. */
import {isRaw} from "./request.js";

export class IllegalTransition extends Error {}

function must(condition, why) {
  if (!condition) { throw new IllegalTransition(why); }
}

// newId: makes an OrderConfirmId (request.newConfirmId in the page; any function in tests).
export function createTicketState({newId}) {
  let confirmId = null, sentAs = null;   // the armed id; the order sent under it (dialect + JSON), if any
  let flight = null;                     // {kind: "check" | "review" | "order", raw, askedAt} while a call is out
  let sent = false, rawSent = false;     // answered for good: the ticket; the raw text
  let reviewed = null;                   // {order, dialectName, via, reasons, raw}
  let version = 0;                       // counts edits of the ticket and of the raw text
  let ended = false;                     // the session is gone
  const listeners = [];

  function changed(name, detail) { listeners.forEach((listener) => listener(name, detail)); }

  function arm() {
    must(!(flight && flight.kind === "order" && !flight.raw), "a new OrderConfirmId while the ticket's order is in flight");
    confirmId = newId();
    sentAs = null;
  }

  function voidReview() {
    const had = reviewed !== null;
    reviewed = null;
    return had;
  }

  function renew() {
    sent = false;
    arm();
  }

  function takeOff(call, key) {      // checked whole before anything changes: a refused call leaves no trace
    must(["check", "review", "order"].includes(call.kind), "no such call: " + call.kind);
    if (call.kind === "order" && !call.raw) {
      must(key !== null, "an order sent without saying what it is");
      must(!(sentAs !== null && sentAs !== key), "a changed order under the id of another");
      sentAs = key;
    }
    flight = call;
    changed("begin");
  }

  const state = {
    get confirmId() { return confirmId; },
    get busy() { return flight !== null; },
    get sent() { return sent; },
    get rawSent() { return rawSent; },
    get reviewed() { return reviewed; },
    get version() { return version; },
    get ended() { return ended; },
    // Whether what is under review (the ticket's order or the raw text) was answered for good: the review's
    // button says "Sent" of that alone, never of the other one.
    get reviewSent() { return reviewed && reviewed.raw ? rawSent : sent; },

    onChange(listener) { listeners.push(listener); },

    arm() { arm(); changed("arm"); return confirmId; },

    // The ticket as it is now, built: sent before under this id as something else, it needs a new id.
    needsNewId(key) { return sentAs !== null && sentAs !== key; },   // and begin() refuses it until armed

    canSubmit() { return !flight && !sent && !ended; },
    canRawSend() { return !flight && !rawSent && !ended; },
    needsAcceptance(accepted) { return Boolean(reviewed && reviewed.reasons.length) && !accepted; },
    canSend(accepted) {
      return Boolean(reviewed) && !flight && !ended && !state.reviewSent && !state.needsAcceptance(accepted);
    },

    /* A call goes out. kind: "check" (the market, before one click decides), "review" or "order";
       raw: the raw text rather than the ticket; key: the order as sent (dialect + JSON), for an order. */
    begin({kind, raw = false, key = null}) {
      must(!flight, "a second call while one is in flight");
      must(!ended, "a call after the session ended");
      must(raw ? !rawSent : !sent, "an answered order sent again without an edit");
      takeOff({kind, raw, askedAt: version}, key);
    },

    // One click, checked against the market: the call it turns into (a review, or the order).
    proceed({kind, key = null}) {
      must(flight && flight.kind === "check", "nothing being checked");
      takeOff({...flight, kind}, key);
    },

    /* The call is answered, or failed. definitive: an order's answer that leaves the ticket done with (no
       meaning for a review); usedConfirmId: the id a raw text carried. */
    settle({definitive = false, usedConfirmId = null} = {}) {
      must(flight, "an answer with nothing in flight");
      const was = flight;
      flight = null;
      if (was.kind === "order" && was.raw) {
        // A text copied from the ticket spends the ticket's id when answered: the ticket takes a new one.
        // An unknown fate keeps it, so that neither can place a second time.
        if (definitive && !sent && usedConfirmId === confirmId) { arm(); }
        rawSent = definitive;
      } else if (was.kind === "order") {
        sent = definitive;
      }
      changed("settle", {kind: was.kind});      // what was answered: a review places nothing
    },

    // Whether the ticket (or raw text) changed since the call in flight, or the last one, was asked.
    isStale(askedAt) { return askedAt !== version; },
    get askedAt() { return flight ? flight.askedAt : null; },

    // TradeStation confirmed what it would place: that, with the reasons to look twice, is what may be sent.
    review({order, dialectName, via, reasons, askedAt}) {
      must(!flight, "a review shown while a call is in flight");
      must(!state.isStale(askedAt), "a review of a ticket since changed");
      const raw = isRaw(order);
      must(raw ? !rawSent : !sent, "a review of an answered order");
      reviewed = {order, dialectName, via, reasons, raw};
      changed("review");
    },

    // An edit of the ticket voids its review, and makes a new order of a sent ticket. {renewed, voided}
    edit() {
      version += 1;
      const renewed = sent;
      if (renewed) { renew(); }
      const voided = voidReview();
      changed("edit");
      return {renewed, voided};
    },

    // An edit of the raw text: it may be sent again; a review of it is void (the ticket's stays).
    rawEdit() {
      version += 1;
      rawSent = false;
      const voided = Boolean(reviewed && reviewed.raw) && voidReview();
      changed("edit");
      return {voided};
    },

    // The same order, or a new one, on a new ticket (Place again, New order).
    renew() {
      renew();
      voidReview();
      changed("renew");
    },

    // An answer that leaves the fate open: what was reviewed is stale (prices move; Today's orders first).
    voidReview() {
      const voided = voidReview();
      changed("void");
      return voided;
    },

    end() {
      ended = true;
      changed("end");
    }
  };
  return state;
}
