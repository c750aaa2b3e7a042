// The inspector's masking (static/inspector/masking.js): the one place a token is shortened.
import {test} from "node:test";
import assert from "node:assert/strict";
import {conceal, concealAll, masked} from "../../static/inspector/masking.js";

const SHOWN = 6;

test("a token keeps its first characters only when it is more than twice as long", () => {
  const table = [
    // token                       masked
    ["abcdefghijklmnop",           "abcdef…"],
    ["abcdefghijklm",              "abcdef…"],     // 13 characters: just long enough
    ["abcdefghijkl",               "…"],           // 12: half of it would show
    ["abc",                        "…"],
    ["",                           "…"],
    [null,                         "…"],
    [undefined,                    "…"],
  ];
  for (const [token, expected] of table) {
    assert.equal(masked(token, SHOWN), expected, JSON.stringify(token));
  }
});

test("conceal replaces the token in plain and URL-encoded form, unless revealed", () => {
  const token = "eyJ0eXAi/OiJKV1Qi+LCJhbGci=";     // "/", "+" and "=" change when encoded
  const encoded = encodeURIComponent(token);
  const table = [
    // text                                   options                          expected
    ["oauth_token=" + encoded + "&x=1",       {shown: SHOWN},                  "oauth_token=eyJ0eX…&x=1"],
    ["token " + token + " twice " + token,    {shown: SHOWN},                  "token eyJ0eX… twice eyJ0eX…"],
    ["oauth_token=" + encoded,                {shown: SHOWN, revealed: true},  "oauth_token=" + encoded],
    ["nothing secret here",                   {shown: SHOWN},                  "nothing secret here"],
  ];
  for (const [text, options, expected] of table) {
    assert.equal(conceal(text, token, options), expected, text);
  }
});

test("conceal without a token leaves the text as it is, written as a string", () => {
  assert.equal(conceal("a text", "", {shown: SHOWN}), "a text");
  assert.equal(conceal("a text", null, {shown: SHOWN}), "a text");
  assert.equal(conceal(42, "abcdefghijklmnop", {shown: SHOWN}), "42");
});

test("a short token is replaced by the ellipsis alone, leaving none of it", () => {
  assert.equal(conceal("t=short&u=short", "short", {shown: SHOWN}), "t=…&u=…");
});

test("concealAll masks every call's token, and skips calls without one", () => {
  const tokens = ["first-token-0123456789", null, "second-token-9876543210"];
  const text = "first-token-0123456789 / " + encodeURIComponent("second-token-9876543210");
  const out = concealAll(text, tokens, SHOWN);
  assert.equal(out, "first-… / second…");
  for (const token of tokens.filter(Boolean)) { assert.ok(!out.includes(token)); }
});
