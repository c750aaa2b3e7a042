/* The order's checks and cautions, before anything is sent. The checks are tradestation/orders.py's for the
   ticket's fields, in its order and with its words (the page's rules); the cautions are the guard rails with
   the bridge's settings: a price far from the last one, a large order, more than the buying power. No DOM. */
import {amount, sentence} from "./words.js";

const FORMATS = {quantity: "\\d+", price: "\\d*\\.?\\d+"};

// Formats come from rules.patterns when the view hands them over; otherwise the server has the last word.
export function matches(rules, name, text) {
  const pattern = {...FORMATS, ...rules.patterns}[name] || ".*";
  return new RegExp("^(?:" + pattern + ")$").test(text);
}

export function priceOk(rules, text) {
  const parts = text.split("."), whole = Number(parts[0] || 0), fraction = /[1-9]/.test(parts[1] || "");
  const max = Number(rules.max_price || Infinity);
  return matches(rules, "price", text) && (whole > 0 || fraction) && (whole < max || (whole === max && !fraction));
}

export function quantityOk(rules, text) {
  return matches(rules, "quantity", text) && +text > 0 && +text <= (rules.max_quantity || Infinity);
}

// A decimal's text as a whole number of 10^-places (BigInt), so that 4990.13 against 0.25 is exact.
function scaled(text, places) {
  const [whole, fraction = ""] = text.split(".");
  return BigInt((whole || "0") + fraction.padEnd(places, "0"));
}

function decimalText(number) {   // 1e-7 and the like as plain digits
  return /e/i.test(String(number)) ? Number(number).toFixed(12).replace(/0+$/, "") : String(number);
}

/* The tick a price must be a multiple of, as text: the asset's schedule (rules.tick_schedules, from
   tradestation/ticks.py) from the highest floor the price reaches, else the quote's MinMove; null when the quote
   is not this symbol's or has none (the server has the last word). */
export function tickAt(rules, asset, quote, symbol, price) {
  if (!quote || quote.Symbol !== symbol || !(Number(quote.MinMove) > 0)) { return null; }
  let tick = decimalText(quote.MinMove);
  for (const [floor, step] of (rules.tick_schedules || {})[asset] || []) {
    if (Number(price) >= Number(floor)) { tick = step; }
  }
  return tick;
}

// The OFF_TICK sentence when a well-formed price is not a whole number of ticks, else null.
export function offTick(rules, {asset, symbol, name, price, quote}) {
  const tick = tickAt(rules, asset, quote, symbol, price);
  if (!tick || !/^\d*\.?\d+$/.test(price)) { return null; }
  const places = Math.max((price.split(".")[1] || "").length, (tick.split(".")[1] || "").length);
  if (scaled(price, places) % scaled(tick, places) === 0n) { return null; }
  const names = {field: name, price, symbol, tick};
  return rules.messages.OFF_TICK.replace(/\{(\w+)\}/g, (_, key) => names[key]);
}

function unscaled(number, places) {   // a BigInt of 10^-places back to its decimal text
  const digits = (number < 0n ? -number : number).toString().padStart(places + 1, "0");
  const text = places ? digits.slice(0, -places) + "." + digits.slice(-places) : digits;
  return (number < 0n ? "-" : "") + text;
}

/* The price one tick up (direction 1) or down (-1) from a typed one, on the symbol's tick: an off-tick price
   goes to the next tick that way. Down from a schedule's floor takes the smaller tick below it (3.00 → 2.99).
   null when the tick is not known or the price is not a plain number; never below one tick. */
export function stepPrice(rules, {asset, symbol, price, quote}, direction) {
  const text = /^\d*\.?\d+$/.test(price || "") ? price : null;
  const minMove = quote ? decimalText(quote.MinMove) : null;
  if (!text || !minMove || !tickAt(rules, asset, quote, symbol, text)) { return null; }
  const below = direction < 0 ? String(Math.max(Number(text) - Number(minMove), 0)) : text;
  const tick = tickAt(rules, asset, quote, symbol, below);
  const places = Math.max((text.split(".")[1] || "").length, (tick.split(".")[1] || "").length);
  const value = scaled(text, places), step = scaled(tick, places), rest = value % step;
  const next = direction > 0 ? value - rest + step : (rest ? value - rest : value - step);
  const tickPlaces = (tick.split(".")[1] || "").length;
  const result = unscaled(next < step ? step : next, places);
  return tickPlaces < places ? String(Number(result).toFixed(tickPlaces)) : result;
}

/* The first problem of a ticket, as [field id, message], or null.
   ticket: {dialect, account, asset, side, symbol, quantity, type, limit, stop, tif, route, expiry} as typed;
   today: "YYYY-MM-DD", the trader's date; quote: the quote shown (its MinMove is the symbol's tick), or null. */
