/* What a call was: the inspector's entry for one JSONP call the ticket told of, and the plain readings of it
   that every view shares. No DOM here: static/inspector/draw.js draws an entry, export.js writes it out. */

// `call` is the ticket's plain object (static/ticket/calls.js: label, url, token, callback, tokenMs, started);
// `page` the page's own address, against which a relative URL is read and the bridge recognised.
export function newEntry(call, {n, page, at, extra = {}}) {
  const url = new URL(call.url, page), query = url.searchParams;
  return {
    n, label: call.label, url: url.href, base: url.origin + url.pathname,
    bridge: url.origin === new URL(page).origin, token: call.token, revealed: false, callback: call.callback,
    apiVersion: query.get("APIVersion"), data: query.get("data"), confirmId: query.get("OrderConfirmId"),
    tokenMs: call.tokenMs,
    started: call.started, at, answer: undefined, failed: null, roundTrip: null,
    record: null, recordNote: "", ...extra
  };
}

// The data parameter, pretty when it is JSON, else as typed.
export function decoded(text) {
  if (text === null || text === undefined) { return {pretty: "(none)", json: false}; }
  try { return {pretty: JSON.stringify(JSON.parse(text), null, 2), json: true}; }
  catch (_) { return {pretty: text, json: false}; }
}

export function ms(value) {
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value) + " ms" : "—";
}

export function outcome(entry) {
  if (entry.record) { return "HTTP " + entry.record.status; }
  if (entry.notSent) { return "not sent"; }
  if (entry.failed) { return "no answer"; }
  return entry.answer === undefined ? "waiting" : "answered";
}

// The one line that names a call: its entry's summary on screen and its heading in the Markdown export.
export function summary(entry) {
  return "#" + entry.n + " " + entry.label + " · " + (entry.bridge ? "this bridge" : "TradeStation directly") +
         " · " + outcome(entry) + (entry.roundTrip !== null ? " · " + ms(entry.roundTrip) : "");
}

/* A call that places or changes an order, with no OrderConfirmId to spend: each run of its URL (a reload, a
   second curl) would place or change again, as TradeStation's contract says. */
export function runsTwice(entry) {
  if (!/\/orders\/(send|[^/]+\/cancel|[^/]+\/cancelreplace)$/.test(new URL(entry.base).pathname)) { return false; }
  if (entry.confirmId) { return false; }
  try {
    const data = JSON.parse(entry.data);
    return !(data && typeof data === "object" && data.OrderConfirmId);
  } catch (_) { return true; }
}

// Replay waits for the first call's end, and one replay at a time: they share the callback's name.
export function replayable(entry) {
  return !entry.replaying && !entry.notSent && (entry.answer !== undefined || Boolean(entry.failed));
}
