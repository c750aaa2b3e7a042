/* Today's orders: TradeStation's order list for the trader's accounts, polled, with a cancel or a change
   for each open order (one at a time per order, its answer shown like an order's). */
import {cautions, checkChange} from "./guards.js";
import {classify} from "./verdict.js";
import {fill} from "./request.js";
import {SENTENCES, priceText, tifLabel, words} from "./words.js";

const STATUS_WORDS = {OPN: "received", ACK: "received", OSO: "waiting for its parent order", FPR: "partly filled",
                      FLP: "partly filled", FLL: "filled", CAN: "cancelled", OUT: "cancelled", REJ: "rejected",
                      EXP: "expired"};
const OPEN_STATUSES = ["OPN", "ACK", "OSO", "FPR"];

export function statusWords(entry) {
  if (entry.Status === "FLL") { return "filled at " + entry.FilledPriceText; }
  if (entry.Status === "FPR" || entry.Status === "FLP") {
    return "partly filled: " + entry.ExecuteQuantity + " of " + entry.Quantity + " at " + entry.FilledPriceText;
  }
  if (entry.Status === "REJ" && entry.RejectReason) { return "rejected: " + entry.RejectReason; }
  return STATUS_WORDS[entry.Status] || String(entry.StatusDescription || entry.Status);
}

export function orderWords(entry, rules) {
  const prices = [entry.LimitPriceText ? "limit " + entry.LimitPriceText : "",
                  entry.StopPriceText ? "stop " + entry.StopPriceText : ""].filter(Boolean);
  return [entry.Type + " " + entry.Quantity + " " + entry.Symbol + " " + words(entry.OrderType),
          prices.join(", "), tifLabel(rules, entry.Duration)].filter(Boolean).join(" · ");
}

