/* Sending: the review (TradeStation's confirmation, nothing placed by asking), the order, and one click,
   which places at once only what no guard stops. Every step goes through the ticket's state (state.js),
   which refuses a second call in flight, an answered order sent again, and a stale review. */
import {cautions, check, overBuyingPower} from "./guards.js";
import {describe, fieldsOf, isRaw} from "./request.js";
import {classify, isConfirmation, isHttpStatus} from "./verdict.js";
import {SENTENCES, amount, ymd} from "./words.js";

export function createSending(page, {form, results, calls, market}) {
  const $ = window.jQuery, $form = page.$form, state = page.state, rules = page.rules;
  const accepted = () => $("#review-accept").is(":checked");
  const keyOf = (order, dialectName) => dialectName + JSON.stringify(order);

  // The buttons and the review say what the state allows; nothing else enables them.
  function paint(name, detail) {
    const sent = state.sent, busy = state.busy;
    $form.attr("aria-busy", busy ? "true" : null);
    $("#place").prop("disabled", busy || sent || state.ended).text(sent ? "Sent" : page.placeLabel());
    $("#send").text(state.reviewSent ? "Sent" : $("#send").attr("data-label")).prop("disabled", !state.canSend(accepted()));
    $("#raw-send").prop("disabled", !state.canRawSend());
    $("#after-sent").prop("hidden", !sent);
    if (!state.reviewed) {
      $("#review").prop("hidden", true);
      $("#review-accept").prop("checked", false);
    }
    if (name === "settle") {
      page.status(sent ? "Sent. Change the ticket, or choose New order or Place again." : "");
      $(document).trigger("ticket:settled", [detail]);
    }
  }
  state.onChange(paint);
  $("#review-accept").on("change", () => paint("accept"));

  function quoteFor(fields) {
    return typeof fields.Symbol === "string" && fields.Symbol ? market.lastQuote(fields.Symbol) : null;
  }

  function showReview(confirmation, {order, dialectName, via, reasons, askedAt}) {
    const $figures = $("#review-figures").empty(), classic = dialectName === "classic", fields = fieldsOf(order);
    function figure(name, value) {
      if (value === undefined || value === null || value === "") { return; }
      $("<dt>").text(name).appendTo($figures);
      $("<dd>").text(String(value)).appendTo($figures);
    }
    const tif = fields[classic ? "Duration" : "TimeInForce"];
    figure("Order", confirmation.SummaryMessage);
    figure("Account", confirmation.Account);
    figure("Limit price", fields.LimitPrice);
    figure("Stop price", fields.StopPrice);
    figure("Time in force", form.label(confirmation.Duration || tif));
    // A time in force TradeStation confirms as a date (API v3's GTD for "1 week", "1 month") says which day.
    figure("Expires", form.dialectRules(dialectName).dated.includes(tif) ? page.val("expiry")
           : String(confirmation.Expiration || "").slice(0, 10));
    figure("Route", confirmation.Route);
    figure("Estimated price", confirmation.EstimatedPriceDisplay);
    figure("Estimated cost", confirmation.EstimatedCostDisplay);
    figure("Initial margin", confirmation.InitialMarginDisplay);
    figure("Estimated commission", confirmation.EstimatedCommissionDisplay);
    const balance = market.balance(fields[classic ? "AccountKey" : "AccountId"]);
    figure("Buying power", balance ? amount(Number(balance.RealTimeBuyingPower)) : "");
    $("#review-accept").prop("checked", false);
    state.review({order, dialectName, via, reasons, askedAt});
    const $reasons = $("#review-reasons").empty();
    for (const reason of reasons) { $("<li>").text(reason).appendTo($reasons); }
    $("#review-cautions").prop("hidden", !reasons.length);
    $("#review").prop("hidden", false);
    $("#review-title").trigger("focus");    // not the send button: a second Enter must not send unread
    $("#review")[0].scrollIntoView({block: "nearest"});
  }

  // The review: begun by the caller (state.begin or state.proceed).
  function review(order, dialectName, via) {
    const meta = describe(order, {dialectName, via, rules}) + " · review", fields = fieldsOf(order);
    const askedAt = state.askedAt;
    page.status("Asking TradeStation to confirm the order…");
    $.when(calls.ask(page.urls.review[via], order, dialectName, isRaw(order) ? "Confirm raw order (review)" : "Confirm (review)"),
           quoteFor(fields)).then((answer, quote) => {
      const entries = [].concat(answer), refusal = answer && (answer.Error || answer);
      state.settle();
      if (state.isStale(askedAt)) {    // the order changed while TradeStation was asked: not this order
        page.status(SENTENCES.REVIEW_STALE);
        return;
      }
      if (entries.length && entries.every(isConfirmation)) {
        const balance = market.balance(fields[dialectName === "classic" ? "AccountKey" : "AccountId"]);
        const reasons = cautions(fields, quote, page.guards).concat(overBuyingPower(entries[0], balance));
        showReview(entries[0], {order, dialectName, via, reasons, askedAt});
        return;
      }
      const code = refusal ? Number(refusal.StatusCode) : NaN;
      results.show("error", isHttpStatus(code) ? String(code) : "?",
                   isHttpStatus(code) ? String(refusal.Message || "") : SENTENCES.NO_REVIEW, meta).trigger("focus");
    }, (why, words) => {
      state.settle();
      results.showFailure(why, words, meta, () => results.show("error", "No answer", SENTENCES.NO_REVIEW, meta))
        .trigger("focus");
    });
  }

  // The order: begun by the caller. An answer that leaves its fate open keeps the ticket (and its id) and
  // voids the review: prices move, and the trader should look at Today's orders first.
  function place(order, dialectName, via) {
    const meta = describe(order, {dialectName, via, rules}), raw = isRaw(order);
    const usedConfirmId = raw ? fieldsOf(order).OrderConfirmId : null;
    page.status("Sending the order…");
    $(document).trigger("ticket:sending", [{url: page.urls.send[via], order, dialectName, via, meta}]);
    const sending = calls.ask(page.urls.send[via], order, dialectName, raw ? "Send raw order" : "Send order");
    sending.always(() => $(document).trigger("ticket:answered"));
    function unsettled() {
      state.voidReview();
      page.status(SENTENCES.REVIEW_AGAIN);
    }
    sending.then((answer) => {
      const verdict = classify(answer, rules.messages);
      results.showVerdict(verdict, meta);
      state.settle({definitive: verdict.rearm, usedConfirmId});
      if (raw && verdict.rearm) { page.status("Sent as typed. Edit the raw order to send it again."); }
      if (verdict.outcome === "unknown") { unsettled(); }
      if (verdict.outcome === "results" && !verdict.results.every((result) => result.ok)) { page.status(SENTENCES.REJECTED); }
      $("#results li").first().trigger("focus");
    }, (why, words) => {
      results.showFailure(why, words, meta, () => results.show("unknown", "No answer", SENTENCES.UNKNOWN, meta))
        .trigger("focus");
      state.settle({definitive: false});
      if (why === "no answer") { unsettled(); }
    });
  }

  // One click places at once only what no guard stops; anything else is reviewed, with the reasons. A raw
  // text is held to the same guards, read for what can be read of it.
  function placeAtOnce(order, dialectName, via) {
    page.status("Checking the order against the market…");
    const fields = fieldsOf(order);
    $.when(quoteFor(fields)).then((quote) => {
      if (cautions(fields, quote, page.guards).length) {
        state.proceed({kind: "review"});
        review(order, dialectName, via);
      } else {
        state.proceed({kind: "order", key: isRaw(order) ? null : keyOf(order, dialectName)});
        place(order, dialectName, via);
      }
    });
  }

  // Review, or one click (never LIVE), for the ticket's order or a raw text.
  function start(order, dialectName, via) {
    const raw = isRaw(order);
    if (page.oneClick()) {
      state.begin({kind: "check", raw});
      placeAtOnce(order, dialectName, via);
    } else {
      state.begin({kind: "review", raw});
      review(order, dialectName, via);
    }
  }

  $("#send").on("click", () => {
    const reviewed = state.reviewed;
    if (!state.canSend(accepted())) { return; }
    state.begin({kind: "order", raw: reviewed.raw, key: reviewed.raw ? null : keyOf(reviewed.order, reviewed.dialectName)});
    place(reviewed.order, reviewed.dialectName, reviewed.via);
  });

  $form.on("submit", (event) => {
    event.preventDefault();
    if (!state.canSubmit()) { return; }
    const problem = check(form.ticket(), rules, ymd(new Date()), market.shown());
    $form.find("[aria-invalid]").removeAttr("aria-invalid");
    $("#ticket-error").text(problem ? problem[1] : "");
    if (problem) { $("#" + problem[0]).attr("aria-invalid", "true").trigger("focus"); return; }
    const dialectName = page.dialect();
    let order = form.order(dialectName);
    // A changed ticket is a new order; the same one keeps its id.
    if (state.needsNewId(keyOf(order, dialectName))) { state.arm(); order = form.order(dialectName); }
    start(order, dialectName, page.target());
  });

  return {start};
}
