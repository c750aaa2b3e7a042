/* tsbridge ticket: builds an order in either v2 dialect, checks it with the server's rules and words
   (data-rules, from tradestation/ and bridge/refusals.py), sends it by JSONP to the bridge or to TradeStation,
   shows what the answer means. Text from outside reaches the page only through .text(). */
(function () {
  "use strict";

  // The page's own sentences; "{message}" stands for the answer's Message. TradeStation's words and the
  // bridge's come with the rules, so that the page recognises them without copies.
  var SESSION = "Your TradeStation session has expired or is not valid — log in again.";
  var SENTENCES = {
    SESSION: SESSION,
    SESSION_REFUSED: SESSION + " ({message})",
    QUOTA: "TradeStation's request quota is used up ({message}): wait a few minutes and send again.",
    FATE_UNKNOWN: "The fate of this order is unknown: it may or may not have been placed — check the journal. {message}",
    SERVER_PROBLEM: "TradeStation had a problem; the order may not have been placed. {message}",
    UNKNOWN: "No answer from TradeStation: the order may or may not have been placed — check the journal.",
    NO_REVIEW: "TradeStation did not confirm the order, and nothing was placed: review it again.",
    REVIEW_AGAIN: "Its fate is not known yet: see Today's orders. The same ticket may be reviewed and sent " +
                  "again; it cannot be placed twice.",
    REJECTED: "Not placed. Change the ticket, or choose New order.",
    AGAIN_REVIEW: "The same order on a new ticket: review it, then send.",
    AGAIN_ONE_CLICK: "The same order on a new ticket: Place order sends it.",
    NEW_ORDER: "A new order: fill the ticket, choosing the side again.",
    OVER_BUYING_POWER: "It would cost about {message}, more than the account's buying power",
    TOO_LONG: "Nothing was placed: the call would be {message}. Shorten the order.",
    NOT_IN_A_URL: "Nothing was placed: the text holds a character no URL can carry ({message}), such as half " +
                  "of an emoji. Remove it and send again."
  };

  function sentence(name, message) {
    // A function as replacement: "$&" and the like in a message stay literal.
    return SENTENCES[name].replace("{message}", function () { return message; });
  }

  function isOrderResult(entry) {
    return entry !== null && typeof entry === "object" && !Array.isArray(entry) &&
           Boolean(entry.OrderStatus || entry.Status);
  }

  function orderResult(entry) {   // either dialect: classic OrderStatus/OrderID, 2015 Status/Id
    var orderId = entry.OrderID || entry.Id;
    return {ok: entry.OrderStatus === "Ok" || entry.Status === "Success",
            status: String(entry.OrderStatus || entry.Status), text: String(entry.Message || ""),
            orderId: orderId ? String(orderId) : null};
  }

  // The verdicts other than results. An unknown fate keeps the ticket: sending it again cannot place twice.
  function verdict(outcome, code, text, rearm) {
    return {outcome: outcome, results: [], code: code, text: text, rearm: rearm};
  }
  function refused(code, text, rearm) { return verdict("refused", code, text, rearm); }
  function unknown(code, text) { return verdict("unknown", code, text, false); }
  function isHttpStatus(code) { return code % 1 === 0 && code >= 100 && code <= 599; }

  /* What a JSONP answer means for the order, from the answer and the page's rules alone:
       {outcome, results, code, text, rearm}
     outcome  "results"  TradeStation's Order Results, in results as {ok, status, text, orderId};
              "expired"  the session was refused (401): worth one token refresh and a retry of the same ticket;
              "refused"  refused, and nothing was placed;
              "unknown"  the order may or may not have been placed, or is still being placed.
     code     the answer's StatusCode, or null; text: what to tell the trader (empty for results).
     rearm    true when the ticket is done with and the next order needs a new OrderConfirmId; false keeps
              it, so that sending the same ticket again can never place it twice. */
  function classify(answer, rules) {
    var messages = rules.messages || {}, refusals = rules.refusals || {};
    if (answer && answer.Error) { answer = answer.Error; }
    if (Array.isArray(answer) || isOrderResult(answer)) {
      var entries = [].concat(answer);
      if (entries.length && entries.every(isOrderResult)) {
        return {outcome: "results", results: entries.map(orderResult), code: null, text: "", rearm: true};
      }
      return unknown(null, SENTENCES.UNKNOWN);      // results nobody can read say nothing of the order
    }
    var code = answer ? Number(answer.StatusCode) : NaN, message = String((answer && answer.Message) || "");
    if (!isHttpStatus(code)) { return unknown(null, SENTENCES.UNKNOWN); }
    function says(words) { return Boolean(words) && message.indexOf(words) >= 0; }

    // Another user's account is no session problem: a fresh token would be refused the same way.
    if (code === 401 && message === messages.NOT_YOUR_ACCOUNT) { return refused(code, message, false); }
    if (code === 401) { return verdict("expired", code, sentence("SESSION_REFUSED", message), false); }
    if (code === 403) { return refused(code, sentence("QUOTA", message), true); }
    // The bridge's own account is shown whole: it knows whether the order left.
    if (says(refusals.MAY_BE_PLACED) || says(refusals.IN_PROGRESS)) { return unknown(code, message); }
    if (says(refusals.NOT_PLACED)) { return refused(code, message, false); }   // the same ticket may go again
    if (code === 504) { return unknown(code, sentence("FATE_UNKNOWN", message)); }
    if (code >= 500) { return unknown(code, sentence("SERVER_PROBLEM", message)); }
    // Like 403, a 400 or 404 refuses before anything is placed: the next order is a new one.
    return refused(code, message, code === 400 || code === 404);
  }

  // For tests in a real browser: the very function the page uses, without a second file or an inline script.
  window.tsbridgeTicket = Object.freeze({classify: classify, sentences: Object.freeze(SENTENCES)});

  $(function () {
    var $form = $("#ticket");
    if (!$form.length) { return; }
    var urls = JSON.parse($form.attr("data-urls")), rules = JSON.parse($form.attr("data-rules"));
    var messages = rules.messages, csrf = $form.attr("data-csrf");
    var token = null, tokenTimer = null;   // the access token lives in this closure only
    var confirmId = null, sentAs = null;   // the armed ticket's OrderConfirmId and what was sent under it
    var busy = false, sent = false;        // sent: answered for good; only an edit or a choice re-arms it
    var LOOKS = {refused: "error", expired: "error", unknown: "unknown"};   // a verdict's class in the results

    function now() { return Date.now() / 1000; }
    function val(id) { return $.trim($("#" + id).val() || ""); }
    function dialect() { return $("input[name=dialect]:checked").val(); }
    function dialectRules(name) { return rules.dialects[name || dialect()]; }
    function has(list, item) { return $.inArray(item, list || []) >= 0; }
    function words(name) { return String(name).replace(/([a-z])([A-Z])/g, "$1 $2"); }
    function pad(number) { return (number < 10 ? "0" : "") + number; }
    function status(text) { $("#status").text(text || ""); }
    function today() {            // the trader's own date, as the date picker writes it
      var date = new Date();
      return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
    }

    // The choices follow the account's assets and the dialect. A choice the new list lacks is never swapped
    // for another: the select shows "Choose…" and says what was lost, so the trader must choose again.
    function options($select, values, label, wanted) {
      var lost = wanted !== null && wanted !== undefined && !has(values, wanted);
      $select.empty();
      if (lost) { $("<option>").val("").text("Choose…").appendTo($select); }
      $.each(values || [], function (_, value) {
        $("<option>").val(value).text(label ? label(value) : value).appendTo($select);
      });
      $select.val(lost ? "" : (wanted || (values || [])[0] || ""));
      return lost && wanted !== "" ? wanted : null;
    }

    function translated(kind, from, to, value) {   // the same choice in the other dialect, when there is one
      if (from === to || !value) { return value; }
      return rules.translate[kind][from][value] || value;
    }

    function tifLabel(value) { return rules.tif_labels[value] || value; }

    var shownDialect = dialect();
    function choices() {
      var from = shownDialect, to = dialect(), current = dialectRules(to);
      var assets = ($("#account option:selected").attr("data-assets") || "").split(" ");
      var side = translated("side", from, to, $("#side").val()), tif = translated("tif", from, to, $("#tif").val());
      shownDialect = to;
      var lost = [];
      function keep(id, name, values, label, wanted) {
        var gone = options($("#" + id), values, label, wanted);
        $("#" + id).attr("aria-invalid", gone || $("#" + id).val() === "" ? "true" : null);
        if (gone) { lost.push(name + " " + (label ? label(gone) : gone)); }
      }
      keep("asset", "Asset", $.grep(assets, function (asset) { return asset in current.assets; }),
           function (asset) { return rules.dialects["2015"].asset_names[asset] + " (" + asset + ")"; },
           $("#asset").val());
      // Until an asset is chosen again there is nothing to compare the side with: it waits, as it was.
      var assetRules = current.assets[$("#asset").val()];
      if (assetRules) {
        keep("side", "Side", assetRules.actions, words, side);
        keep("tif", "Time in force", assetRules.durations, tifLabel, tif);
        keep("route", "Route", assetRules.routes, null, $("#route").val());
      }
      if (lost.length) {
        $("#ticket-error").text(lost.join("; ") + (lost.length > 1 ? " have" : " has") +
                                " no equivalent here: choose again.");
      }
      shown();
    }

    function shown() {
      var orderType = $("#type").val();
      $("#limit-row").prop("hidden", !has(rules.needs_limit, orderType));
      $("#stop-row").prop("hidden", !has(rules.needs_stop, orderType));
      $("#expiry-row").prop("hidden", !has(dialectRules().dated, $("#tif").val()));
    }

    // One OrderConfirmId per ticket: a retry of the same ticket cannot place twice.
    function arm() {
      var bytes = window.crypto.getRandomValues(new Uint8Array(16));
      confirmId = window.btoa(String.fromCharCode.apply(null, bytes))
        .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      sentAs = null;
      $("#confirm-id").text(confirmId);
      tellTicket();
    }

    // The checks of tradestation/orders.py for the ticket's fields, in its order. Formats come from
    // rules.patterns when the view hands them over; otherwise the server has the last word on them.
    var patterns = $.extend({quantity: "\\d+", price: "\\d*\\.?\\d+"}, rules.patterns);
    function matches(name, text) { return new RegExp("^(?:" + (patterns[name] || ".*") + ")$").test(text); }

    function priceOk(text) {
      var parts = text.split("."), whole = Number(parts[0] || 0), fraction = /[1-9]/.test(parts[1] || "");
      var max = Number(rules.max_price || Infinity);
      return matches("price", text) && (whole > 0 || fraction) && (whole < max || (whole === max && !fraction));
    }

    function check() {            // [field id, message] or null
      var orderType = $("#type").val(), quantity = val("quantity"), symbol = val("symbol"), tif = $("#tif").val();
      var needsLimit = has(rules.needs_limit, orderType), needsStop = has(rules.needs_stop, orderType);
      if (!$("#account").val()) {
        return ["account", messages.MISSING_FIELD + (dialect() === "classic" ? " AccountKey" : " AccountId")];
      }
      if (!$("#asset").val()) { return ["asset", messages.INVALID_ASSET]; }
      if (!$("#side").val()) { return ["side", messages.INVALID_ACTION]; }
      if (!symbol) { return ["symbol", messages.MISSING_SYMBOL]; }
      if (!matches("symbol", symbol)) { return ["symbol", messages.INVALID_SYMBOL]; }
      if (!quantity) { return ["quantity", messages.MISSING_QUANTITY]; }
      if (!matches("quantity", quantity) || +quantity <= 0 || +quantity > (rules.max_quantity || Infinity)) {
        return ["quantity", messages.INVALID_QUANTITY];
      }
      if (!orderType) { return ["type", messages.MISSING_TYPE]; }
      if (needsLimit && !val("limit")) { return ["limit", messages.MISSING_LIMIT]; }
      if (needsLimit && !priceOk(val("limit"))) { return ["limit", messages.INVALID_LIMIT]; }
      if (needsStop && !val("stop")) { return ["stop", messages.MISSING_STOP]; }
      if (needsStop && !priceOk(val("stop"))) { return ["stop", messages.INVALID_STOP]; }
      if (!tif) { return ["tif", messages.MISSING_TIF]; }
      if (!$("#route").val()) { return ["route", messages.INVALID_ROUTE]; }
      if (has(dialectRules().dated, tif) && !/^\d{4}-\d\d-\d\d$/.test(val("expiry"))) {
        return ["expiry", messages.MISSING_EXPIRY];
      }
      if (has(dialectRules().dated, tif) && val("expiry") < today()) { return ["expiry", messages.PAST_EXPIRY]; }
      return null;
    }

    // The order in the chosen dialect.
    function expiration(ymd, classic) {
      var parts = ymd.split("-");
      if (classic) { return parts[1] + "/" + parts[2] + "/" + parts[0]; }            // GTDDate: MM/DD/YYYY
      var offset = -new Date(+parts[0], parts[1] - 1, +parts[2], 23, 59, 59).getTimezoneOffset();
      var minutes = Math.abs(offset);
      return ymd + "T23:59:59" + (offset < 0 ? "-" : "+") + pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
    }

    // choices: the side and time in force in this dialect's words, when they are not the ticket's own.
    function build(dialectName, choices) {
      var classic = dialectName === "classic", vocabulary = dialectRules(dialectName);
      var orderType = $("#type").val(), tif = choices ? choices.tif : $("#tif").val(), order = {OrderConfirmId: confirmId};
      order[classic ? "AccountKey" : "AccountId"] = $("#account").val();
      order.AssetType = vocabulary.asset_names[$("#asset").val()];
      order.Symbol = val("symbol");
      order.Quantity = classic ? val("quantity") : Number(val("quantity"));
      order[classic ? "OrderType" : "Type"] = orderType;
      if (has(rules.needs_limit, orderType)) { order.LimitPrice = val("limit"); }
      if (has(rules.needs_stop, orderType)) { order.StopPrice = val("stop"); }
      order[classic ? "TradeAction" : "Side"] = choices ? choices.side : $("#side").val();
      order[classic ? "Duration" : "TimeInForce"] = tif;
      if (has(vocabulary.dated, tif)) {
        order[classic ? "GTDDate" : "TimeInForceExpiration"] = val("expiry") ? expiration(val("expiry"), classic) : "";
      }
      order.Route = $("#route").val();
      return order;
    }

    // The ticket's order in either dialect, for the inspector's side-by-side view: the side and time in force
    // carried over as a dialect switch carries them; a choice with no equivalent there is named in `lacking`.
    function buildAs(dialectName) {
      var from = dialect(), lacking = [];
      function carried(kind, value) {
        if (from === dialectName || !value) { return value; }
        var there = rules.translate[kind][from][value];
        if (there === undefined) { lacking.push(value); return value; }
        return there;
      }
      return {order: build(dialectName, {side: carried("side", $("#side").val()), tif: carried("tif", $("#tif").val())}),
              lacking: lacking};
    }
    var tellTimer = null;
    function tellTicket() {       // to the inspector: "tsbridge:ticket" with the order in both dialects
      clearTimeout(tellTimer);
      tellTimer = setTimeout(function () {
        $(document).trigger("tsbridge:ticket", [{dialect: dialect(), classic: buildAs("classic"), "2015": buildAs("2015")}]);
      }, 100);
    }
    $(document).on("tsbridge:ticket-wanted", tellTicket);

    // The access token comes from the bridge (same origin, session cookie), again before it expires.
    function keep(fresh) {
      token = fresh;
      clearTimeout(tokenTimer);
      tokenTimer = setTimeout(freshToken, Math.max(30, fresh.expires_at - now() - 60) * 1000);
      return fresh;
    }

    function getToken() { return $.ajax({url: urls.token, dataType: "json", cache: false}).then(keep); }

    function refreshToken() {
      return $.ajax({url: urls.token_refresh, method: "POST", dataType: "json", headers: {"X-CSRF-Token": csrf}})
        .then(keep);
    }

    function freshToken() {       // the bridge refreshes the token before it runs out; ask it again near the end
      if (token && token.expires_at - now() > 60) { return $.Deferred().resolve(token).promise(); }
      return getToken();
    }

    // Answers, newest first.
    function show(kind, label, text, meta) {
      var $item = $("<li tabindex='-1'>").addClass("result " + kind);
      $("<span class='status'>").text(label).appendTo($item);
      $("<span class='message'>").text(text).appendTo($item);
      $("<span class='meta'>").text(meta).appendTo($item);
      $("#results").prepend($item);
      return $item;
    }

    // The session is gone: the page drops its token (nothing is left to send with, to either target),
    // stops polling and sending, and the card and the header offer the way back.
    var polls = [], ended = false;
    function sessionEnded($item) {
      if (!ended) {
        ended = true;
        token = null;
        clearTimeout(tokenTimer);
        $.each(polls, function (_, poll) { clearInterval(poll); });
        $("#place, #send").prop("disabled", true);
        $(".top .user").text("Not logged in");
        $(".top .logout").prop("hidden", true);
        $("<a class='button login-again'>").attr("href", urls.login).text("Log in again").appendTo(".top");
      }
      $("<a class='button'>").attr("href", urls.login).text("Log in again").appendTo($item);
      return $item;
    }

    function sessionCard(meta) {  // one card, however many calls found the session gone
      return ended ? $("#results .session-ended").first()
                   : sessionEnded(show("error session-ended", "401", SENTENCES.SESSION, meta));
    }

    // A logout in another tab, or the login's lifetime over, is seen by the next call of the page's own (the
    // polls come every 2 s): the bridge's own 401 has its {"error"} shape, unlike TradeStation's relayed ones.
    $(document).ajaxError(function (_, xhr) {
      if (xhr.status === 401 && xhr.responseJSON && "error" in xhr.responseJSON) { sessionCard(""); }
    });

    function showVerdict(verdict, meta) {
      if (verdict.outcome !== "results") {
        var $item = show(LOOKS[verdict.outcome], verdict.code ? String(verdict.code) : "?", verdict.text, meta);
        if (verdict.outcome === "expired") { sessionEnded($item); }
        return;
      }
      $.each(verdict.results, function (_, result) {
        show(result.ok ? "ok" : "failed", result.status, result.text,
             (result.orderId ? "Order " + result.orderId + " · " : "") + meta);
      });
    }

    // The market as TradeStation quotes it, through the bridge; null when there is no quote to be had.
    function lastQuote(symbol) {
      var url;
      try { url = urls.quote.replace("SYMBOL", encodeURIComponent(symbol)); }
      catch (_) { return null; }    // a raw symbol no URL can carry (half of an emoji) has no quote to ask for
      return $.ajax({url: url, dataType: "json", cache: false})
        .then(function (quotes) {
          var quote = $.isArray(quotes) ? quotes[0] : null;
          return quote && !quote.Error && Number(quote.Last) > 0 ? quote : null;
        }, function () { return null; });
    }

    // Guard rails, with the bridge's settings: a price far from the last one, or a large order, must be
    // confirmed a second time, and the page says why.
    var guards = JSON.parse($form.attr("data-guards"));
    function amount(number) { return number.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2}); }

    function cautions(order, quote) {
      var reasons = [], last = quote ? Number(quote.Last) : 0, pointValue = quote ? Number(quote.PointValue) || 1 : 1;
      $.each([["Limit price", order.LimitPrice], ["Stop price", order.StopPrice]], function (_, named) {
        if (named[1] === undefined || !last) { return; }
        var away = (Number(named[1]) - last) / last * 100;
        if (Math.abs(away) >= guards.price_band_percent) {
          reasons.push(named[0] + " " + named[1] + " is " + Math.round(Math.abs(away)) + "% " +
                       (away > 0 ? "above" : "below") + " the last price, " + (quote.LastPriceDisplay || last) + ".");
        }
      });
      var value = Number(order.Quantity) * Number(order.LimitPrice || order.StopPrice || last) * pointValue;
      if (value > guards.order_value_limit) {
        reasons.push("The order is worth about " + amount(value) + ", more than " + amount(guards.order_value_limit) + ".");
      }
      return reasons;
    }

    // Review first, unless the trader chose one-click, which LIVE never allows.
    var live = $form.attr("data-environment") === "LIVE", reviewed = null;
    function oneClick() { return !live && $("#one-click").is(":checked"); }
    function placeLabel() { return $("#place").attr(oneClick() ? "data-place" : "data-review"); }

    // A definitive answer leaves the ticket "sent": a second click, however late, finds nothing to send.
    function settle(definitive) {
      busy = false;
      sent = definitive;
      $form.removeAttr("aria-busy");
      $("#place").prop("disabled", definitive || ended).text(definitive ? "Sent" : placeLabel());
      $("#send").text(definitive ? "Sent" : $("#send").attr("data-label"));
      sendable();
      rawSendable();
      $("#after-sent").prop("hidden", !definitive);
      status(definitive ? "Sent. Change the ticket, or choose New order or Place again." : "");
      journal();
      refreshAccount();
      refreshOrders();
    }

    function needsAcceptance() { return Boolean(reviewed && reviewed.reasons.length) && !$("#review-accept").is(":checked"); }
    function sendable() {
      var done = reviewed && isRaw(reviewed.order) ? rawSent : sent;
      $("#send").prop("disabled", busy || done || ended || needsAcceptance());
    }
    $("#review-accept").on("change", sendable);

    function begin(what) {
      busy = true;
      $form.attr("aria-busy", "true");
      $("#place, #send, #raw-send").prop("disabled", true);
      status(what);
    }

    function renew() {
      sent = false;
      arm();
      settle(false);
    }

    function voidReview() {
      if (reviewed) { status("The ticket changed: review it again before sending."); }
      reviewed = null;
      $("#review").prop("hidden", true);
      $("#review-accept").prop("checked", false);
    }

    // An edit voids the review, and makes a new order of a sent ticket.
    var edits = 0;          // counts edits, so that a review answered after one is not shown
    $form.on("input change", "input, select", function () {
      edits += 1;
      tellTicket();
      if (sent) { renew(); }
      voidReview();
      if (!busy) { $("#place").text(placeLabel()); }
    });
    $("#place-again").on("click", function () {
      renew();
      voidReview();
      status(oneClick() ? SENTENCES.AGAIN_ONE_CLICK : SENTENCES.AGAIN_REVIEW);
      $("#place").trigger("focus");
    });
    $("#new-order").on("click", function () {
      $("#symbol, #quantity, #limit, #stop, #expiry").val("");
      // The last order's side is no default for the next: a Sell carried over is a wrong order waiting.
      options($("#side"), $("#side option").map(function () { return this.value; }).get().filter(Boolean),
              words, "");
      $("#side").attr("aria-invalid", "true");
      renew();
      voidReview();
      status(SENTENCES.NEW_ORDER);
      $("#symbol").trigger("focus");
    });

    // One JSONP call as TradeStation defines it. A refused token is refreshed once and the same call repeated:
    // the same OrderConfirmId, so a repeat cannot place twice.
    // url: the call's URL at the chosen target; data: the order (or change) it carries, if any, or the raw
    // text a tester typed (sent exactly as typed); label: what the call is, for the inspector.
    // The inspector (static/inspector.js) hears of each call through "tsbridge:call", "tsbridge:answer" and
    // "tsbridge:no-answer" on the document: the call, as a plain object, with the URL exactly as requested.
    var calls = 0;
    // A call to this bridge is listened to for as long as the bridge may take to answer (bridge/ticket.py):
    // giving up first would lose its answer, often "may or may not have been placed", and show "no answer".
    var reconcile = JSON.parse($form.attr("data-reconcile")), bridgeWaitMs = reconcile.bridge_wait * 1000;
    // The bridge's server refuses a longer request line before the bridge sees it (bridge/http_limits.py), in a
    // way a <script> tag cannot read: sent, it could only end as "no answer" about an order surely not placed.
    var requestLineLimit = Number($form.attr("data-request-line-limit"));
    function requestLineLength(url) {
      var parsed = new URL(url, window.location.href);
      return ("GET " + parsed.pathname + parsed.search + " HTTP/1.1").length;
    }
    function ask(url, data, dialectName, label) {
      var answered = $.Deferred(), asked = performance.now();
      function attempt(retried, tokenMs) {
        var query = {APIVersion: dialectRules(dialectName).api_version, oauth_token: token.access_token};
        if (data !== null && data !== undefined) { query.data = typeof data === "string" ? data : JSON.stringify(data); }
        calls += 1;
        // The callback's name is the call's id: the bridge keeps its record of the exchange under it.
        var call = {label: label + (retried ? " (again, with a refreshed token)" : ""), token: token.access_token,
                    callback: "tsbridgeCall" + calls + "_" + Date.now(), tokenMs: tokenMs};
        // crossDomain: a <script> tag even for the bridge, since the CSP forbids evaluating fetched text.
        var toBridge = new URL(url, window.location.href).origin === window.location.origin;
        var options = {
          url: url, dataType: "jsonp", jsonp: "callback", jsonpCallback: call.callback, crossDomain: true,
          timeout: toBridge ? Math.max(15000, bridgeWaitMs) : 15000, data: query,
          beforeSend: function (_, settings) {
            call.url = settings.url;
            call.started = performance.now();
            var length = requestLineLength(settings.url);
            if (toBridge && length > requestLineLimit) {
              call.notSent = sentence("TOO_LONG", length.toLocaleString("en-US") + " characters long, more than the " +
                                      requestLineLimit.toLocaleString("en-US") + " this bridge's server reads");
            }
            $(document).trigger("tsbridge:call", [call]);
            return !call.notSent;
          }
        };
        var request;
        try {
          request = $.ajax(options);
        } catch (error) {   // $.param throws on a lone UTF-16 surrogate: nothing went out, and the page must not hang
          answered.reject("not sent", sentence("NOT_IN_A_URL", String(error.message || error)));
          return;
        }
        request
          .done(function (answer) {
            call.ended = performance.now();
            if (classify(answer, rules).outcome === "expired" && !retried) {   // the token may just have run out
              $(document).trigger("tsbridge:answer", [call, answer]);
              status("Refreshing the TradeStation session…");
              var refreshing = performance.now();
              refreshToken().then(function () { attempt(true, performance.now() - refreshing); },
                                  function () { answered.reject("session"); });
              return;
            }
            // The trader's result first, the inspector's drawing after it (both run on later ticks, in order).
            answered.resolve(answer);
            $(document).trigger("tsbridge:answer", [call, answer]);
          })
          .fail(function (_, why) {
            call.ended = performance.now();
            if (call.notSent) { answered.reject("not sent", call.notSent); } else { answered.reject("no answer"); }
            $(document).trigger("tsbridge:no-answer", [call, call.notSent || why]);
          });
      }
      freshToken().then(function () { attempt(false, performance.now() - asked); },
                        function () { answered.reject("session"); });
      return answered.promise();
    }

    // What was sent, as sent (prices exactly as entered), and where.
    // A raw order (text a tester typed, sent as typed) is read for what can be read of it: valid JSON's fields,
    // or nothing. The text itself is what is sent.
    function isRaw(order) { return typeof order === "string"; }
    function fieldsOf(order) {
      if (!isRaw(order)) { return order; }
      try {
        var parsed = JSON.parse(order);
        return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
      } catch (_) { return {}; }
    }

    function describe(dialectName, via, order) {
      if (isRaw(order)) {
        var read = fieldsOf(order);
        return $.grep(["raw order", via === "upstream_jsonp" ? "TradeStation directly" : "this bridge", dialectName,
                       read.OrderConfirmId ? "ticket " + read.OrderConfirmId : ""], Boolean).join(" · ");
      }
      var classic = dialectName === "classic", tif = order[classic ? "Duration" : "TimeInForce"];
      var expiry = order[classic ? "GTDDate" : "TimeInForceExpiration"];
      return $.grep([
        "Account " + order[classic ? "AccountKey" : "AccountId"],
        order.LimitPrice !== undefined ? "limit " + order.LimitPrice : "",
        order.StopPrice !== undefined ? "stop " + order.StopPrice : "",
        tifLabel(tif) + (expiry ? " until " + expiry : ""),
        via === "upstream_jsonp" ? "TradeStation directly" : "this bridge",
        dialectName, "ticket " + order.OrderConfirmId
      ], Boolean).join(" · ");
    }

    // What the demo controls' block (near the end) wants to hear of; nothing when the page has no demo panel.
    var demoHooks = {sending: $.noop, answered: $.noop};

    function place(order, dialectName, via) {
      var meta = describe(dialectName, via, order), raw = isRaw(order);
      if (!raw) { sentAs = dialectName + JSON.stringify(order); }  // a changed ticket is a new order; the same one keeps its id
      begin("Sending the order…");
      demoHooks.sending({url: urls.send[via], order: order, dialectName: dialectName, via: via, meta: meta});
      var sending = ask(urls.send[via], order, dialectName, raw ? "Send raw order" : "Send order");
      sending.always(demoHooks.answered);
      sending.then(function (answer) {
        var verdict = classify(answer, rules);
        showVerdict(verdict, meta);
        if (raw) { rawSettled(verdict.rearm, fieldsOf(order).OrderConfirmId); } else { settle(verdict.rearm); }
        if (verdict.outcome === "unknown") { unsettled(); }
        var rejected = verdict.outcome === "results" && !verdict.results.every(function (result) { return result.ok; });
        if (rejected) { status(SENTENCES.REJECTED); }
        $("#results li").first().trigger("focus");
      }, function (why, words) {
        if (why === "session") { sessionCard(meta).trigger("focus"); }
        else if (why === "not sent") { show("error", "Not sent", words, meta).trigger("focus"); }
        else { show("unknown", "No answer", SENTENCES.UNKNOWN, meta).trigger("focus"); }
        if (raw) { rawSettled(false); } else { settle(false); }
        if (why === "no answer") { unsettled(); }
      });
    }

    // After an answer that leaves the order's fate open, what was reviewed is stale (prices move, and the
    // trader should look at Today's orders first): sending the same ticket again takes a new review.
    function unsettled() {
      voidReview();
      status(SENTENCES.REVIEW_AGAIN);
    }

    // TradeStation's confirmation of what it would place; nothing is placed by asking.
    function isConfirmation(entry) {
      return entry !== null && typeof entry === "object" && typeof entry.SummaryMessage === "string";
    }

    function showReview(confirmation, reasons, sending, dialectName, via) {
      var $figures = $("#review-figures").empty(), classic = dialectName === "classic", order = fieldsOf(sending);
      function figure(name, value) {
        if (value === undefined || value === null || value === "") { return; }
        $("<dt>").text(name).appendTo($figures);
        $("<dd>").text(String(value)).appendTo($figures);
      }
      figure("Order", confirmation.SummaryMessage);
      figure("Account", confirmation.Account);
      figure("Limit price", order.LimitPrice);
      figure("Stop price", order.StopPrice);
      figure("Time in force", tifLabel(confirmation.Duration || order[classic ? "Duration" : "TimeInForce"]));
      // A time in force TradeStation confirms as a date (API v3's GTD for "1 week", "1 month") says which day.
      figure("Expires", has(dialectRules(dialectName).dated, order[classic ? "Duration" : "TimeInForce"]) ? val("expiry")
             : String(confirmation.Expiration || "").slice(0, 10));
      figure("Route", confirmation.Route);
      figure("Estimated price", confirmation.EstimatedPriceDisplay);
      figure("Estimated cost", confirmation.EstimatedCostDisplay);
      figure("Initial margin", confirmation.InitialMarginDisplay);
      figure("Estimated commission", confirmation.EstimatedCommissionDisplay);
      var balance = figures[order[classic ? "AccountKey" : "AccountId"]];
      figure("Buying power", balance ? amount(Number(balance.RealTimeBuyingPower)) : "");
      reviewed = {order: sending, dialectName: dialectName, via: via, reasons: reasons};
      var $reasons = $("#review-reasons").empty();
      $.each(reasons, function (_, reason) { $("<li>").text(reason).appendTo($reasons); });
      $("#review-accept").prop("checked", false);
      $("#review-cautions").prop("hidden", !reasons.length);
      sendable();
      $("#review").prop("hidden", false);
      $("#review-title").trigger("focus");    // not the send button: a second Enter must not send unread
      $("#review")[0].scrollIntoView({block: "nearest"});
    }

    function overBuyingPower(confirmation, order, dialectName) {
      var balance = figures[order[dialectName === "classic" ? "AccountKey" : "AccountId"]];
      var cost = Number(confirmation.EstimatedCost), power = balance ? Number(balance.RealTimeBuyingPower) : NaN;
      return cost > power ? [sentence("OVER_BUYING_POWER", amount(cost)) + " (" + amount(power) + ")."] : [];
    }

    function review(order, dialectName, via) {
      var meta = describe(dialectName, via, order) + " · review", fields = fieldsOf(order);
      begin("Asking TradeStation to confirm the order…");
      var asked = edits + rawEdits;
      var quoted = typeof fields.Symbol === "string" && fields.Symbol ? lastQuote(fields.Symbol) : null;
      $.when(ask(urls.review[via], order, dialectName, isRaw(order) ? "Confirm raw order (review)" : "Confirm (review)"),
             quoted).then(function (answer, quote) {
        var entries = [].concat(answer), refusal = answer && (answer.Error || answer);
        settle(isRaw(order) ? sent : false);
        if (asked !== edits + rawEdits) {    // the order changed while TradeStation was asked: not this order
          status("The ticket changed: review it again before sending.");
          return;
        }
        if (entries.length && entries.every(isConfirmation)) {
          showReview(entries[0], cautions(fields, quote).concat(overBuyingPower(entries[0], fields, dialectName)),
                     order, dialectName, via);
          return;
        }
        var code = refusal ? Number(refusal.StatusCode) : NaN;
        show("error", isHttpStatus(code) ? String(code) : "?",
             isHttpStatus(code) ? String(refusal.Message || "") : SENTENCES.NO_REVIEW, meta).trigger("focus");
      }, function (why, words) {
        settle(isRaw(order) ? sent : false);
        if (why === "session") { sessionCard(meta).trigger("focus"); }
        else if (why === "not sent") { show("error", "Not sent", words, meta).trigger("focus"); }
        else { show("error", "No answer", SENTENCES.NO_REVIEW, meta).trigger("focus"); }
      });
    }

    // One click places at once only what no guard stops; anything else is reviewed, with the reasons. A raw
    // text is held to the same guards, read for what can be read of it.
    function placeAtOnce(order, dialectName, via) {
      begin("Checking the order against the market…");
      var fields = fieldsOf(order);
      var quoted = typeof fields.Symbol === "string" && fields.Symbol ? lastQuote(fields.Symbol) : null;
      $.when(quoted).then(function (quote) {
        if (cautions(fields, quote).length) { review(order, dialectName, via); } else { place(order, dialectName, via); }
      });
    }

    // Raw mode, for testing by hand: the order as JSON text, edited freely and sent exactly as typed, valid or
    // not, to the chosen target in the chosen dialect. The same guards as the ticket: one call at a time, an
    // answered text is not sent again until it is edited, and it is reviewed first unless one-click (never LIVE).
    var rawSent = false, rawEdits = 0;
    function rawSendable() { $("#raw-send").prop("disabled", busy || rawSent || ended); }
    function rawSettled(definitive, usedConfirmId) {
      settle(sent);               // the ticket's own state stays as it was
      // A text copied from the ticket carries its OrderConfirmId: once answered, that id is spent, and the
      // ticket sending under it would only be told the raw order's answer again (or "used for a different
      // order"). The ticket takes a new one. An unknown fate keeps it, so that neither can place a second time.
      if (definitive && !sent && usedConfirmId === confirmId) { arm(); }
      rawSent = definitive;
      rawSendable();
      if (definitive) { status("Sent as typed. Edit the raw order to send it again."); }
    }
    $("#raw-fill").on("click", function () {
      $("#raw-order").val(JSON.stringify(build(dialect()), null, 2)).trigger("input").trigger("focus");
    });
    $("#raw-order").on("input", function () {
      rawEdits += 1;
      rawSent = false;
      if (reviewed && isRaw(reviewed.order)) { voidReview(); }
      rawSendable();
    });
    $("#raw-send").on("click", function () {
      if (busy || rawSent || ended) { return; }
      var text = $("#raw-order").val(), via = target(), dialectName = dialect();
      voidReview();
      if (oneClick()) { placeAtOnce(text, dialectName, via); } else { review(text, dialectName, via); }
      rawSendable();
    });

    $("#send").on("click", function () {
      if (!reviewed || busy || ended || needsAcceptance()) { return; }
      if (isRaw(reviewed.order) ? rawSent : sent) { return; }
      place(reviewed.order, reviewed.dialectName, reviewed.via);
    });

    $form.on("submit", function (event) {
      event.preventDefault();
      if (busy || sent || ended) { return; }
      var problem = check();
      $form.find("[aria-invalid]").removeAttr("aria-invalid");
      $("#ticket-error").text(problem ? problem[1] : "");
      if (problem) { $("#" + problem[0]).attr("aria-invalid", "true").trigger("focus"); return; }
      var dialectName = dialect(), via = $("input[name=target]:checked").val(), order = build(dialectName);
      if (sentAs !== null && sentAs !== dialectName + JSON.stringify(order)) { arm(); order = build(dialectName); }
      if (oneClick()) { placeAtOnce(order, dialectName, via); } else { review(order, dialectName, via); }
    });

    // Market context for the ticket's symbol and account, refreshed while the page is open.
    var quoted = null, figures = {};     // the shown quote; each account's balances

    function refreshQuote() {
      if (ended) { return; }
      var symbol = val("symbol").toUpperCase();
      if (!symbol || !matches("symbol", symbol)) {
        quoted = null;
        $("#quote, #quote-name").prop("hidden", true);
        $("#quote-none").prop("hidden", false).text("Enter a symbol to see its quote.");
        return;
      }
      return lastQuote(symbol).then(function (quote) {
        if (val("symbol").toUpperCase() !== symbol) { return; }      // the ticket has moved on
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
        var change = Number(quote.NetChange);
        $("#quote-change").text((change > 0 ? "+" : "") + quote.NetChangePriceDisplay + " (" +
                                (change > 0 ? "+" : "") + quote.NetChangePct + "%)")
          .toggleClass("up", change > 0).toggleClass("down", change < 0);
      });
    }

    function accountUrl(name, account) { return urls[name].replace("ACCOUNT", encodeURIComponent(account)); }

    function refreshAccount() {
      var account = $("#account").val();
      if (!account || ended) { return; }
      var balances = $.ajax({url: accountUrl("balances", account), dataType: "json", cache: false}).done(function (list) {
        var balance = $.isArray(list) ? list[0] : null;
        if (!balance || $("#account").val() !== account) { return; }
        figures[account] = balance;
        $("#buying-power").text(amount(Number(balance.RealTimeBuyingPower)));
        $("#cash").text(amount(Number(balance.RealTimeAccountBalance)));
        $("#balances").prop("hidden", false);
      });
      var positions = $.ajax({url: accountUrl("positions", account), dataType: "json", cache: false}).done(function (list) {
        if (!$.isArray(list) || $("#account").val() !== account) { return; }
        var $body = $("#positions tbody").empty();
        $.each(list, function (_, position) {
          var $row = $("<tr>").appendTo($body);
          $.each([position.Symbol, (position.LongShort === "S" ? "−" : "") + position.Quantity,
                  position.AveragePriceDisplay, position.LastPriceDisplay, amount(Number(position.OpenProfitLoss))],
                 function (_, cell) { $("<td>").text(String(cell)).appendTo($row); });
        });
        $("#positions").prop("hidden", !list.length);
        $("#positions-empty").prop("hidden", list.length > 0);
      });
      return $.when(balances.then(null, $.noop), positions.then(null, $.noop));    // both done, either way
    }

    // A click on the bid or the ask makes it the limit price: an edit like any other.
    $("#quote-bid, #quote-ask").on("click", function () {
      if (!quoted) { return; }
      if (!has(rules.needs_limit, $("#type").val())) { $("#type").val("Limit"); shown(); }
      $("#limit").val(String(this.id === "quote-bid" ? quoted.Bid : quoted.Ask)).trigger("change").trigger("focus");
    });

    // The order's life after it is sent: TradeStation's order list for the trader's accounts, polled.
    var STATUS_WORDS = {OPN: "received", ACK: "received", OSO: "waiting for its parent order", FPR: "partly filled",
                        FLP: "partly filled", FLL: "filled", CAN: "cancelled", OUT: "cancelled", REJ: "rejected",
                        EXP: "expired"};
    var OPEN_STATUSES = ["OPN", "ACK", "OSO", "FPR"];
    var statusById = {}, working = {}, lastFills = "", shownList = "";    // the order list's entries by id; ids with a cancel or change out

    function statusWords(entry) {
      if (entry.Status === "FLL") { return "filled at " + entry.FilledPriceText; }
      if (entry.Status === "FPR" || entry.Status === "FLP") {
        return "partly filled: " + entry.ExecuteQuantity + " of " + entry.Quantity + " at " + entry.FilledPriceText;
      }
      if (entry.Status === "REJ" && entry.RejectReason) { return "rejected: " + entry.RejectReason; }
      return STATUS_WORDS[entry.Status] || String(entry.StatusDescription || entry.Status);
    }

    function orderWords(entry) {
      var prices = $.grep([entry.LimitPriceText ? "limit " + entry.LimitPriceText : "",
                           entry.StopPriceText ? "stop " + entry.StopPriceText : ""], Boolean);
      return $.grep([entry.Type + " " + entry.Quantity + " " + entry.Symbol + " " + words(entry.OrderType),
                     prices.join(", "), tifLabel(entry.Duration)], Boolean).join(" · ");
    }

    function target() { return $("input[name=target]:checked").val(); }
    function orderUrl(kind, orderId) { return urls[kind][target()].replace("ORDERID", encodeURIComponent(orderId)); }

    function refreshOrders() {
      var keys = $("#account option").map(function () { return this.value; }).get();
      if (!keys.length || ended) { return; }
      return $.ajax({url: urls.orders.replace("ACCOUNTS", encodeURIComponent(keys.join(","))), dataType: "json", cache: false})
        .done(function (list) {
          if (!$.isArray(list)) { return; }
          var fills = $.map(list, function (entry) { return entry.OrderID + ":" + entry.ExecuteQuantity; }).join(),
              moved = fills !== lastFills;
          lastFills = fills;
          var listed = JSON.stringify(list);
          if (listed === shownList) { return; }   // unchanged: the buttons under the trader's hand stay put
          shownList = listed;
          statusById = {};
          $.each(list, function (_, entry) { statusById[String(entry.OrderID)] = entry; });
          showOrders(list);
          showJournal();
          if (moved) { refreshAccount(); }     // a fill moves cash and positions
        });
    }

    function showOrders(list) {
      var $body = $("#orders tbody"), editing = $body.find(".modify-row").attr("data-order");
      $body.find("tr:not(.modify-row)").remove();
      $.each(list, function (_, entry) {
        var id = String(entry.OrderID), open = has(OPEN_STATUSES, entry.Status);
        var $row = $("<tr>").attr("data-order", id).addClass("status-" + String(entry.Status).replace(/\W/g, ""));
        $.each([id, entry.AccountID, orderWords(entry), statusWords(entry)], function (_, cell) {
          $("<td>").text(String(cell)).appendTo($row);
        });
        var $actions = $("<td class='order-actions'>").appendTo($row);
        if (open) {
          $("<button type='button' class='small cancel-order'>").text("Cancel").prop("disabled", Boolean(working[id]))
            .attr("aria-label", "Cancel order " + id).appendTo($actions);
          $("<button type='button' class='small modify-order'>").text("Modify").prop("disabled", Boolean(working[id]))
            .attr("aria-label", "Modify order " + id).appendTo($actions);
        }
        var $editor = $body.find(".modify-row[data-order='" + id + "']");
        if ($editor.length) { $row.insertBefore($editor); } else { $row.appendTo($body); }
        if (editing === id && !open) { $editor.remove(); }
      });
      $("#orders").prop("hidden", !list.length);
      $("#orders-empty").prop("hidden", list.length > 0);
    }

    // A cancel or a change: one at a time per order, its answer shown like an order's.
    function changeOrder(orderId, kind, data, label) {
      if (working[orderId]) { return; }
      working[orderId] = true;
      $("#orders tr[data-order='" + orderId + "'] button").prop("disabled", true);
      var dialectName = dialect(), meta = label + " · " + (target() === "upstream_jsonp" ? "TradeStation directly" : "this bridge");
      ask(orderUrl(kind, orderId), data, dialectName, label).then(function (answer) {
        var verdict = classify(answer, rules);
        showVerdict(verdict, meta);
        $("#results li").first().trigger("focus");
      }, function (why) {
        show(why === "session" ? "error" : "unknown", why === "session" ? "401" : "No answer",
             why === "session" ? SENTENCES.SESSION : SENTENCES.UNKNOWN, meta);
      }).always(function () {
        delete working[orderId];
        shownList = "";
        journal();
        refreshOrders();
        refreshAccount();
      });
    }

    $("#orders").on("click", ".cancel-order", function () {
      var orderId = $(this).closest("tr").attr("data-order");
      changeOrder(orderId, "cancel", null, "Cancel order " + orderId);
    });

    $("#orders").on("click", ".modify-order", function () {
      var orderId = $(this).closest("tr").attr("data-order"), entry = statusById[orderId];
      $("#orders .modify-row").remove();
      var $cell = $("<td colspan='5'>"), $editor = $("<tr class='modify-row'>").attr("data-order", orderId).append($cell);
      function field(name, label, value) {
        var $label = $("<label>").text(label + " ").appendTo($cell);
        $("<input type='text' inputmode='decimal' maxlength='20'>").attr("name", name).val(value).appendTo($label);
      }
      field("Quantity", "Quantity", entry.Quantity);
      if (entry.LimitPriceText) { field("LimitPrice", "Limit price", String(entry.LimitPrice)); }
      if (entry.StopPriceText) { field("StopPrice", "Stop price", String(entry.StopPrice)); }
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
      var $editor = $(this).closest("tr"), orderId = $editor.attr("data-order"), entry = statusById[orderId];
      if (working[orderId] || !entry) { return; }
      var change = {AccountKey: String(entry.AccountID), OrderID: orderId, OrderType: entry.OrderType};
      $editor.find("input").each(function () { change[this.name] = $.trim(this.value); });
      var $note = $editor.find(".modify-cautions");
      if (!matches("quantity", change.Quantity) || +change.Quantity <= 0) { $note.prop("hidden", false).text(messages.INVALID_QUANTITY); return; }
      if (change.LimitPrice !== undefined && !priceOk(change.LimitPrice)) { $note.prop("hidden", false).text(messages.INVALID_LIMIT); return; }
      if (change.StopPrice !== undefined && !priceOk(change.StopPrice)) { $note.prop("hidden", false).text(messages.INVALID_STOP); return; }
      if ($editor.attr("data-accepted")) {
        changeOrder(orderId, "cancelreplace", change, "Change order " + orderId);
        $editor.remove();
        return;
      }
      $(this).prop("disabled", true);
      var $button = $(this);
      lastQuote(entry.Symbol).then(function (quote) {
        $button.prop("disabled", false);
        var reasons = cautions({Quantity: change.Quantity, LimitPrice: change.LimitPrice, StopPrice: change.StopPrice}, quote);
        if (!reasons.length) {
          changeOrder(orderId, "cancelreplace", change, "Change order " + orderId);
          $editor.remove();
          return;
        }
        // The same guard rails as a new order: the reasons, then a second, deliberate click.
        $editor.attr("data-accepted", "true");
        $note.prop("hidden", false).text(reasons.join(" ") + " Send change again to confirm.");
      });
    });

    var quoteTimer = null;
    $("#symbol").on("input", function () { clearTimeout(quoteTimer); quoteTimer = setTimeout(refreshQuote, 250); });
    $("#symbol").on("change", refreshQuote);
    $("#account").on("change", refreshAccount);
    // A timed update is skipped while the last one of its kind is still on its way: with a slow TradeStation
    // they would otherwise pile up in the browser's few connections to the bridge, and the trader's own
    // order (a <script> from the same host) would wait behind them.
    function oneAtATime(refresh) {
      var waiting = false;
      return function () {
        if (waiting) { return; }
        waiting = true;
        $.when(refresh()).always(function () { waiting = false; });
      };
    }
    polls = [setInterval(oneAtATime(refreshQuote), 2000), setInterval(oneAtATime(refreshAccount), 5000),
             setInterval(oneAtATime(refreshOrders), 2000)];

    // Today's journal. A cancel or a change is a request about an order, not an order placed.
    var REQUESTS = {cancel: "cancel", cancelreplace: "change"};
    function stateLabel(row) {
      var state = String(row.state).replace(/_/g, " ");       // "not found", not the journal's "not_found"
      if (!REQUESTS[row.kind]) { return state; }
      return REQUESTS[row.kind] + " " + (row.state === "placed" ? "sent" : state);
    }

    // The journal's own rows first, at once; then, when settling may change one (bridge/ticket.py), again after
    // the bridge has asked TradeStation, which takes as long as TradeStation does. Waiting for that alone, a
    // page reloaded mid-order said "No orders today" while its order was on the way. Only the newest asking
    // is shown, so a slow settled answer never replaces a newer one.
    var journalRows = [], journalAsked = 0;
    function journal() {
      var asked = journalAsked += 1;
      function shown(rows) {
        if (asked !== journalAsked) { return; }
        journalRows = $.isArray(rows) ? rows : [];
        showJournal();
      }
      $.ajax({url: urls.journal, data: {settle: "no"}, dataType: "json", cache: false}).done(function (rows) {
        shown(rows);
        if ($.grep(journalRows, function (row) { return has(reconcile.open, row.state); }).length) {
          $.ajax({url: urls.journal, dataType: "json", cache: false}).done(shown);
        }
      });
    }

    // A placed order's row follows the order: filled, with its price; cancelled; expired.
    function journalState(row) {
      var entry = row.kind === "send" && row.state === "placed" && row.order_id ? statusById[String(row.order_id)] : null;
      return entry ? statusWords(entry) : stateLabel(row);
    }

    // A changed order's row says what it was sent as and what it is now: its fill is at the new terms.
    function journalOrder(row, changed) {
      var entry = row.kind === "send" && changed[row.order_id] ? statusById[String(row.order_id)] : null;
      return entry ? row.summary + " → changed to " + orderWords(entry) : row.summary;
    }

    function showJournal() {
      var rows = journalRows, changed = {};
      $.each(rows, function (_, row) {
        if (row.kind === "cancelreplace" && row.state === "placed" && row.order_id) { changed[row.order_id] = true; }
      });
      var $body = $("#journal tbody").empty();
      $.each(rows, function (_, row) {
        var $row = $("<tr>").addClass("state-" + String(row.state).replace(/\W/g, "")).appendTo($body);
        var at = new Date(typeof row.created_at === "number" ? row.created_at * 1000 : row.created_at);
        var tif = row.time_in_force ? tifLabel(row.time_in_force) + (row.expiry ? " until " + row.expiry : "") : "";
        $.each([isNaN(at) ? row.created_at : at.toLocaleTimeString(), journalState(row), journalOrder(row, changed),
                tif, row.account,
                row.order_id, row.message],
               function (_, cell) { $("<td>").text(cell === null || cell === undefined ? "" : String(cell)).appendTo($row); });
      });
      $("#journal").prop("hidden", !rows.length);
      $("#journal-empty").prop("hidden", rows.length > 0);
      tellStories(rows);
    }

    // === What the bridge did with each order ======================================================
    // The JSONP answer is TradeStation's alone, so what happened on the way is read from the journal (a refused
    // token refreshed and the order sent again; a fate unknown, the countdown to TS_RECONCILE_GRACE, and how
    // the reconciler settled it) and from the answers the page saw (a 409 while the first attempt was in flight).
    // Told as "tsbridge:stories" {confirm id: {summary, lines, waiting}}: the inspector (static/inspector.js)
    // shows each order's story on its calls, the demo panel lists them.
    var pageEvents = {};                  // confirm id → what the page itself saw
    var storyTimer = null, lookedUpAt = 0;

    $(document).on("tsbridge:answer", function (_, call, answer) {
      if (classify(answer, rules).code !== 409) { return; }
      var sent = null;
      try { sent = JSON.parse(new URL(call.url, window.location.href).searchParams.get("data")); } catch (_) { }
      if (!sent || !sent.OrderConfirmId) { return; }
      (pageEvents[sent.OrderConfirmId] = pageEvents[sent.OrderConfirmId] || [])
        .push("409 while in flight: the first attempt was still being sent, so this one was not sent");
      tellStories(journalRows);
    });

    function secondsLeft(row) { return Math.ceil(row.updated_at + reconcile.grace - now()); }

    function storyLines(row) {          // in the order it happened
      var lines = row.token_refreshed ? ["401 → token refreshed → retried"] : [];
      lines = lines.concat(pageEvents[row.confirm_id] || []);
      var foundLater = Boolean(row.message) && row.message.indexOf(reconcile.found_later) >= 0;
      if (row.state === "unknown" || row.state === "not_found" || foundLater) {
        lines.push("may or may not have been placed");
      }
      if (row.state === "unknown") {
        var left = Math.max(0, secondsLeft(row));
        lines.push("looking it up at TradeStation: " + (left ? left + " s" : "any moment") + " left of the " +
                   reconcile.grace + " s grace (TS_RECONCILE_GRACE) before it counts as not placed");
      } else if (foundLater) {
        lines.push("settled: " + words(row.state).replace(/_/g, " ") + " — " + reconcile.found_later);
      } else if (row.state === "not_found") {
        lines.push("settled: not placed — TradeStation did not list it within the grace");
      }
      return lines;
    }

    function tellStories(rows) {
      // A row still pending (its answer not in yet, say on a page reloaded mid-order) is asked again as well:
      // shown as "pending" for good, it would look stuck, and a trader might place the order again.
      var stories = {}, waiting = $.grep(rows, function (row) {
        return row.state === "unknown" || row.state === "pending";
      }).length > 0;
      $.each(rows, function (_, row) {
        if (row.kind !== "send" || !row.confirm_id) { return; }
        var lines = storyLines(row);
        if (!lines.length) { return; }
        stories[row.confirm_id] = {summary: row.summary, lines: lines, waiting: row.state === "unknown"};
      });
      $(document).trigger("tsbridge:stories", [stories]);
      clearTimeout(storyTimer);
      if (waiting && !ended) { storyTimer = setTimeout(countDown, 1000); }
    }

    // Each second while a fate is unknown or an answer pending; at the end of the grace (and every few seconds
    // before, as the order may turn up) the journal is asked again, which is when the bridge settles what it can.
    function countDown() {
      var due = $.grep(journalRows, function (row) { return row.state === "unknown" && secondsLeft(row) <= 0; });
      if ((due.length && now() - lookedUpAt > 1) || now() - lookedUpAt > 5) {
        lookedUpAt = now();
        journal();
      }
      tellStories(journalRows);
    }
    // === End of what the bridge did with each order =================================================

    // === Demo controls ==============================================================================
    // Only when the upstream is the simulator `python app.py` started (templates/demo_controls.html; the
    // bridge refuses the controls otherwise, bridge/demo.py). Each control asks the bridge, which calls the
    // simulator's admin API itself; the list below the controls tells each order's story (the block above).
    function demoControls(settings) {
      var inFlight = null;                  // the order being sent to the bridge now

      function said(text, failed) { $("#demo-said").text(text).toggleClass("error", Boolean(failed)); }

      function armed(state) {
        var parts = [state.latency_ms ? state.latency_ms + " ms latency on every call" : "no added latency"];
        var next = state.next_orders || {};
        if (next.remaining) {
          parts.push((next.remaining === 1 ? "the next order " : "the next " + next.remaining + " orders: ") +
                     (settings.faults[next.fault] || next.fault));
        } else {
          parts.push("nothing armed for the next order");
        }
        $("#demo-armed").text("Now: " + parts.join("; ") + ". Orders at the simulator: " + state.orders + ".");
      }

      function control(name, body) {
        $("#demo button").prop("disabled", true);
        return $.ajax({url: settings.urls[name], method: "POST", contentType: "application/json",
                       data: JSON.stringify(body || {}), dataType: "json", headers: {"X-CSRF-Token": csrf}})
          .done(function (answer) { said(answer.message, false); armed(answer.state); })
          .fail(function (xhr) {
            said((xhr.responseJSON && xhr.responseJSON.error) || "The demo control failed: no answer from the bridge.", true);
          })
          .always(function () {
            $("#demo button").prop("disabled", false);
            $("#demo-repeat").prop("disabled", !inFlight);
          });
      }

      // A whole number as typed is sent as a number; anything else as typed, for the bridge to refuse in words.
      function whole(id) { var text = $.trim($(id).val()); return /^\d{1,6}$/.test(text) ? Number(text) : text; }

      $("#demo-set-latency").on("click", function () { control("latency", {milliseconds: whole("#demo-latency")}); });
      $("#demo-arm").on("click", function () {
        control("next_orders", {fault: $("#demo-fault").val(), count: whole("#demo-count")});
      });
      $("#demo-expire").on("click", function () { control("expire_tokens"); });
      $("#demo-clear").on("click", function () { control("clear"); });
      $("#demo-move").on("click", function () {
        control("price", {symbol: $.trim($("#demo-symbol").val()) || val("symbol"), last: $.trim($("#demo-last").val())})
          .done(function () { refreshQuote(); refreshOrders(); });
      });

      // The same request again while the first is still on its way: the bridge must not send it twice (409).
      $("#demo-repeat").on("click", function () {
        if (!inFlight) { return; }
        var again = inFlight, meta = again.meta + " · sent again while in flight";
        ask(again.url, again.order, again.dialectName, "Send order again, while in flight").then(function (answer) {
          showVerdict(classify(answer, rules), meta);
        }, function () { show("unknown", "No answer", SENTENCES.UNKNOWN, meta); });
      });

      demoHooks.sending = function (sending) {
        inFlight = sending.via === "bridge_jsonp" ? sending : null;
        $("#demo-repeat").prop("disabled", !inFlight);
      };
      demoHooks.answered = function () {
        inFlight = null;
        $("#demo-repeat").prop("disabled", true);
        $.ajax({url: settings.urls.state, dataType: "json", cache: false}).done(armed);
      };

      $(document).on("tsbridge:stories", function (_, stories) {
        var $list = $("#demo-events").empty();
        $.each(journalRows, function (_, row) {        // newest first, as the journal
          var story = row.kind === "send" ? stories[row.confirm_id] : null;
          if (!story) { return; }
          var $item = $("<li>").attr("data-confirm", row.confirm_id).appendTo($list);
          $("<span class='demo-order'>").text(story.summary + " · ticket " + row.confirm_id).appendTo($item);
          $.each(story.lines, function (_, line) { $("<span class='demo-line'>").text(line).appendTo($item); });
        });
      });
      $.ajax({url: settings.urls.state, dataType: "json", cache: false}).done(armed);
    }
    if ($("#demo").length) { demoControls(JSON.parse($("#demo").attr("data-demo"))); }
    // === End of demo controls ========================================================================

    $("#account, #asset, input[name=dialect]").on("change", choices);
    $("#asset, #side, #tif, #route").on("change", function () {
      if ($(this).val()) { $(this).removeAttr("aria-invalid"); }
      if (!$form.find("[aria-invalid]").length) { $("#ticket-error").text(""); }
    });
    $("#type, #tif").on("change", shown);
    $("#symbol").on("change", function () { $(this).val(val("symbol").toUpperCase()); });
    $("#journal-refresh").on("click", journal);
    $(document).on("tsbridge:replayed", function () { journal(); refreshOrders(); });   // from the inspector

    options($("#type"), rules.order_types, words);
    $("#place").text(placeLabel());
    $("#expiry").attr("min", today());
    choices();
    arm();
    getToken().fail(function () { status(SENTENCES.SESSION); });
    journal();
    refreshAccount();
    refreshOrders();
    $("#symbol").trigger("focus");
  });
}());
