// How the page writes a price for a box the trader edits: at the precision TradeStation displays.
import {test} from "node:test";
import assert from "node:assert/strict";
import {priceText} from "../../static/ticket/words.js";

test("a price keeps the decimals of its display", () => {
  assert.equal(priceText(190, "190.00"), "190.00");
  assert.equal(priceText(400, "400.00"), "400.00");
  assert.equal(priceText(1.4, "1.40"), "1.40");
  assert.equal(priceText(0.0125, "0.0125"), "0.0125");
  assert.equal(priceText(5000.25, "5,000.25"), "5000.25");      // no thousands separator in a box
  assert.equal(priceText(1234, "1,234"), "1234");
});

test("a display that is no plain decimal, or none, leaves the number as it is", () => {
  assert.equal(priceText(118.5, "118'16"), "118.5");
  assert.equal(priceText(190, ""), "190");
  assert.equal(priceText(190, undefined), "190");
});
