// The snippets the inspector's copy buttons hand over (static/inspector/snippets.js), each checked by
// running it: the curl command's quoting through a real shell, the $.ajax call through JavaScript itself.
import {test} from "node:test";
import assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import {htmlAttribute, shellQuoted, snippet, snippetLabel, SNIPPETS} from "../../static/inspector/snippets.js";

const BASE = "http://127.0.0.1:5000/jsonp/orders/send";

function entry(data, extra = {}) {
  const query = new URLSearchParams({APIVersion: "20150101", oauth_token: "TOKEN-abc/def+ghi"});
  if (data !== null) { query.set("data", data); }
  query.set("callback", "tsbridgeCall1_1700000000000");
  return {url: BASE + "?" + query, base: BASE, apiVersion: "20150101", token: "TOKEN-abc/def+ghi",
          callback: "tsbridgeCall1_1700000000000", data, ...extra};
}

test("a shell reads back exactly the text that was quoted", () => {
  const table = ["plain", "it's", "'", "''", "a b\tc", "$HOME `id` $(id)", "line\nbreak", "\\n", "!x", "",
                 BASE + "?data=%7B%22a%22%3A1%7D&x=y;z"];
  for (const text of table) {
    const echoed = execFileSync("/bin/sh", ["-c", "printf %s " + shellQuoted(text)], {encoding: "utf8"});
    assert.equal(echoed, text, JSON.stringify(text));
  }
});

test("the curl snippet is the URL, quoted for a shell", () => {
  const call = entry('{"Symbol":"MSFT"}');
  assert.equal(snippet("curl", call), "curl -sS '" + call.url + "'");
  assert.equal(snippet("url", call), call.url);
});

test("an attribute's text escapes what would end it or start markup", () => {
  const table = [
    ["a&b", "a&amp;b"],
    ['say "hi"', "say &quot;hi&quot;"],
    ["<script>", "&lt;script>"],
    ["&quot;", "&amp;quot;"],
    ["plain", "plain"],
  ];
  for (const [text, expected] of table) { assert.equal(htmlAttribute(text), expected, text); }
});

test("the <script> snippet defines the callback and loads the URL", () => {
  const call = entry('{"a":"<b>&"}');
  const [define, load] = snippet("script", call).split("\n");
  assert.equal(define, "<script>function tsbridgeCall1_1700000000000(answer) { console.log(answer); }</script>");
  assert.equal(load, '<script src="' + htmlAttribute(call.url) + '"></script>');
  assert.ok(!load.slice('<script src="'.length, -'"></script>'.length).includes('"'));
});

// Runs the $.ajax snippet with a stand-in $ that keeps the options it was given.
function ajaxOptions(code) {
  let options = null;
  const $ = {ajax(given) { options = given; return {done() {}}; }};
  new Function("$", code)($);
  return options;
}

test("the $.ajax snippet sends the very data the page sent", () => {
  const table = [
    // what the call carried                         written in the snippet as
    ['{"Symbol":"MSFT","Quantity":"10"}',             "JSON.stringify("],    // compact JSON: readable
    ['{"Symbol": "MSFT"}',                            '"{\\"Symbol\\": '],   // JSON, but not as JSON.stringify writes it
    ['{"Symbl":"MSFT",}',                             '"{\\"Symbl'],         // not JSON: the string as typed
    ["not json at all",                               '"not json at all"'],
    ['{"Text":"it\'s </script> \u2028"}',             "JSON.stringify("],   // a line separator, raw
  ];
  for (const [data, written] of table) {
    const code = snippet("jquery", entry(data));
    assert.ok(code.includes("data: " + written), code);
    const options = ajaxOptions(code);
    assert.equal(options.data.data, data);
    assert.deepEqual({...options, data: undefined},
                     {url: BASE, dataType: "jsonp", jsonp: "callback", crossDomain: true, data: undefined});
    assert.equal(options.data.APIVersion, "20150101");
    assert.equal(options.data.oauth_token, "TOKEN-abc/def+ghi");
  }
});

test("the $.ajax snippet of a call without data sends none", () => {
  const options = ajaxOptions(snippet("jquery", entry(null)));
  assert.deepEqual(Object.keys(options.data), ["APIVersion", "oauth_token"]);
});

test("a cancel's or change's $.ajax snippet carries its OrderConfirmId, so a second run changes nothing", () => {
  const options = ajaxOptions(snippet("jquery", entry(null, {confirmId: "cancel-1"})));
  assert.deepEqual(options.data, {APIVersion: "20150101", oauth_token: "TOKEN-abc/def+ghi", OrderConfirmId: "cancel-1"});
});

test("a copy button says its text is masked until the token is revealed", () => {
  assert.equal(snippetLabel("curl", {revealed: false}), "Copy curl (masked — reveal to run)");
  assert.equal(snippetLabel("url", {revealed: true}), "Copy URL");
});

test("every snippet has a button label, and an unknown name is refused", () => {
  assert.deepEqual(Object.entries(SNIPPETS).map(([name, [label]]) => [name, label]),
                   [["url", "Copy URL"], ["curl", "Copy curl"], ["script", "Copy <script>"], ["jquery", "Copy $.ajax"]]);
  assert.throws(() => snippet("toString", entry(null)), /No snippet named "toString"/);
});
