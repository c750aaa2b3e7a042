/* Export: the session's calls written out for sharing a demo, as JSON or Markdown, every token masked
   whatever the trader revealed on screen. `at` is the export's time, `origin` the page's, `shown` how much
   of a token a masked one keeps; `resourceOf(entry)` gives the browser's timing of a call's script. */
import {concealAll} from "./masking.js";
import {decoded, summary} from "./entry.js";
import {answerFigures, bodyNote, journalWords, rawBody, timings} from "./figures.js";

export function exported(entry) {
  const data = decoded(entry.data), record = entry.record;
  return {
    n: entry.n, label: entry.label, target: entry.bridge ? "this bridge" : "TradeStation directly",
    at: entry.at.toISOString(), method: "GET", url: entry.url, callback: entry.callback,
    APIVersion: entry.apiVersion, data: data.json ? JSON.parse(entry.data) : entry.data,
    answer: record ? {status: record.status, headers: record.headers, body: record.body}
                   : {status: null, body: rawBody(entry), note: bodyNote(entry)},
    timings: {token_ms: entry.tokenMs, round_trip_ms: entry.roundTrip, bridge_ms: record ? record.durations : null},
    journal: record ? record.journal : null, replay_of: entry.replayOf || null, comparison: entry.comparison || null
  };
}

function tokensOf(entries) { return entries.map((entry) => entry.token); }

export function asJson(entries, {at, origin, shown}) {
  const text = JSON.stringify({exported_at: at.toISOString(), page: origin, calls: entries.map(exported)}, null, 2);
  return concealAll(text, tokensOf(entries), shown);
}

// A fence longer than any run of backticks inside, so the text stays whole.
export function fenced(language, text) {
  const longest = Math.max(0, ...(String(text).match(/`+/g) || []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return fence + language + "\n" + text + "\n" + fence;
}

function figureLines(pairs) { return pairs.map(([name, value]) => "- " + name + ": " + value); }

function entryLines(entry, resource) {
  const lines = ["## " + summary(entry), "", "`GET " + entry.url + "`", "",
                 "- Callback: `" + entry.callback + "`", "- APIVersion: `" + entry.apiVersion + "`", ""];
  if (entry.data !== null) {
    const data = decoded(entry.data);
    lines.push("Data:", "", fenced(data.json ? "json" : "", data.pretty), "");
  }
  lines.push(...figureLines(answerFigures(entry)), "", fenced("js", rawBody(entry)), "", bodyNote(entry), "",
             ...figureLines(timings(entry, resource)), "", "Journal: " + journalWords(entry), "");
  if (entry.comparison) { lines.push(entry.comparison, ""); }
  return lines;
}

export function asMarkdown(entries, {at, origin, shown, resourceOf = () => null}) {
  const lines = ["# tsbridge: the JSONP calls of a ticket session", "",
                 "Exported " + at.toISOString() + " from " + origin + ". Tokens are masked.", ""];
  entries.forEach((entry) => lines.push(...entryLines(entry, resourceOf(entry))));
  return concealAll(lines.join("\n"), tokensOf(entries), shown);
}

// tsbridge-calls-20240102-030405.json: the export's time, in UTC, to the second.
export function fileName(at, extension) {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  return "tsbridge-calls-" + stamp + "." + extension;
}
