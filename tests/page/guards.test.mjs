// The ticket's checks (tradestation/orders.py's, in its order and words) and its guard rails.
import {test} from "node:test";
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {cautions, check, checkChange, overBuyingPower, priceOk, stepPrice} from "../../static/ticket/guards.js";

const rules = JSON.parse(readFileSync(new URL("./rules.json", import.meta.url)));
const M = rules.messages;
const TODAY = "2026-03-10";
const good = {dialect: "classic", account: "11111111", asset: "EQ", side: "Buy", symbol: "MSFT", quantity: "10",
              type: "Limit", limit: "150.25", stop: "", tif: "DAY", route: "Intelligent", expiry: ""};

const CHECKS = [
  // [name, changes to a good ticket, expected [field, message] or null]
  ["a good ticket", {}, null],
  ["no account, classic", {account: ""}, ["account", M.MISSING_FIELD + " AccountKey"]],
  ["no account, 2015", {account: "", dialect: "2015", tif: "Day"}, ["account", M.MISSING_FIELD + " AccountId"]],
  ["no asset", {asset: ""}, ["asset", M.INVALID_ASSET]],
  ["no side", {side: ""}, ["side", M.INVALID_ACTION]],
  ["no symbol", {symbol: ""}, ["symbol", M.MISSING_SYMBOL]],
  ["a lower-case symbol", {symbol: "msft"}, ["symbol", M.INVALID_SYMBOL]],
  ["no quantity", {quantity: ""}, ["quantity", M.MISSING_QUANTITY]],
  ["quantity 0", {quantity: "0"}, ["quantity", M.INVALID_QUANTITY]],
  ["quantity 1.5", {quantity: "1.5"}, ["quantity", M.INVALID_QUANTITY]],
  ["quantity past the most", {quantity: String(rules.max_quantity + 1)}, ["quantity", M.INVALID_QUANTITY]],
  ["no order type", {type: ""}, ["type", M.MISSING_TYPE]],
  ["no limit", {limit: ""}, ["limit", M.MISSING_LIMIT]],
  ["limit 0", {limit: "0.00"}, ["limit", M.INVALID_LIMIT]],
  ["limit with letters", {limit: "1e3"}, ["limit", M.INVALID_LIMIT]],
  ["a market order needs no limit", {type: "Market", limit: ""}, null],
  ["no stop for a stop limit", {type: "StopLimit"}, ["stop", M.MISSING_STOP]],
  ["no time in force", {tif: ""}, ["tif", M.MISSING_TIF]],
  ["no route", {route: ""}, ["route", M.INVALID_ROUTE]],
  ["a dated tif without a date", {tif: "GTD"}, ["expiry", M.MISSING_EXPIRY]],
  ["a dated tif in the past", {tif: "GTD", expiry: "2026-03-09"}, ["expiry", M.PAST_EXPIRY]],
  ["a dated tif today", {tif: "GTD", expiry: TODAY}, null]
];
for (const [name, changes, expected] of CHECKS) {
  test(`check: ${name}`, () => assert.deepEqual(check({...good, ...changes}, rules, TODAY), expected));
}

test("prices: the most, and a fraction of it", () => {
  assert.equal(priceOk(rules, rules.max_price), true);
  assert.equal(priceOk(rules, rules.max_price + ".5"), false);
  assert.equal(priceOk(rules, ".5"), true);
});

test("a change is checked like a new order", () => {
  assert.equal(checkChange({Quantity: "0"}, rules), M.INVALID_QUANTITY);
  assert.equal(checkChange({Quantity: "5", LimitPrice: "x"}, rules), M.INVALID_LIMIT);
  assert.equal(checkChange({Quantity: "5", StopPrice: "0"}, rules), M.INVALID_STOP);
  assert.equal(checkChange({Quantity: "5", LimitPrice: "1.5"}, rules), null);
});

