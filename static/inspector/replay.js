/* Replay: the very same URL again, callback name and all, drawn as a new entry and compared with the
   first. The ticket hears of it as "tsbridge:replayed" (it refreshes its journal and today's orders). */
import {comparison} from "./compare.js";
import {add, draw} from "./draw.js";
import {answered, unanswered} from "./exchange.js";

const $ = window.jQuery;

export function replay(original, inspector) {
  const call = {label: "Replay of #" + original.n, url: original.url, token: original.token,
                callback: original.callback, tokenMs: null, started: performance.now()};
  const entry = inspector.log.record(call, {at: new Date(), extra: {revealed: original.revealed, replayOf: original.n}});
  add(entry, inspector);
  // jsonp: false and cache: true leave the URL exactly as it was first requested.
  return $.ajax({url: original.url, dataType: "jsonp", jsonp: false, jsonpCallback: original.callback,
                 cache: true, crossDomain: true, timeout: 15000})
    .done((answer) => {
      answered(entry, answer, inspector).always(() => {
        entry.comparison = comparison(original, entry);
        draw(entry, inspector);
      });
    })
    .fail((_, why) => { unanswered(entry, inspector, {why}); })
    .always(() => { $(document).trigger("tsbridge:replayed"); });
}

// One replay of a call at a time: they share the callback's name.
export function replayOnce(original, $button, inspector) {
  if (original.replaying) { return; }
  original.replaying = true;
  $button.prop("disabled", true);
  replay(original, inspector).always(() => { original.replaying = false; draw(original, inspector); });
}
