/* The request: the order in either v2 dialect, as TradeStation's JSONP calls carry it, and the call's URL.
   No DOM here: the ticket's fields come in as a plain object (see guards.check). */
import {pad, tifLabel} from "./words.js";

// 16 random bytes, base64url without padding (22 characters), as the bridge makes its own.
export function newConfirmId(random = globalThis.crypto) {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// A date as the dialect writes an expiry: classic GTDDate MM/DD/YYYY; 2015 the day's end, in local time.
export function expiration(ymd, classic) {
  const parts = ymd.split("-");
  if (classic) { return parts[1] + "/" + parts[2] + "/" + parts[0]; }
  const offset = -new Date(+parts[0], parts[1] - 1, +parts[2], 23, 59, 59).getTimezoneOffset();
  const minutes = Math.abs(offset);
  return ymd + "T23:59:59" + (offset < 0 ? "-" : "+") + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
}

/* The ticket's order in a dialect. ticket: the fields as typed (its side and tif in ticket.dialect's words,
   unless `choices` gives them in this dialect's). */
export function build(ticket, {dialectName, rules, confirmId, choices = null}) {
  const classic = dialectName === "classic", vocabulary = rules.dialects[dialectName];
  const tif = choices ? choices.tif : ticket.tif, order = {OrderConfirmId: confirmId};
  order[classic ? "AccountKey" : "AccountId"] = ticket.account;
  order.AssetType = vocabulary.asset_names[ticket.asset];
  order.Symbol = ticket.symbol;
  order.Quantity = classic ? ticket.quantity : Number(ticket.quantity);
  order[classic ? "OrderType" : "Type"] = ticket.type;
  if (rules.needs_limit.includes(ticket.type)) { order.LimitPrice = ticket.limit; }
  if (rules.needs_stop.includes(ticket.type)) { order.StopPrice = ticket.stop; }
  order[classic ? "TradeAction" : "Side"] = choices ? choices.side : ticket.side;
  order[classic ? "Duration" : "TimeInForce"] = tif;
  if (vocabulary.dated.includes(tif)) {
    order[classic ? "GTDDate" : "TimeInForceExpiration"] = ticket.expiry ? expiration(ticket.expiry, classic) : "";
  }
  order.Route = ticket.route;
  return order;
}

// The same choice in the other dialect, when it has one; undefined when it has none.
export function translate(rules, kind, from, to, value) {
  if (from === to || !value) { return value; }
  return rules.translate[kind][from][value];
}

/* The ticket's order in another dialect, for the inspector's side-by-side view: the side and time in force
   carried over as a dialect switch carries them; a choice with no equivalent there is named in `lacking`. */
export function buildAs(ticket, {dialectName, rules, confirmId}) {
  const lacking = [];
  function carried(kind, value) {
    const there = translate(rules, kind, ticket.dialect, dialectName, value);
    if (there === undefined) { lacking.push(value); return value; }
    return there;
  }
  const choices = {side: carried("side", ticket.side), tif: carried("tif", ticket.tif)};
  return {order: build(ticket, {dialectName, rules, confirmId, choices}), lacking};
}

// A raw order is text a tester typed, sent as typed; it is read for what can be read of it.
export function isRaw(order) { return typeof order === "string"; }

export function fieldsOf(order) {
  if (!isRaw(order)) { return order; }
  try {
    const parsed = JSON.parse(order);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch (_) { return {}; }
}

// What was sent, as sent (prices exactly as entered), and where: the line under its answer.
export function describe(order, {dialectName, via, rules}) {
  const where = via === "upstream_jsonp" ? "TradeStation directly" : "this bridge";
  if (isRaw(order)) {
    const read = fieldsOf(order);
    return ["raw order", where, dialectName, read.OrderConfirmId ? "ticket " + read.OrderConfirmId : ""]
      .filter(Boolean).join(" · ");
  }
  const classic = dialectName === "classic", tif = order[classic ? "Duration" : "TimeInForce"];
  const expiry = order[classic ? "GTDDate" : "TimeInForceExpiration"];
  return [
    "Account " + order[classic ? "AccountKey" : "AccountId"],
    order.LimitPrice !== undefined ? "limit " + order.LimitPrice : "",
    order.StopPrice !== undefined ? "stop " + order.StopPrice : "",
    tifLabel(rules, tif) + (expiry ? " until " + expiry : ""),
    where, dialectName, "ticket " + order.OrderConfirmId
  ].filter(Boolean).join(" · ");
}

/* The query of one JSONP call as TradeStation defines it; data is sent exactly as typed when it is text.
   confirmId: a cancel's or change's OrderConfirmId, in the query (the bridge's key for sending it once); an
   order carries its own in data. */
export function callQuery({apiVersion, token, data, confirmId = null}) {
  const query = {APIVersion: apiVersion, oauth_token: token};
  if (data !== null && data !== undefined) { query.data = typeof data === "string" ? data : JSON.stringify(data); }
  if (confirmId) { query.OrderConfirmId = confirmId; }
  return query;
}

// What the bridge's server reads of a GET: its request line (bridge/http_limits.py refuses a longer one).
export function requestLineLength(url, base) {
  const parsed = new URL(url, base);
  return ("GET " + parsed.pathname + parsed.search + " HTTP/1.1").length;
}

// A URL of the page's: the placeholder (ACCOUNT, ORDERID, SYMBOL…) replaced by the value, encoded.
export function fill(template, placeholder, value) { return template.replace(placeholder, encodeURIComponent(value)); }
