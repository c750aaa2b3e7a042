/* An entry's life after its call went out: the answer or its absence, then the record the bridge kept of
   the exchange (bridge/inspector.py's route, under the callback's name), each drawn as it comes. */
import {recordNote} from "./figures.js";
import {draw} from "./draw.js";

const $ = window.jQuery;

function fetchRecord(entry, inspector) {
  if (!entry.bridge || !entry.callback) { return $.Deferred().resolve().promise(); }
  return $.ajax({url: inspector.urls.exchange.replace("CALLBACK", encodeURIComponent(entry.callback)),
                 dataType: "json", cache: false})
    .done((record) => { entry.record = record; })
    .fail((xhr) => { entry.recordNote = recordNote(xhr.status); })
    .always(() => draw(entry, inspector));
}

// The round trip is the ticket's measure when it told one (call.ended), else the time the news came.
function roundTrip(entry) { return (entry.ended || performance.now()) - entry.started; }

export function answered(entry, answer, inspector) {
  entry.answer = answer;
  entry.roundTrip = roundTrip(entry);
  draw(entry, inspector);
  setTimeout(() => draw(entry, inspector), 200);     // the Resource Timing entry comes once the script has loaded
  return fetchRecord(entry, inspector);
}

// `why`: jQuery's word for the failure; `notSent`: the ticket's sentence when it held the call back
// (static/ticket/), in which case the bridge cannot have a record of it.
export function unanswered(entry, inspector, {why = null, notSent = null} = {}) {
  if (notSent) {
    Object.assign(entry, {notSent: true, failed: "not sent", recordNote: notSent});
    draw(entry, inspector);
    return $.Deferred().resolve().promise();
  }
  entry.failed = why || "no answer";
  entry.roundTrip = roundTrip(entry);
  draw(entry, inspector);
  return fetchRecord(entry, inspector);
}
