/* Today's orders: TradeStation's order list for the trader's accounts, as the page's live stream brings it
   (live.js; asked once more after the trader's own order, cancel or change), with a cancel or a change
   for each open order (one at a time per order, its answer shown like an order's). Each cancel or change
   carries an OrderConfirmId of its own, kept on a retry, so the bridge sends it once; which of them wait for
   a second, explicit click is confirming.js's rule. */
import {changedFields, needsConfirmation} from "./confirming.js";
import {cautions, checkChange} from "./guards.js";
import {classify} from "./verdict.js";
import {fill, newConfirmId} from "./request.js";
import {columnLabels} from "./table-labels.js";
import {SENTENCES, priceText, tifLabel, words} from "./words.js";

const STATUS_WORDS = {OPN: "received", ACK: "received", OSO: "waiting for its parent order", FPR: "partly filled",
                      FLP: "partly filled", FLL: "filled", CAN: "cancelled", OUT: "cancelled", REJ: "rejected",
                      EXP: "expired"};
const OPEN_STATUSES = ["OPN", "ACK", "OSO", "FPR"];
const LIST_WAIT_MS = 2000;      // how long a cancel's or change's buttons wait for the list after its answer

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

// page: the page's pieces; results, calls, market: theirs.
export function createOrders(page, {results, calls, market}) {
  const $ = window.jQuery;
  let statusById = {}, lastFills = "", shownList = "", shown = [];
  const working = {};                 // ids with a cancel or change out

  let heard = 0;                      // the stream's order lists so far: an answer asked before one is older

  // list: the bridge's answer for the trader's accounts. Tells "ticket:orders" when it changed.
  function keep(list) {
    if (!Array.isArray(list) || page.state.ended) { return; }
    const fills = list.map((entry) => entry.OrderID + ":" + entry.ExecuteQuantity).join(), moved = fills !== lastFills;
    lastFills = fills;
    const listed = JSON.stringify(list);
    if (listed === shownList) { return; }   // unchanged: the buttons under the trader's hand stay put
    shownList = listed;
    shown = list;
    statusById = {};
    for (const entry of list) { statusById[String(entry.OrderID)] = entry; }
    show(list);
    $(document).trigger("ticket:orders", [{moved}]);
  }

  function draw(list) { heard += 1; keep(list); }     // the stream's orders event

  // Once, after the trader's own call: its order is listed at once, whenever the stream's next list comes.
  function refresh() {
    const keys = $("#account option").map(function () { return this.value; }).get(), asked = heard;
    if (!keys.length || page.state.ended) { return; }
    return $.ajax({url: fill(page.urls.orders, "ACCOUNTS", keys.join(",")), dataType: "json", cache: false})
      .done((list) => { if (heard === asked) { keep(list); } });
  }

  function button(kind, label, id) {
    return $("<button type='button'>").addClass("small " + kind).text(label).prop("disabled", Boolean(working[id]))
      .attr("aria-label", label + " order " + id);
  }

  // An order's rows, matched by the attribute's value rather than a selector built from the id.
  function rowsOf(orderId, rows) {
    return $(rows).filter((_, row) => row.getAttribute("data-order") === orderId);
  }

  function show(list) {
    const $body = $("#orders tbody"), editing = $body.find(".modify-row").attr("data-order");
    const labels = columnLabels("#orders");
    $body.find("tr:not(.modify-row)").remove();
    for (const entry of list) {
      const id = String(entry.OrderID), open = OPEN_STATUSES.includes(entry.Status);
      const $row = $("<tr>").attr("data-order", id).addClass("status-" + String(entry.Status).replace(/\W/g, ""));
      for (const [column, cell] of [id, entry.AccountID, orderWords(entry, page.rules), statusWords(entry)].entries()) {
        $("<td>").attr("data-label", labels[column]).text(String(cell)).appendTo($row);
      }
      const $actions = $("<td class='order-actions'>").appendTo($row);
      if (open) { $actions.append(button("cancel-order", "Cancel", id), button("modify-order", "Modify", id)); }
      const $editor = rowsOf(id, $body.find(".modify-row"));
      if ($editor.length) { $row.insertBefore($editor); } else { $row.appendTo($body); }
      if (editing === id && !open) { $editor.remove(); }
    }
    $("#orders").prop("hidden", !list.length);
    $("#orders-empty").prop("hidden", list.length > 0);
  }

  function changeOrder(orderId, kind, {data, label, confirmId}) {
    if (working[orderId]) { return; }
    working[orderId] = true;
    rowsOf(orderId, "#orders tr").find("button").prop("disabled", true);
    const via = page.target(), meta = label + " · " + (via === "upstream_jsonp" ? "TradeStation directly" : "this bridge");
    const url = fill(page.urls[kind][via], "ORDERID", orderId), listsBefore = heard;
    calls.ask(url, data, page.dialect(), label, {confirmId}).then((answer) => {
      results.showVerdict(classify(answer, page.rules.messages), meta);
      $("#results li").first().trigger("focus");
    }, (why) => {
      results.show(why === "session" ? "error" : "unknown", why === "session" ? "401" : "No answer",
                   why === "session" ? SENTENCES.SESSION : SENTENCES.UNKNOWN, meta);
    }).always(() => {
      delete working[orderId];
      // Its buttons come back with the list: at once when one came while they were held (the bridge looks
      // again right after a change), else with the next, or in a moment. Never from the list of before the
      // answer: the second click of a double click would find Cancel there again.
      shownList = "";
      if (heard !== listsBefore) { keep(shown); } else { setTimeout(() => { if (!working[orderId]) { keep(shown); } }, LIST_WAIT_MS); }
      $(document).trigger("ticket:settled", [{kind: kind}]);
    });
  }

  function cancel(orderId) {
    changeOrder(orderId, "cancel", {data: null, label: "Cancel order " + orderId, confirmId: newConfirmId()});
  }

  // The question sits below the order's row, so a second click on Cancel lands on Cancel, never on Yes.
  $("#orders").on("click", ".cancel-order", function () {
    const orderId = $(this).closest("tr").attr("data-order");
    if (!needsConfirmation({action: "cancel", environment: page.environment})) { cancel(orderId); return; }
    $("#orders .modify-row").remove();
    const $cell = $("<td colspan='5'>"), $ask = $("<tr class='modify-row cancel-ask'>").attr("data-order", orderId).append($cell);
    $("<p class='cancel-question' role='alert' tabindex='-1'>").text("Cancel order " + orderId + "?").appendTo($cell);
    $("<button type='button' class='small primary live confirm-cancel'>").text("Yes, cancel order " + orderId).appendTo($cell);
    $("<button type='button' class='small close-change'>").text("Keep the order").appendTo($cell);
    $ask.insertAfter($(this).closest("tr"));
    $ask.find(".cancel-question").trigger("focus");     // not Yes: a second Enter must not cancel unread
  });

  $("#orders").on("click", ".confirm-cancel", function () {
    const $ask = $(this).closest("tr"), orderId = $ask.attr("data-order");
    $ask.remove();
    cancel(orderId);
  });

  $("#orders").on("click", ".modify-order", function () {
    const orderId = $(this).closest("tr").attr("data-order"), entry = statusById[orderId];
    $("#orders .modify-row").remove();
    const $cell = $("<td colspan='5'>"), $editor = $("<tr class='modify-row'>").attr("data-order", orderId).append($cell);
    $editor.data("confirmId", newConfirmId());      // one change intended: its id, kept until it is sent
    function field(name, label, value) {
      const $label = $("<label>").text(label + " ").appendTo($cell);
      $("<input type='text' inputmode='decimal' maxlength='20'>").attr("name", name).val(value).appendTo($label);
    }
    field("Quantity", "Quantity", entry.Quantity);
    if (entry.LimitPriceText) { field("LimitPrice", "Limit price", priceText(entry.LimitPrice, entry.LimitPriceText)); }
    if (entry.StopPriceText) { field("StopPrice", "Stop price", priceText(entry.StopPrice, entry.StopPriceText)); }
    $("<button type='button' class='small primary send-change'>").text("Send change").appendTo($cell);
    $("<button type='button' class='small close-change'>").text("Close").appendTo($cell);
    // Below the buttons: a review shown there moves nothing under the trader's pointer.
    $("<div class='modify-cautions' role='alert' hidden>").appendTo($cell);
    $editor.insertAfter($(this).closest("tr"));
    $editor.find("input").first().trigger("focus");
  });

  // Closed by its button or Escape, an editor or question gives the focus back to the button that opened it:
  // removed with it, the focus fell to the page's body, and a keyboard user's next Tab started at the top.
  function closeBelow($below) {
    const orderId = $below.attr("data-order"), opener = $below.hasClass("cancel-ask") ? ".cancel-order" : ".modify-order";
    $below.remove();
    rowsOf(orderId, "#orders tbody tr:not(.modify-row)").find(opener).trigger("focus");
  }
  $("#orders").on("click", ".close-change", function () { closeBelow($(this).closest("tr")); });
  $("#orders").on("keydown", ".modify-row", function (event) {
    if (event.key === "Escape") { closeBelow($(this)); }
  });
  $("#orders").on("input", ".modify-row input", function () {     // a changed change is checked again
    const $editor = $(this).closest("tr");
    $editor.removeData("reviewed").find(".modify-cautions").prop("hidden", true).empty();
    $editor.find(".send-change").prop("disabled", false);
  });

  function sendChange($editor, change) {
    const orderId = $editor.attr("data-order");
    changeOrder(orderId, "cancelreplace", {data: change, label: "Change order " + orderId,
                                           confirmId: $editor.data("confirmId")});
    $editor.remove();
  }

  // The review of a change: old → new, the guard rails' reasons, and its own button to confirm. Send change
  // stays disabled meanwhile, so the second click of a double click confirms nothing.
  function showReview($editor, {entry, change, reasons}) {
    const $note = $editor.find(".modify-cautions").empty().prop("hidden", false);
    const fields = changedFields(entry, change);
    $("<p class='change-review' tabindex='-1'>").text("Review: " + (fields.length
      ? fields.map((field) => field.label + " " + field.old + " → " + field.new).join("; ") + "."
      : "no field changed.")).appendTo($note);
    for (const reason of reasons) { $("<p class='change-caution'>").text(reason).appendTo($note); }
    $("<button type='button' class='small primary confirm-change'>")
      .addClass(page.live ? "live" : "").text("Confirm change").appendTo($note);
    $editor.data("reviewed", change);
  }

  $("#orders").on("click", ".send-change", function () {
    const $editor = $(this).closest("tr"), orderId = $editor.attr("data-order"), entry = statusById[orderId];
    if (working[orderId] || !entry || $editor.data("reviewed")) { return; }
    const change = {AccountKey: String(entry.AccountID), OrderID: orderId, OrderType: entry.OrderType};
    $editor.find("input").each(function () { change[this.name] = $.trim(this.value); });
    const $note = $editor.find(".modify-cautions"), $button = $(this).prop("disabled", true);
    $.when(market.lastQuote(entry.Symbol)).then((quote) => {
      // Refused in place, the editor kept: the trader's entry is not lost to a refusal from TradeStation.
      const problem = checkChange(change, page.rules, {asset: entry.AssetType, symbol: entry.Symbol, quote});
      if (problem) { $note.prop("hidden", false).text(problem); $button.prop("disabled", false); return; }
      const reasons = cautions({Quantity: change.Quantity, LimitPrice: change.LimitPrice, StopPrice: change.StopPrice},
                               quote, page.guards);
      if (!needsConfirmation({action: "change", environment: page.environment, cautions: reasons.length})) {
        sendChange($editor, change);
        return;
      }
      showReview($editor, {entry, change, reasons});
      $editor.find(".change-review").trigger("focus");    // not Confirm: a second Enter must not send unread
    });
  });

  $("#orders").on("click", ".confirm-change", function () {
    const $editor = $(this).closest("tr.modify-row"), change = $editor.data("reviewed");
    if (change && !working[$editor.attr("data-order")]) { sendChange($editor, change); }
  });

  return {refresh, draw, entry: (id) => statusById[String(id)]};
}
