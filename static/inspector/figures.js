/* What the page knows of a call's answer, in figures and words, the same on screen and in the Markdown
   export. A JSONP answer is a <script>: the page runs it but cannot read its status, headers or bytes. For
   calls to this bridge, the bridge kept a record of the exchange under the callback's name
   (bridge/exchanges.py); for calls to TradeStation directly, these say what a page cannot see. */
import {ms} from "./entry.js";

// [[name, value]] of what the page knows of the answer.
export function answerFigures(entry) {
  const record = entry.record;
  if (record) {
    return [["HTTP status", String(record.status)], ["Content-Type", record.headers["Content-Type"]],
            ["jsonp-callback", record.headers["jsonp-callback"]], ["Server-Timing", record.headers["Server-Timing"]]];
  }
  const none = entry.failed ? "none (" + entry.failed + ")" : null;
  if (entry.bridge) { return [["HTTP status", none || "…"]]; }
  return [["HTTP status", none || "not readable by a page (cross-origin)"],
          ["Content-Type", "not readable"], ["jsonp-callback", "not readable"]];
}

export function rawBody(entry) {
  if (entry.record) { return entry.record.body; }
  if (entry.notSent) { return "(not sent)"; }
  if (entry.answer === undefined) { return entry.failed ? "(no answer)" : "(waiting)"; }
  return entry.callback + "(" + JSON.stringify(entry.answer) + ")";
}

export function bodyNote(entry) {
  if (entry.record) {
    return "As the bridge wrote it. The /**/ before the callback's name is the bridge's own (a guard against " +
           "content sniffing); TradeStation's answers begin with the name itself.";
  }
  if (entry.bridge) { return entry.recordNote; }
  return "A page cannot read the status, headers or bytes of another site's script. Shown: the callback's " +
         "argument written out again as JSON, wrapped as TradeStation wraps it (no /**/ prefix).";
}

// Why a call to the bridge has no record: `status` is the HTTP status of the read (0 when none came).
export function recordNote(status) {
  return status === 404
    ? "The bridge kept no record of this call: it keeps one only for this page's own calls with a valid token."
    : "The bridge's record of this call could not be read (" + (status || "no answer") + ").";
}

// `resource`: the browser's Resource Timing entry for the call's script, or null when there is none.
export function timings(entry, resource = null) {
  const token = entry.tokenMs === null ? "the replayed call's own"
              : entry.tokenMs < 1 ? "the page's own, still fresh" : ms(entry.tokenMs) + " to fetch";
  const figures = [["Token", token], ["Round trip", entry.notSent ? "none (not sent)" : ms(entry.roundTrip)]];
  if (resource) { figures.push(["Script fetch (Resource Timing)", ms(resource.duration)]); }
  const durations = entry.record ? entry.record.durations : null;
  if (durations) {
    figures.push(["Bridge in all", ms(durations.total)], ["… waiting for TradeStation", ms(durations.upstream)],
                 ["… writing the journal", ms(durations.journal)]);
  } else if (!entry.bridge) {
    figures.push(["TradeStation's own time", "not shown to a page on another origin"]);
  }
  return figures;
}

export function journalWords(entry) {
  if (!entry.bridge) { return "None: the bridge saw nothing of a call sent to TradeStation directly."; }
  const row = entry.record && entry.record.journal;
  if (!row) { return entry.record ? "None: this call does not place or change an order." : "—"; }
  return ["#" + row.id, row.kind, String(row.state).replace(/_/g, " "), row.summary,
          row.order_id ? "order " + row.order_id : "", row.confirm_id ? "OrderConfirmId " + row.confirm_id : "",
          row.message].filter(Boolean).join(" · ");
}
