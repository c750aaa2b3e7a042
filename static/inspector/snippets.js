/* The snippets that reproduce a call, as the copy buttons hand them over. Each is built from the entry
   with its full token; the caller masks it (masking.js) unless the trader revealed the token. */
import {decoded} from "./entry.js";

// POSIX single quotes: nothing inside is special but the quote itself, closed, escaped and reopened.
export function shellQuoted(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }

export function htmlAttribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function jquery(entry) {
  const fields = ["APIVersion: " + JSON.stringify(entry.apiVersion), "oauth_token: " + JSON.stringify(entry.token)];
  if (entry.data !== null) {
    // Readable when the page sent compact JSON; a raw text, valid or not, goes as the very string typed.
    const data = decoded(entry.data);
    const compact = data.json && JSON.stringify(JSON.parse(entry.data)) === entry.data;
    fields.push("data: " + (compact ? "JSON.stringify(" + data.pretty.replace(/\n/g, "\n    ") + ")"
                                    : JSON.stringify(entry.data)));
  }
  // A cancel's or change's key for sending it once: run again, the snippet changes nothing twice.
  if (entry.confirmId) { fields.push("OrderConfirmId: " + JSON.stringify(entry.confirmId)); }
  // crossDomain: a <script> tag even on the bridge's own origin, where jQuery would otherwise fetch the text
  // and evaluate it (which a strict CSP, the bridge's included, refuses).
  return "$.ajax({\n  url: " + JSON.stringify(entry.base) + ",\n  dataType: \"jsonp\",\n" +
         "  jsonp: \"callback\",\n  crossDomain: true,\n  data: {\n    " + fields.join(",\n    ") + "\n  }\n})" +
         ".done(function (answer) { console.log(answer); });";
}

// name → [the button's label, the snippet's build], in the buttons' order.
export const SNIPPETS = {
  url: ["Copy URL", (entry) => entry.url],
  curl: ["Copy curl", (entry) => "curl -sS " + shellQuoted(entry.url)],
  script: ["Copy <script>", (entry) =>
    "<script>function " + entry.callback + "(answer) { console.log(answer); }</script>\n" +
    "<script src=\"" + htmlAttribute(entry.url) + "\"></script>"],
  jquery: ["Copy $.ajax", jquery]
};

// What a copy button says: until the trader reveals the token, what it copies would be refused (401).
export function snippetLabel(name, {revealed}) {
  const label = SNIPPETS[name][0];
  return revealed ? label : label + " (masked — reveal to run)";
}

export function snippet(name, entry) {
  if (!Object.hasOwn(SNIPPETS, name)) { throw new Error("No snippet named " + JSON.stringify(name)); }
  return SNIPPETS[name][1](entry);
}