// [name, change, the order's asset and symbol, the quote's MinMove (null: no quote), expected]
const CHANGE_TICKS = [
  ["an off-tick limit", {Quantity: "2", LimitPrice: "195.005"}, ["EQ", "IBM"], "0.01",
   M.OFF_TICK.replace("{field}", "Limit price").replace("{price}", "195.005").replace("{symbol}", "IBM")
     .replace("{tick}", "0.01")],
  ["an off-tick stop", {Quantity: "2", StopPrice: "4.125"}, ["EQ", "IBM"], "0.01",
   M.OFF_TICK.replace("{field}", "Stop price").replace("{price}", "4.125").replace("{symbol}", "IBM")
     .replace("{tick}", "0.01")],
  ["on the tick", {Quantity: "2", LimitPrice: "195.01", StopPrice: "190"}, ["EQ", "IBM"], "0.01", null],
  ["no quote: the server has the last word", {Quantity: "2", LimitPrice: "195.005"}, ["EQ", "IBM"], null, null],
  ["another symbol's quote", {Quantity: "2", LimitPrice: "195.005"}, ["EQ", "MSFT"], "0.01", null]
];
for (const [name, change, [asset, symbol], minMove, expected] of CHANGE_TICKS) {
  test(`a change keeps the tick: ${name}`, () => {
    const quote = minMove === null ? null : {Symbol: "IBM", MinMove: minMove, Last: 1};
    assert.equal(checkChange(change, rules, {asset, symbol, quote}), expected);
  });
}

const guards = {price_band_percent: 10, order_value_limit: 100000};
const quote = {Last: "100", LastPriceDisplay: "100.00", PointValue: "1"};
const CAUTIONS = [
  ["near the last price", {Quantity: "10", LimitPrice: "105"}, quote, []],
  ["far above", {Quantity: "10", LimitPrice: "120"}, quote, ["Limit price 120 is 20% above the last price, 100.00."]],
  ["far below, a stop", {Quantity: "10", StopPrice: "80"}, quote, ["Stop price 80 is 20% below the last price, 100.00."]],
  ["no quote: no band, the value from the price", {Quantity: "2000", LimitPrice: "100"}, null,
   ["The order is worth about 200,000.00, more than 100,000.00."]],
  ["a market order's value from the last price", {Quantity: "2000"}, quote,
   ["The order is worth about 200,000.00, more than 100,000.00."]],
  ["a future's point value", {Quantity: "30", LimitPrice: "100"}, {...quote, PointValue: "50"},
   ["The order is worth about 150,000.00, more than 100,000.00."]]
];
for (const [name, order, quoted, expected] of CAUTIONS) {
  test(`cautions: ${name}`, () => assert.deepEqual(cautions(order, quoted, guards), expected));
}

test("more than the buying power is a caution; no balance, none", () => {
  assert.deepEqual(overBuyingPower({EstimatedCost: "5000"}, {RealTimeBuyingPower: "4000"}),
                   ["It would cost about 5,000.00, more than the account's buying power (4,000.00)."]);
  assert.deepEqual(overBuyingPower({EstimatedCost: "5000"}, undefined), []);
});

