/* When the page's one stream opens, closes or opens again, and where to: decisions only, no DOM. */

export const MOVES = Object.freeze({OPEN: "open", CLOSE: "close", REOPEN: "reopen", KEEP: "keep"});

/* hidden: the page is hidden; open: a stream is open or opening; ended: the login is over;
   symbolChanged: the ticket's symbol is not the one the stream carries. */
export function streamMove({hidden, open, ended, symbolChanged = false}) {
  if (ended || hidden) { return open ? MOVES.CLOSE : MOVES.KEEP; }
  if (!open) { return MOVES.OPEN; }
  return symbolChanged ? MOVES.REOPEN : MOVES.KEEP;
}

// The stream's URL for a symbol: the symbol only when it is one the ticket would ask a quote of.
export function streamUrl(base, symbol) {
  if (!symbol) { return base; }
  return base + (base.includes("?") ? "&" : "?") + "symbol=" + encodeURIComponent(symbol);
}
