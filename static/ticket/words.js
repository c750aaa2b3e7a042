/* The page's own sentences, and the small ways it writes names, numbers and dates. No DOM here. */

// "{message}" stands for the answer's Message. TradeStation's words come with the page's rules (data-rules).
const SESSION = "Your TradeStation session has expired or is not valid — log in again.";
export const SENTENCES = Object.freeze({
  SESSION: SESSION,
  SESSION_REFUSED: SESSION + " ({message})",
  QUOTA: "TradeStation's request quota is used up ({message}): wait a few minutes and send again.",
  FATE_UNKNOWN: "The fate of this order is unknown: it may or may not have been placed — check the journal. {message}",
  SERVER_PROBLEM: "TradeStation had a problem; the order may not have been placed. {message}",
  UNKNOWN: "No answer from TradeStation: the order may or may not have been placed — check the journal.",
  NO_REVIEW: "TradeStation did not confirm the order, and nothing was placed: review it again.",
  REVIEW_AGAIN: "Its fate is not known yet: see Today's orders. The same ticket may be reviewed and sent " +
                "again; it cannot be placed twice.",
  REVIEW_STALE: "The ticket changed: review it again before sending.",
  REJECTED: "Not placed. Change the ticket, or choose New order.",
  AGAIN_REVIEW: "The same order on a new ticket: review it, then send.",
  AGAIN_ONE_CLICK: "The same order on a new ticket: Place order sends it.",
  NEW_ORDER: "A new order: fill the ticket, choosing the side again.",
  OVER_BUYING_POWER: "It would cost about {message}, more than the account's buying power",
  TOO_LONG: "Nothing was placed: the call would be {message}. Shorten the order.",
  NOT_IN_A_URL: "Nothing was placed: the text holds a character no URL can carry ({message}), such as half " +
                "of an emoji. Remove it and send again."
});

// The market panel's word on the live stream; "{seconds}" and "{reason}" are filled in by live-status.js.
export const LIVE_WORDS = Object.freeze({
  live: "live",
  reconnecting: "reconnecting…",
  hidden: "paused while the page is hidden",
  ended: "stopped: logged out",
  paused: "live data paused for {seconds} s: {reason}",
  pausedOpen: "live data paused: {reason}",        // no end given
  resuming: "live data paused: {reason}; resuming…",
  QUOTA: "TradeStation's request quota",
  ENDED: "Your login has ended — log in again."     // when the bridge gave no reason
});

export function sentence(name, message) {
  // A function as replacement: "$&" and the like in a message stay literal.
  return SENTENCES[name].replace("{message}", () => message);
}

export function words(name) { return String(name).replace(/([a-z])([A-Z])/g, "$1 $2"); }

export function pad(number) { return (number < 10 ? "0" : "") + number; }

export function ymd(date) {      // the trader's own date, as the date picker writes it
  return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
}

export function amount(number) {
  return number.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
}

export function tifLabel(rules, value) { return rules.tif_labels[value] || value; }

// A price for a box the trader edits, at the precision TradeStation shows it with ("190.00" from 190 and
// "190.00"), without the display's thousands separators. A display that is no plain decimal (a fraction of
// a bond's, say) says nothing of decimals: the number stays as it is.
export function priceText(number, display) {
  const plain = /^-?\d+(?:\.(\d+))?$/.exec(String(display || "").replace(/,/g, ""));
  return plain ? Number(number).toFixed((plain[1] || "").length) : String(number);
}