// Prices on the symbol's tick: the quote's MinMove, or the asset's schedule from a price up (tradestation/ticks.py).
const quoteOf = (Symbol, MinMove) => ({Symbol, MinMove, Last: 1});
const TICKS = [
  // [name, ticket changes, quote, expected [field, message] or null]
  ["ES limit on its quarter", {symbol: "ESZ26", asset: "FU", limit: "4990.25"}, quoteOf("ESZ26", 0.25), null],
  ["ES limit off its quarter", {symbol: "ESZ26", asset: "FU", limit: "4990.13"}, quoteOf("ESZ26", 0.25),
   ["limit", "Order failed. Reason: Limit price 4990.13 is not a multiple of the tick size of ESZ26, 0.25"]],
  ["ES whole points", {symbol: "ESZ26", asset: "FU", limit: "5000"}, quoteOf("ESZ26", 0.25), null],
  ["a stock's cent", {limit: "150.25"}, quoteOf("MSFT", 0.01), null],
  ["a stock's half cent", {limit: "150.255"}, quoteOf("MSFT", 0.01),
   ["limit", "Order failed. Reason: Limit price 150.255 is not a multiple of the tick size of MSFT, 0.01"]],
  ["a stop off its tick", {type: "StopMarket", limit: "", stop: "4990.10", symbol: "ESZ26", asset: "FU"},
   quoteOf("ESZ26", 0.25),
   ["stop", "Order failed. Reason: Stop price 4990.10 is not a multiple of the tick size of ESZ26, 0.25"]],
  ["forex in tenths of a pip", {symbol: "EURUSD", asset: "FX", limit: "1.08001"}, quoteOf("EURUSD", 0.00001), null],
  ["forex past a tenth of a pip", {symbol: "EURUSD", asset: "FX", limit: "1.080005"}, quoteOf("EURUSD", 0.00001),
   ["limit", "Order failed. Reason: Limit price 1.080005 is not a multiple of the tick size of EURUSD, 0.00001"]],
  ["an option in cents below 3", {symbol: "MSFT 261218C420", asset: "OP", limit: "2.58"},
   quoteOf("MSFT 261218C420", 0.01), null],
  ["an option in nickels from 3", {symbol: "MSFT 261218C420", asset: "OP", limit: "3.05"},
   quoteOf("MSFT 261218C420", 0.01), null],
  ["an option's cent from 3", {symbol: "MSFT 261218C420", asset: "OP", limit: "3.02"},
   quoteOf("MSFT 261218C420", 0.01),
   ["limit", "Order failed. Reason: Limit price 3.02 is not a multiple of the tick size of MSFT 261218C420, 0.05"]],
  ["the 2015 dialect's option name", {symbol: "MSFT 261218C420", asset: "Option", limit: "3.02", dialect: "2015",
                                     tif: "Day"}, quoteOf("MSFT 261218C420", 0.01),
   ["limit", "Order failed. Reason: Limit price 3.02 is not a multiple of the tick size of MSFT 261218C420, 0.05"]],
  ["no quote: the server decides", {symbol: "ESZ26", asset: "FU", limit: "4990.13"}, null, null],
  ["another symbol's quote", {symbol: "ESZ26", asset: "FU", limit: "4990.13"}, quoteOf("MSFT", 0.01), null],
];

for (const [name, changes, quote, expected] of TICKS) {
  test(`tick: ${name}`, () => {
    assert.deepEqual(check({...good, ...changes}, rules, TODAY, quote), expected);
  });
}

// The arrow keys step a price by the same tick: [name, asset, symbol, MinMove, price, direction, expected].
const STEPS = [
  ["ES up a quarter", "FU", "ESZ26", 0.25, "4990.25", 1, "4990.50"],
  ["ES down a quarter", "FU", "ESZ26", 0.25, "4990.25", -1, "4990.00"],
  ["ES off its tick, up to the next", "FU", "ESZ26", 0.25, "4990.13", 1, "4990.25"],
  ["ES off its tick, down to the next", "FU", "ESZ26", 0.25, "4990.13", -1, "4990.00"],
  ["ES whole points", "FU", "ESZ26", 0.25, "5000", 1, "5000.25"],
  ["ES past its tick's decimals", "FU", "ESZ26", 0.25, "4990.125", 1, "4990.25"],
  ["a stock's cent", "EQ", "MSFT", 0.01, "419.99", 1, "420.00"],
  ["forex's tenth of a pip", "FX", "EURUSD", 0.00001, "1.08", -1, "1.07999"],
  ["an option up across 3.00", "OP", "MSFT 261218C420", 0.01, "2.99", 1, "3.00"],
  ["an option up from 3.00", "OP", "MSFT 261218C420", 0.01, "3.00", 1, "3.05"],
  ["an option down to the cents below 3.00", "OP", "MSFT 261218C420", 0.01, "3.00", -1, "2.99"],
  ["never below one tick", "EQ", "MSFT", 0.01, "0.01", -1, "0.01"],
  ["not a number: no step", "EQ", "MSFT", 0.01, "abc", 1, null],
  ["no tick known: no step", "EQ", "MSFT", 0, "1.00", 1, null],
];

for (const [name, asset, symbol, minMove, price, direction, expected] of STEPS) {
  test(`step: ${name}`, () => {
    const quote = {Symbol: symbol, MinMove: minMove, Last: 1};
    assert.equal(stepPrice(rules, {asset, symbol, price, quote}, direction), expected);
  });
}
