// The ticket's order in both dialects, side by side, as rows (static/inspector/dialect-rows.js).
import {test} from "node:test";
import assert from "node:assert/strict";
import {dialectRows, headings, lackingWords} from "../../static/inspector/dialect-rows.js";

// A few of tradestation/orders.py's field pairs: [classic name, 2015 name].
const PAIRS = [["AccountKey", "AccountId"], ["Symbol", "Symbol"], ["TradeAction", "Side"], ["Quantity", "Quantity"],
               ["LimitPrice", "LimitPrice"], ["Duration", "TimeInForce"]];

function ticket(classic, global, lacking = {classic: [], "2015": []}) {
  return {dialect: "classic", classic: {order: classic, lacking: lacking.classic},
          "2015": {order: global, lacking: lacking["2015"]}};
}

test("each field either order has is a row, a name or value written differently marked", () => {
  const rows = dialectRows(ticket({AccountKey: "1", Symbol: "MSFT", TradeAction: "Buy", Quantity: "10", Duration: "DAY"},
                                  {AccountId: "1", Symbol: "MSFT", Side: "Buy", Quantity: 10, TimeInForce: "Day"}), PAIRS);
  const table = [
    // fields                      marks (name, value)   last
    ["AccountKey AccountId",       [true,  false],        false],
    ["Symbol Symbol",              [false, false],        false],
    ["TradeAction Side",           [true,  false],        false],
    ["Quantity Quantity",          [false, true],         false],     // "10" against 10
    ["Duration TimeInForce",       [true,  true],         true],
  ];
  assert.deepEqual(rows.map((row) => [row.fields, [row.marks.name, row.marks.value], row.last]), table);
  assert.deepEqual(rows[3].cells, [{name: "Quantity", value: "10", present: true},
                                   {name: "Quantity", value: 10, present: true}]);
});

test("a field only one dialect's order has shows there alone", () => {
  const rows = dialectRows(ticket({Symbol: "MSFT", LimitPrice: "1.5"}, {Symbol: "MSFT"}), PAIRS);
  assert.deepEqual(rows.map((row) => row.fields), ["Symbol Symbol", "LimitPrice LimitPrice"]);
  assert.deepEqual(rows[1].cells, [{name: "LimitPrice", value: "1.5", present: true},
                                   {name: "LimitPrice", present: false}]);
  assert.equal(rows[1].marks.value, true);
});

test("no fields, no rows", () => {
  assert.deepEqual(dialectRows(ticket({}, {}), PAIRS), []);
});

test("the headings name each dialect's APIVersion", () => {
  assert.deepEqual(headings({classic: "20101026", "2015": "20150101"}),
                   {classic: "Classic (APIVersion 20101026)", "2015": "2015 (APIVersion 20150101)"});
});

test("a choice with no equivalent is named for the dialect that lacks it", () => {
  const table = [
    [{classic: [], "2015": []},               ""],
    [{classic: ["GTD+"], "2015": []},         "GTD+ has no equivalent in the classic dialect: a switch clears it."],
    [{classic: [], "2015": ["OPG", "CLO"]},   "OPG, CLO has no equivalent in the 2015 dialect: a switch clears it."],
    [{classic: ["A"], "2015": ["B"]},
     "A has no equivalent in the classic dialect: a switch clears it. B has no equivalent in the 2015 dialect: a switch clears it."],
  ];
  for (const [lacking, expected] of table) { assert.equal(lackingWords(ticket({}, {}, lacking)), expected); }
});
