/* tsbridge ticket inspector, the entry module: each JSONP call the ticket makes, as it was sent and as it was
   answered, newest first. It shares no state with the ticket (static/ticket/), only jQuery events on the
   document: "tsbridge:call", "tsbridge:answer", "tsbridge:no-answer" and "tsbridge:stories" from the
   ticket, "tsbridge:ticket" in answer to "tsbridge:ticket-wanted", and "tsbridge:replayed" to it.

   Tokens: the full token stays in the page's memory; every text shown, copied or exported is masked
   (masking.js) unless the trader revealed that call's token. */
import {CallLog} from "./call-log.js";
import {showDialects} from "./dialects.js";
import {add, draw, redrawStories, resourceOf, shown} from "./draw.js";
import {answered, unanswered} from "./exchange.js";
import {asJson, asMarkdown, fileName} from "./export.js";
import {copy, download} from "./handoff.js";
import {replayOnce} from "./replay.js";
import {snippet} from "./snippets.js";

const $ = window.jQuery;

// Drawn on the next tick: the call goes out, and its result reaches the trader, before the inspector builds
// its entry (a tick keeps the order the ticket told things in).
function later(handle) { return (_, call, detail) => { setTimeout(() => handle(call, detail), 0); }; }

function hearTheTicket(inspector) {
  const log = inspector.log;
  $(document).on("tsbridge:call", later((call) => add(log.told(call, {at: new Date()}), inspector)));
  $(document).on("tsbridge:answer", later((call, answer) => {
    const entry = log.forCallback(call.callback);
    if (entry) { entry.ended = call.ended; answered(entry, answer, inspector); }
  }));
  $(document).on("tsbridge:no-answer", later((call, why) => {
    const entry = log.forCallback(call.callback);
    if (entry) { entry.ended = call.ended; unanswered(entry, inspector, {why, notSent: call.notSent}); }
  }));
  $(document).on("tsbridge:stories", (_, told) => {
    log.stories = told || {};
    redrawStories(inspector);
  });
}

// The ticket tells its order on each change, and when asked. Scripts of either kind may run first: asked now
// for a ticket already listening, and again once every ready handler has run, for one that starts later.
function askForTheTicket(settings) {
  $(document).on("tsbridge:ticket", (_, ticket) => showDialects(ticket, settings));
  const ask = () => $(document).trigger("tsbridge:ticket-wanted");
  ask();
  $(() => setTimeout(ask, 0));
}

function handleButtons(inspector) {
  const entryOf = (element) => inspector.log.numbered($(element).closest(".call").attr("data-call"));
  $("#calls").on("click", ".reveal", function () {
    const entry = entryOf(this);
    entry.revealed = !entry.revealed;
    draw(entry, inspector).find(".reveal").trigger("focus");
  });
  $("#calls").on("click", ".copy", function () {
    const entry = entryOf(this);
    copy(shown(entry, snippet($(this).attr("data-snippet"), entry), inspector), $(this));
  });
  $("#calls").on("click", ".replay", function () { replayOnce(entryOf(this), $(this), inspector); });

  const exporting = (write, type, extension) => () => {
    const at = new Date();
    const text = write(inspector.log.entries, {at, origin: window.location.origin, shown: inspector.shown, resourceOf});
    download(text, {type, name: fileName(at, extension)});
  };
  $("#export-json").on("click", exporting(asJson, "application/json", "json"));
  $("#export-markdown").on("click", exporting(asMarkdown, "text/markdown", "md"));
}

function start() {
  const $panel = $("#inspector");
  if (!$panel.length) { return; }
  const settings = JSON.parse($panel.attr("data-inspector"));
  const inspector = {log: new CallLog(window.location.href), items: new Map(), shown: settings.shown,
                     urls: settings.urls};
  hearTheTicket(inspector);
  askForTheTicket(settings);
  handleButtons(inspector);
}

start();
