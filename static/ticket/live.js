/* The page's one live stream (the bridge's GET /live?symbol=…, server-sent events): the ticket's symbol's
   quotes, today's orders, each account's balances and positions, the bridge's word on its feed, and the
   login's end. Drawn by market.js and orders.js; the panel's word on it is live-status.js's, when it opens,
   closes and opens again is stream-plan.js's. A hidden page holds no stream: the bridge then asks
   TradeStation nothing for it. */
import {STATES, endedWords, liveStatus} from "./live-status.js";
import {MOVES, streamMove, streamUrl} from "./stream-plan.js";

const FIRST_WAIT_MS = 1000, LONGEST_WAIT_MS = 30_000;    // before opening a stream the browser gave up on

export function createLive(page, {market, orders, results}) {
  const $ = window.jQuery;
  let source = null, symbol = "";       // the stream, and the symbol it carries ("" for none)
  let status = null, statusAt = 0;      // the bridge's last status event on it, and when it came
  let ticker = null, retry = null, wait = FIRST_WAIT_MS, followTimer = null;

  const hidden = () => document.visibilityState === "hidden";
  const isOpen = () => source !== null && source.readyState === window.EventSource.OPEN;

  function paint() {
    const now = Date.now(), shown = liveStatus({open: isOpen(), hidden: hidden(), ended: page.state.ended, status,
                                                receivedAt: statusAt, now});
    $("#live-status").text(shown.text).attr("data-state", shown.state);
    market.streaming(shown.state === STATES.LIVE ? symbol : null);
    clearTimeout(ticker);
    if (shown.secondsLeft) {       // again when the next whole second is up
      ticker = setTimeout(paint, (status.seconds * 1000 - (now - statusAt)) % 1000 || 1000);
    }
  }

  function listen(opened, kind, handle) {
    opened.addEventListener(kind, (event) => {
      let data;
      try { data = JSON.parse(event.data); } catch (_) { return; }     // a broken event says nothing
      handle(data);
    });
  }

  function open(carried) {
    const opened = new window.EventSource(streamUrl(page.urls.live, carried));
    source = opened;
    symbol = carried;
    status = null;
    listen(opened, "quote", (quotes) => market.drawQuote(quotes, carried));
    listen(opened, "orders", (list) => orders.draw(list));
    listen(opened, "balances", (event) => market.drawBalances(event));
    listen(opened, "positions", (event) => market.drawPositions(event));
    listen(opened, "status", (event) => { status = event; statusAt = Date.now(); paint(); });
    listen(opened, "ended", (event) => ended(event.reason));
    opened.addEventListener("open", () => { wait = FIRST_WAIT_MS; paint(); });
    // The browser opens the stream again by itself after a dropped connection (CONNECTING meanwhile); it
    // gives up (CLOSED) on an answer that is no stream at all, such as the bridge's 401 for a login gone.
    opened.addEventListener("error", () => {
      if (opened !== source) { return; }
      if (opened.readyState === window.EventSource.CLOSED) { gaveUp(); } else { paint(); }
    });
  }

  function close() {
    if (source) { source.close(); }
    source = null;
    status = null;
  }

  // Whether the login is gone is told by the bridge's 401 on the page's token (results.js hears it);
  // otherwise the stream is opened again, waiting longer each time.
  function gaveUp() {
    close();
    paint();
    $.ajax({url: page.urls.token, dataType: "json", cache: false}).always(() => {
      if (page.state.ended) { return; }
      clearTimeout(retry);
      retry = setTimeout(() => { retry = null; move(); }, wait);
      wait = Math.min(LONGEST_WAIT_MS, wait * 2);
    });
  }

  function ended(reason) {
    close();
    results.sessionCard("", {label: "Logged out", text: endedWords(reason)});
    paint();
  }

  // Open, close or open again for the page as it is now: shown or hidden, its symbol, the login.
  function move() {
    clearTimeout(followTimer);
    const wanted = page.state.ended || hidden() ? symbol : market.symbolShown();
    const next = streamMove({hidden: hidden(), open: source !== null || retry !== null, ended: page.state.ended,
                             symbolChanged: wanted !== symbol});
    if (next === MOVES.CLOSE || next === MOVES.REOPEN) {
      close();
      clearTimeout(retry);
      retry = null;
    }
    if (next === MOVES.OPEN || next === MOVES.REOPEN) { open(wanted); }
    paint();
  }

  $("#symbol").on("input", () => { clearTimeout(followTimer); followTimer = setTimeout(move, 250); });
  $("#symbol").on("change", move);
  document.addEventListener("visibilitychange", move);
  page.state.onChange((name) => { if (name === "end") { move(); } });

  return {start: move, isLive: () => isOpen() && !(status && status.state !== STATES.LIVE)};
}
