/* The market beside the ticket: the symbol's quote and the account's balances and positions, through the
   bridge, refreshed while the page is open. */
import {matches, stepPrice} from "./guards.js";
import {fill} from "./request.js";
import {amount, priceText} from "./words.js";

export function createMarket(page) {
  const $ = window.jQuery;
  let quoted = null;                // the quote shown
  const figures = {};               // each account's balances

  // The market as TradeStation quotes it: {quote}, null when there is no quote to be had; slow when no answer
  // came in time (the bridge's 503 or 504, or none at all), which says nothing of the symbol.
  function askQuote(symbol) {
    let url;
    try { url = fill(page.urls.quote, "SYMBOL", symbol); }
    catch (_) { return $.when({quote: null}); }   // a raw symbol no URL can carry (half of an emoji): nothing to ask
    return $.ajax({url, dataType: "json", cache: false}).then((quotes) => {
      const quote = Array.isArray(quotes) ? quotes[0] : null;
      return {quote: quote && !quote.Error && Number(quote.Last) > 0 ? quote : null};
    }, (xhr) => ({quote: null, slow: [0, 503, 504].includes(xhr.status)}));
  }
  function lastQuote(symbol) { return askQuote(symbol).then((asked) => asked.quote); }

  // A quote already shown for the symbol stays while the next is slow; else the strip says it is on its way
  // (the timed refresh asks again), never "No quote", which would send the trader looking for a wrong symbol.
  function showSlow(symbol) {
    if (quoted && quoted.Symbol === symbol) { return; }
    quoted = null;
    $("#quote, #quote-name").prop("hidden", true);
    $("#quote-none").prop("hidden", false).text("The quote for " + symbol + " is slow to come: asking again…");
  }

  function showQuote(quote, symbol) {
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

  function refreshQuote() {
    if (page.state.ended) { return; }
    const symbol = page.val("symbol").toUpperCase();
    if (!symbol || !matches(page.rules, "symbol", symbol)) {
      quoted = null;
      $("#quote, #quote-name").prop("hidden", true);
      $("#quote-none").prop("hidden", false).text("Enter a symbol to see its quote.");
      return;
    }
    return askQuote(symbol).then((asked) => {
      if (page.val("symbol").toUpperCase() !== symbol) { return; }     // the ticket moved on
      if (asked.slow) { showSlow(symbol); } else { showQuote(asked.quote, symbol); }
    });
  }

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

  function refreshAccount() {
    const account = $("#account").val();
    if (!account || page.state.ended) { return; }
    const balances = $.ajax({url: fill(page.urls.balances, "ACCOUNT", account), dataType: "json", cache: false})
      .done((list) => {
        const balance = Array.isArray(list) ? list[0] : null;
        if (!balance || $("#account").val() !== account) { return; }
        figures[account] = balance;
        $("#buying-power").text(amount(Number(balance.RealTimeBuyingPower)));
        $("#cash").text(amount(Number(balance.RealTimeAccountBalance)));
        $("#realized").text(amount(Number(balance.RealTimeRealizedProfitLoss || 0)));
        $("#balances").prop("hidden", false);
      });
    const positions = $.ajax({url: fill(page.urls.positions, "ACCOUNT", account), dataType: "json", cache: false})
      .done((list) => {
        if (Array.isArray(list) && $("#account").val() === account) { showPositions(list); }
      });
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

  let quoteTimer = null;
  $("#symbol").on("input", () => { clearTimeout(quoteTimer); quoteTimer = setTimeout(refreshQuote, 250); });
  $("#symbol").on("change", refreshQuote);
  $("#account").on("change", refreshAccount);

  return {lastQuote, refreshQuote, refreshAccount, balance: (account) => figures[account], shown: () => quoted};
}
