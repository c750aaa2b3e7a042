import assert from "node:assert/strict";
import {test} from "node:test";

import {changedFields, needsConfirmation} from "../../static/ticket/confirming.js";

test("which actions on a working order need a second confirmation, by environment", () => {
  const table = [
    // action, environment, cautions, needs a second confirmation
    ["change", "LIVE", 0, true],
    ["change", "LIVE", 2, true],
    ["cancel", "LIVE", 0, true],
    ["change", "SIM", 0, false],
    ["change", "SIM", 1, true],
    ["cancel", "SIM", 0, false],
  ];
  for (const [action, environment, cautions, expected] of table) {
    assert.equal(needsConfirmation({action, environment, cautions}), expected, `${action} in ${environment}, ${cautions}`);
  }
});

test("an unknown action is refused, not waved through", () => {
  assert.throws(() => needsConfirmation({action: "send", environment: "LIVE"}), /No such action/);
});

test("a change's review lists what changed, old and new, and leaves out what did not", () => {
  const entry = {Quantity: 3, LimitPrice: 415, StopPrice: 0};
  assert.deepEqual(changedFields(entry, {Quantity: "30", LimitPrice: "415.00"}),
                   [{label: "Quantity", old: "3", new: "30"}]);
  assert.deepEqual(changedFields(entry, {Quantity: "3", LimitPrice: "410.5"}),
                   [{label: "Limit price", old: "415", new: "410.5"}]);
  assert.deepEqual(changedFields(entry, {Quantity: "3"}), []);
});

test("a change's review shows the old price as the order's row does, decimals kept", () => {
  const entry = {Quantity: 2, LimitPrice: 195, LimitPriceText: "195.00", StopPrice: 0.5, StopPriceText: "0.50"};
  assert.deepEqual(changedFields(entry, {Quantity: "2", LimitPrice: "150.00", StopPrice: "0.5"}),
                   [{label: "Limit price", old: "195.00", new: "150.00"}]);
});

test("the token for curl is a line to paste, with its expiry in words", async () => {
  const {expiryWords, tokenLine} = await import("../../static/ticket/curl-token.js");
  const answer = {access_token: "abc.def", expires_at: Date.UTC(2026, 0, 2, 10, 20, 0) / 1000};
  assert.equal(tokenLine(answer), "TOKEN=abc.def");
  assert.match(expiryWords(answer, new Date(Date.UTC(2026, 0, 2, 10, 0, 0))), /^Expires at \d\d:\d\d:\d\d \(in 20 min\)/);
});