// page: the page's pieces; results, calls, market: theirs. Tells "ticket:orders" when the list changed.
export function createOrders(page, {results, calls, market}) {
  const $ = window.jQuery;
  let statusById = {}, lastFills = "", shownList = "";
  const working = {};                 // ids with a cancel or change out

  function refresh() {
    const keys = $("#account option").map(function () { return this.value; }).get();
    if (!keys.length || page.state.ended) { return; }
    return $.ajax({url: fill(page.urls.orders, "ACCOUNTS", keys.join(",")), dataType: "json", cache: false})
      .done((list) => {
        if (!Array.isArray(list)) { return; }
        const fills = list.map((entry) => entry.OrderID + ":" + entry.ExecuteQuantity).join(), moved = fills !== lastFills;
        lastFills = fills;
        const listed = JSON.stringify(list);
        if (listed === shownList) { return; }   // unchanged: the buttons under the trader's hand stay put
        shownList = listed;
        statusById = {};
        for (const entry of list) { statusById[String(entry.OrderID)] = entry; }
        show(list);
        $(document).trigger("ticket:orders");
        if (moved) { market.refreshAccount(); }     // a fill moves cash and positions
      });
  }

  function button(kind, label, id) {
    return $("<button type='button'>").addClass("small " + kind).text(label).prop("disabled", Boolean(working[id]))
      .attr("aria-label", label + " order " + id);
  }

  function show(list) {
    const $body = $("#orders tbody"), editing = $body.find(".modify-row").attr("data-order");
    $body.find("tr:not(.modify-row)").remove();
    for (const entry of list) {
      const id = String(entry.OrderID), open = OPEN_STATUSES.includes(entry.Status);
      const $row = $("<tr>").attr("data-order", id).addClass("status-" + String(entry.Status).replace(/\W/g, ""));
      for (const cell of [id, entry.AccountID, orderWords(entry, page.rules), statusWords(entry)]) {
        $("<td>").text(String(cell)).appendTo($row);
      }
      const $actions = $("<td class='order-actions'>").appendTo($row);
      if (open) { $actions.append(button("cancel-order", "Cancel", id), button("modify-order", "Modify", id)); }
      const $editor = $body.find(".modify-row").filter((_, row) => row.getAttribute("data-order") === id);
      if ($editor.length) { $row.insertBefore($editor); } else { $row.appendTo($body); }
      if (editing === id && !open) { $editor.remove(); }
    }
    $("#orders").prop("hidden", !list.length);
    $("#orders-empty").prop("hidden", list.length > 0);
  }

  function changeOrder(orderId, kind, data, label) {
    if (working[orderId]) { return; }
    working[orderId] = true;
    $("#orders tr").filter((_, row) => row.getAttribute("data-order") === orderId).find("button").prop("disabled", true);
    const via = page.target(), meta = label + " · " + (via === "upstream_jsonp" ? "TradeStation directly" : "this bridge");
    calls.ask(fill(page.urls[kind][via], "ORDERID", orderId), data, page.dialect(), label).then((answer) => {
      results.showVerdict(classify(answer, page.rules.messages), meta);
      $("#results li").first().trigger("focus");
    }, (why) => {
      results.show(why === "session" ? "error" : "unknown", why === "session" ? "401" : "No answer",
                   why === "session" ? SENTENCES.SESSION : SENTENCES.UNKNOWN, meta);
    }).always(() => {
      delete working[orderId];
      shownList = "";
      $(document).trigger("ticket:settled");
    });
  }

  $("#orders").on("click", ".cancel-order", function () {
    const orderId = $(this).closest("tr").attr("data-order");
    changeOrder(orderId, "cancel", null, "Cancel order " + orderId);
  });

  $("#orders").on("click", ".modify-order", function () {
    const orderId = $(this).closest("tr").attr("data-order"), entry = statusById[orderId];
    $("#orders .modify-row").remove();
    const $cell = $("<td colspan='5'>"), $editor = $("<tr class='modify-row'>").attr("data-order", orderId).append($cell);
    function field(name, label, value) {
      const $label = $("<label>").text(label + " ").appendTo($cell);
      $("<input type='text' inputmode='decimal' maxlength='20'>").attr("name", name).val(value).appendTo($label);
    }
    field("Quantity", "Quantity", entry.Quantity);
    if (entry.LimitPriceText) { field("LimitPrice", "Limit price", priceText(entry.LimitPrice, entry.LimitPriceText)); }
    if (entry.StopPriceText) { field("StopPrice", "Stop price", priceText(entry.StopPrice, entry.StopPriceText)); }
    $("<p class='modify-cautions' role='alert' hidden>").appendTo($cell);
    $("<button type='button' class='small primary send-change'>").text("Send change").appendTo($cell);
    $("<button type='button' class='small close-change'>").text("Close").appendTo($cell);
    $editor.insertAfter($(this).closest("tr"));
    $editor.find("input").first().trigger("focus");
  });

  $("#orders").on("click", ".close-change", function () { $(this).closest("tr").remove(); });
  $("#orders").on("input", ".modify-row input", function () {     // a changed change is checked again
    $(this).closest("tr").removeAttr("data-accepted").find(".modify-cautions").prop("hidden", true).empty();
  });

  $("#orders").on("click", ".send-change", function () {
    const $editor = $(this).closest("tr"), orderId = $editor.attr("data-order"), entry = statusById[orderId];
    if (working[orderId] || !entry) { return; }
    const change = {AccountKey: String(entry.AccountID), OrderID: orderId, OrderType: entry.OrderType};
    $editor.find("input").each(function () { change[this.name] = $.trim(this.value); });
    const $note = $editor.find(".modify-cautions"), problem = checkChange(change, page.rules);
    if (problem) { $note.prop("hidden", false).text(problem); return; }
    function send() {
      changeOrder(orderId, "cancelreplace", change, "Change order " + orderId);
      $editor.remove();
    }
    if ($editor.attr("data-accepted")) { send(); return; }
    const $button = $(this).prop("disabled", true);
    $.when(market.lastQuote(entry.Symbol)).then((quote) => {
      $button.prop("disabled", false);
      const reasons = cautions({Quantity: change.Quantity, LimitPrice: change.LimitPrice, StopPrice: change.StopPrice},
                               quote, page.guards);
      if (!reasons.length) { send(); return; }
      // The same guard rails as a new order: the reasons, then a second, deliberate click.
      $editor.attr("data-accepted", "true");
      $note.prop("hidden", false).text(reasons.join(" ") + " Send change again to confirm.");
    });
  });

  return {refresh, entry: (id) => statusById[String(id)]};
}