export function check(ticket, rules, today, quote = null) {
  const messages = rules.messages, t = ticket, dated = rules.dialects[t.dialect].dated.includes(t.tif);
  const needsLimit = rules.needs_limit.includes(t.type), needsStop = rules.needs_stop.includes(t.type);
  const tick = (name, price) => offTick(rules, {asset: t.asset, symbol: t.symbol, name, price, quote});
  const limitTick = needsLimit && tick("Limit price", t.limit), stopTick = needsStop && tick("Stop price", t.stop);
  const problems = [
    [!t.account, "account", messages.MISSING_FIELD + (t.dialect === "classic" ? " AccountKey" : " AccountId")],
    [!t.asset, "asset", messages.INVALID_ASSET],
    [!t.side, "side", messages.INVALID_ACTION],
    [!t.symbol, "symbol", messages.MISSING_SYMBOL],
    [!matches(rules, "symbol", t.symbol), "symbol", messages.INVALID_SYMBOL],
    [!t.quantity, "quantity", messages.MISSING_QUANTITY],
    [!quantityOk(rules, t.quantity), "quantity", messages.INVALID_QUANTITY],
    [!t.type, "type", messages.MISSING_TYPE],
    [needsLimit && !t.limit, "limit", messages.MISSING_LIMIT],
    [needsLimit && !priceOk(rules, t.limit), "limit", messages.INVALID_LIMIT],
    [limitTick, "limit", limitTick],
    [needsStop && !t.stop, "stop", messages.MISSING_STOP],
    [needsStop && !priceOk(rules, t.stop), "stop", messages.INVALID_STOP],
    [stopTick, "stop", stopTick],
    [!t.tif, "tif", messages.MISSING_TIF],
    [!t.route, "route", messages.INVALID_ROUTE],
    [dated && !/^\d{4}-\d\d-\d\d$/.test(t.expiry), "expiry", messages.MISSING_EXPIRY],
    [dated && t.expiry < today, "expiry", messages.PAST_EXPIRY]
  ];
  const first = problems.find(([failed]) => failed);
  return first ? [first[1], first[2]] : null;
}

/* A change to an open order (Quantity, and the prices it has), checked like a new order's: a message or null.
   market: the order's {asset, symbol} and its symbol's quote, whose tick its prices must keep (as check's). */
export function checkChange(change, rules, market = {}) {
  const messages = rules.messages;
  if (!matches(rules, "quantity", change.Quantity) || +change.Quantity <= 0) { return messages.INVALID_QUANTITY; }
  if (change.LimitPrice !== undefined && !priceOk(rules, change.LimitPrice)) { return messages.INVALID_LIMIT; }
  if (change.StopPrice !== undefined && !priceOk(rules, change.StopPrice)) { return messages.INVALID_STOP; }
  const tick = (name, price) => price !== undefined && offTick(rules, {...market, name, price});
  return tick("Limit price", change.LimitPrice) || tick("Stop price", change.StopPrice) || null;
}

/* Why an order must be confirmed a second time, as sentences; none when no guard stops it.
   order: its Quantity, LimitPrice, StopPrice; quote: TradeStation's, or null; guards: the bridge's settings. */
export function cautions(order, quote, guards) {
  const reasons = [], last = quote ? Number(quote.Last) : 0, pointValue = quote ? Number(quote.PointValue) || 1 : 1;
  for (const [name, price] of [["Limit price", order.LimitPrice], ["Stop price", order.StopPrice]]) {
    if (price === undefined || !last) { continue; }
    const away = (Number(price) - last) / last * 100;
    if (Math.abs(away) >= guards.price_band_percent) {
      reasons.push(name + " " + price + " is " + Math.round(Math.abs(away)) + "% " +
                   (away > 0 ? "above" : "below") + " the last price, " + (quote.LastPriceDisplay || last) + ".");
    }
  }
  const value = Number(order.Quantity) * Number(order.LimitPrice || order.StopPrice || last) * pointValue;
  if (value > guards.order_value_limit) {
    reasons.push("The order is worth about " + amount(value) + ", more than " + amount(guards.order_value_limit) + ".");
  }
  return reasons;
}

// TradeStation's estimated cost against the account's buying power (balance: its balances, or undefined).
export function overBuyingPower(confirmation, balance) {
  const cost = Number(confirmation.EstimatedCost), power = balance ? Number(balance.RealTimeBuyingPower) : NaN;
  return cost > power ? [sentence("OVER_BUYING_POWER", amount(cost)) + " (" + amount(power) + ")."] : [];
}
