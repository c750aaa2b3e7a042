/* The market beside the ticket: the symbol's quote and the account's balances and positions, drawn from what
   the page's live stream brings (live.js); asked of the bridge once only where the trader needs a figure the
   stream has not brought (a review's quote, an account not yet heard of). */
import {matches, stepPrice} from "./guards.js";
import {fill} from "./request.js";
import {amount, priceText} from "./words.js";

// The quote in the bridge's answer for one symbol (an array of TradeStation's quotes), or null when it has none.
function quoteIn(quotes) {
  const quote = Array.isArray(quotes) ? quotes[0] : null;
  return quote && !quote.Error && Number(quote.Last) > 0 ? quote : null;
}

const SLOW_MS = 2000;     // a quote that takes longer is called slow

export function createMarket(page) {
  const $ = window.jQuery;
  let quoted = null;                // the quote shown
  let streamed = null;              // the symbol whose quotes the stream brings while it is live, else null
  const figures = {}, held = {};    // each account's balances and positions, as last heard
  let heard = 0;                    // the stream's account events so far: an answer asked before one is older
  let slowTimer = null;

  // The quote of symbol as TradeStation gives it now, or null when there is none to be had (or no answer). A
  // live stream's quote is the last one there is: asking again would only spend TradeStation's quota.
  function lastQuote(symbol) {
    if (streamed && streamed === String(symbol).toUpperCase() && quoted) { return $.when(quoted); }
    let url;
    try { url = fill(page.urls.quote, "SYMBOL", symbol); }
    catch (_) { return $.when(null); }   // a raw symbol no URL can carry (half of an emoji): nothing to ask
    return $.ajax({url, dataType: "json", cache: false}).then(quoteIn, () => null);
  }

  function ticketSymbol() { return page.val("symbol").toUpperCase(); }
  function quotable(symbol) { return Boolean(symbol) && matches(page.rules, "symbol", symbol); }

  function showQuote(quote, symbol) {
    clearTimeout(slowTimer);
    quoted = quote;
    $("#quote").prop("hidden", !quote);
    $("#quote-name").prop("hidden", !quote)     // v3's quotes carry no description
      .text(quote ? quote.Symbol + (quote.Description ? " · " + quote.Description : "") : "");
    $("#quote-none").prop("hidden", Boolean(quote)).text("No quote for " + symbol + ".");
    if (!quote) { return; }
    $("#quote-bid strong").text(quote.BidPriceDisplay);
    $("#quote-bid .size").text("× " + quote.BidSize);
    $("#quote-ask strong").text(quote.AskPriceDisplay);
    $("#quote-ask .size").text("× " + quote.AskSize);
    $("#quote-last").text(quote.LastPriceDisplay);
    const change = Number(quote.NetChange), sign = change > 0 ? "+" : "";
    $("#quote-change").text(sign + quote.NetChangePriceDisplay + " (" + sign + quote.NetChangePct + "%)")
      .toggleClass("up", change > 0).toggleClass("down", change < 0);
  }

  function showWaiting(text) {
    clearTimeout(slowTimer);
    quoted = null;
    $("#quote, #quote-name").prop("hidden", true);
    $("#quote-none").prop("hidden", false).text(text);
  }

  // The ticket's symbol, now: the symbol the stream should carry, or "" for none. A quote of another symbol
  // leaves the strip at once, so a click on its bid never prices this one.
  function symbolShown() {
    const symbol = ticketSymbol();
    if (!quotable(symbol)) {
      showWaiting("Enter a symbol to see its quote.");
      return "";
    }
    if (!quoted || String(quoted.Symbol).toUpperCase() !== symbol) {
      showWaiting("The quote for " + symbol + " is on its way…");
      // Still none after a while: TradeStation is slow (the bridge keeps asking), never "No quote", which
      // would send the trader looking for a wrong symbol.
      slowTimer = setTimeout(() => { if (!quoted && ticketSymbol() === symbol) { showSlow(symbol); } }, SLOW_MS);
    }
    return symbol;
  }

  // A quote already shown for the symbol stays while the next is slow; else the strip says it is on its way.
  function showSlow(symbol) {
    if (quoted && String(quoted.Symbol).toUpperCase() === symbol) { return; }
    showWaiting("The quote for " + symbol + " is slow to come: asking again…");
  }

  // data: the stream's quote event for symbol (the bridge's /market/quote answer), drawn only while the ticket
  // is still on that symbol. The bridge's refusal for no answer in time (503, 504) or for the quota (429)
  // says nothing of the symbol: the bridge asks again.
  function drawQuote(data, symbol) {
    if (page.state.ended || ticketSymbol() !== symbol) { return; }
    if (!Array.isArray(data) && [429, 503, 504].includes(Number(data && data.StatusCode))) { showSlow(symbol); return; }
    showQuote(quoteIn(data), symbol);
  }

  function streaming(symbol) { streamed = symbol || null; }

  function showPositions(list) {
    const $body = $("#positions tbody").empty();
    for (const position of list) {
      const $row = $("<tr>").appendTo($body);
      for (const cell of [position.Symbol, (position.LongShort === "S" ? "−" : "") + position.Quantity,
                          position.AveragePriceDisplay, position.LastPriceDisplay,
                          amount(Number(position.OpenProfitLoss))]) {
        $("<td>").text(String(cell)).appendTo($row);
      }
    }
    $("#positions-region").prop("hidden", !list.length);
    $("#positions-empty").prop("hidden", list.length > 0);
  }

  function showBalance(balance) {
    $("#buying-power").text(amount(Number(balance.RealTimeBuyingPower)));
    $("#cash").text(amount(Number(balance.RealTimeAccountBalance)));
    $("#realized").text(amount(Number(balance.RealTimeRealizedProfitLoss || 0)));
    $("#balances").prop("hidden", false);
  }

  // What is known of the chosen account, drawn; false when nothing is known of it yet.
  function showAccount() {
    const account = $("#account").val();
    if (figures[account]) { showBalance(figures[account]); }
    if (held[account]) { showPositions(held[account]); }
    return Boolean(figures[account] && held[account]);
  }

  function keepBalances(account, body) {
    const balance = Array.isArray(body) ? body[0] : null;
    if (!balance || page.state.ended) { return; }
    figures[account] = balance;
    if ($("#account").val() === account) { showBalance(balance); }
  }
  function keepPositions(account, body) {
    if (!Array.isArray(body) || page.state.ended) { return; }
    held[account] = body;
    if ($("#account").val() === account) { showPositions(body); }
  }
  // The stream's balances and positions events: {account, body}, the bridge's answer for one account.
  function drawBalances({account, body}) { heard += 1; keepBalances(account, body); }
  function drawPositions({account, body}) { heard += 1; keepPositions(account, body); }

  // Once, for an account the stream has not brought yet, or while it is not live. What the stream brings
  // meanwhile is newer: the answer is then dropped.
  function refreshAccount() {
    const account = $("#account").val(), asked = heard;
    if (!account || page.state.ended) { return; }
    function unlessNewer(keep) { return (body) => { if (heard === asked) { keep(account, body); } }; }
    const balances = $.ajax({url: fill(page.urls.balances, "ACCOUNT", account), dataType: "json", cache: false})
      .done(unlessNewer(keepBalances));
    const positions = $.ajax({url: fill(page.urls.positions, "ACCOUNT", account), dataType: "json", cache: false})
      .done(unlessNewer(keepPositions));
    return $.when(balances.then(null, $.noop), positions.then(null, $.noop));    // both done, either way
  }

  // A click on the bid or the ask makes it the limit price: an edit like any other.
  $("#quote-bid, #quote-ask").on("click", function () {
    if (!quoted) { return; }
    if (!page.rules.needs_limit.includes($("#type").val())) { $("#type").val("Limit").trigger("change"); }
    const side = this.id === "quote-bid" ? "Bid" : "Ask";
    $("#limit").val(priceText(quoted[side], quoted[side + "PriceDisplay"])).trigger("change").trigger("focus");
  });

  // The arrow keys step a limit or stop price by the symbol's tick, the rule the ticket's check holds it to.
  $("#limit, #stop").on("keydown", function (event) {
    const direction = {ArrowUp: 1, ArrowDown: -1}[event.key];
    if (!direction) { return; }
    const stepped = stepPrice(page.rules, {asset: $("#asset").val(), symbol: page.val("symbol"), price: $(this).val(),
                                           quote: quoted}, direction);
    if (stepped === null) { return; }
    event.preventDefault();
    $(this).val(stepped).trigger("input").trigger("change");
  });

  $("#account").on("change", () => { if (!showAccount()) { refreshAccount(); } });

  return {lastQuote, drawQuote, drawBalances, drawPositions, refreshAccount, symbolShown, streaming,
          balance: (account) => figures[account], shown: () => quoted};
}
