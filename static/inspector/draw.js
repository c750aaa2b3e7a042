/* Drawing a call's entry: its request, what was sent, the answer, timings, journal row and story, each a
   part of one <details>. Text from outside reaches the page only through .text(). `inspector` is the
   entry module's context: {log, items (entry number → its <li>), shown (characters of a masked token)}. */
import {decoded, replayable, runsTwice, summary} from "./entry.js";
import {answerFigures, bodyNote, journalWords, rawBody, timings} from "./figures.js";
import {conceal} from "./masking.js";
import {SNIPPETS, snippetLabel} from "./snippets.js";
import {storyOf} from "./story.js";

const $ = window.jQuery;

// The browser's own measure of the script's fetch (Resource Timing): the newest entry for this URL, since a
// replay requests the same one again.
export function resourceOf(entry) {
  if (!window.performance || !performance.getEntriesByName || entry.roundTrip === null) { return null; }
  const found = performance.getEntriesByName(entry.url).filter((timing) => timing.startTime >= entry.started - 1);
  return found.length ? found[found.length - 1] : null;
}

// Text as the trader may see it: the call's token masked unless they revealed it.
export function shown(entry, text, inspector) {
  return conceal(text, entry.token, {shown: inspector.shown, revealed: entry.revealed});
}

function figuresList(pairs) {
  const $list = $("<dl class='figures'>");
  pairs.forEach(([name, value]) => {
    $("<dt>").text(name).appendTo($list);
    $("<dd>").text(value === undefined || value === null ? "—" : String(value)).appendTo($list);
  });
  return $list;
}

function part(title, $content) {
  return $("<div class='part'>").append($("<h3>").text(title)).append($content);
}

function storyPart(entry, stories) {
  const story = storyOf(entry, stories);
  if (!story) { return $(); }
  const $lines = $("<ul class='story'>");
  story.lines.forEach((line) => $("<li>").text(line).appendTo($lines));
  return part("What the bridge did", $lines).addClass("story-part");
}

function requestPart(entry, inspector) {
  const $request = $("<div class='request'>");
  $("<code class='url'>").text("GET " + shown(entry, entry.url, inspector)).appendTo($request);
  const $actions = $("<div class='call-actions'>").appendTo($request);
  $("<button type='button' class='small reveal'>").text(entry.revealed ? "Mask token" : "Reveal token")
    .attr("aria-pressed", entry.revealed ? "true" : "false").appendTo($actions);
  Object.keys(SNIPPETS).forEach((name) => {
    const label = snippetLabel(name, entry);
    $("<button type='button' class='small copy'>").attr({"data-snippet": name, "data-label": label}).text(label)
      .appendTo($actions);
  });
  $("<button type='button' class='small replay'>").text("Replay").prop("disabled", !replayable(entry))
    .appendTo($actions);
  if (runsTwice(entry)) {
    $("<p class='note warning'>").text("No OrderConfirmId: each run of this URL places or changes the order again.")
      .appendTo($request);
  }
  $("<pre class='snippet' hidden>").appendTo($request);
  if (entry.record) {
    $("<p class='note'>").text("The bridge received: " + shown(entry, entry.record.request, inspector)).appendTo($request);
  }
  return part("Request", $request);
}

function sentPart(entry, inspector) {
  const data = decoded(entry.data);
  const figures = [["Callback", entry.callback], ["APIVersion", entry.apiVersion],
                   ["oauth_token", shown(entry, entry.token, inspector)]];
  return part(entry.notSent ? "Kept back (not sent)" : "Sent", figuresList(figures))
    .append($("<pre class='data'>").text(data.pretty))
    .append(entry.data !== null && !data.json ? $("<p class='note'>").text("Not JSON: sent as typed.") : $());
}

// Drawn again in place whenever the entry learns something; an entry keeps its open or closed state.
export function draw(entry, inspector) {
  if (!inspector.items.has(entry.n)) { inspector.items.set(entry.n, $("<li class='call'>").attr("data-call", entry.n)); }
  const $item = inspector.items.get(entry.n);
  const open = $item.children("details").length ? $item.children("details").prop("open") : true;
  const $details = $("<details>").prop("open", open);
  $("<summary>").text(summary(entry)).appendTo($details);
  $details.append(requestPart(entry, inspector), sentPart(entry, inspector));
  $details.append(part("Answer", figuresList(answerFigures(entry)))
                  .append($("<pre class='raw'>").text(rawBody(entry)))
                  .append($("<p class='note'>").text(bodyNote(entry))));
  $details.append(part("Timings", figuresList(timings(entry, resourceOf(entry)))));
  $details.append(part("Journal", $("<p class='journal-row'>").text(journalWords(entry))));
  $details.append(storyPart(entry, inspector.log.stories));
  if (entry.comparison) { $details.append($("<p class='comparison'>").text(entry.comparison)); }
  $item.empty().append($details);
  return $item;
}

// A new entry goes on top, open; the older ones close.
export function add(entry, inspector) {
  $("#calls").prepend(draw(entry, inspector));
  $("#calls > li").slice(1).children("details").prop("open", false);
}

// New stories change only the story's part of each entry, so the rest keeps its focus.
export function redrawStories(inspector) {
  inspector.log.entries.forEach((entry) => {
    const $item = inspector.items.get(entry.n);
    if (!$item) { return; }
    const $details = $item.children("details"), $old = $details.children(".story-part");
    if (!$old.length && !storyOf(entry, inspector.log.stories)) { return; }
    $old.remove();
    const $part = storyPart(entry, inspector.log.stories), $comparison = $details.children(".comparison");
    if ($comparison.length) { $part.insertBefore($comparison); } else { $details.append($part); }
  });
}
