/* Masking: the one place a token is shortened. The full token stays in the page's memory; every text the
   inspector shows, copies or exports goes through conceal() unless the trader revealed that call's token.
   `shown` is how many characters a masked token keeps (tradestation/redact.py's SHOWN, from the page data). */

// Too short a token keeps nothing: its first characters would be most of it.
export function masked(token, shown) {
  const text = String(token || "");
  return text.length > shown * 2 ? text.slice(0, shown) + "…" : "…";
}

// The token is replaced in its URL-encoded form too, since a URL carries it encoded.
export function conceal(text, token, {shown, revealed = false}) {
  if (revealed || !token) { return String(text); }
  const mask = masked(token, shown);
  return [encodeURIComponent(token), token].reduce((out, form) => out.split(form).join(mask), String(text));
}

// For an export: every token masked, whatever the trader revealed on screen.
export function concealAll(text, tokens, shown) {
  return tokens.reduce((out, token) => conceal(out, token, {shown}), String(text));
}
