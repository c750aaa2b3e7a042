/* tsbridge ticket: builds an order in either v2 dialect, checks it with the server's rules and words
   (data-rules, from tradestation/), sends it by JSONP to the bridge or to TradeStation, shows the answer.
   Text from outside reaches the page only through .text(). */
$(function () {
  "use strict";
  var $form = $("#ticket");
  if (!$form.length) { return; }
  var urls = JSON.parse($form.attr("data-urls")), rules = JSON.parse($form.attr("data-rules"));
  var messages = rules.messages, csrf = $form.attr("data-csrf");
  var token = null, tokenTimer = null;   // the access token lives in this closure only
  var confirmId = null, sentAs = null;   // the armed ticket's OrderConfirmId and what was sent under it
  var busy = false;
  var SESSION = "Your TradeStation session has expired or is not valid — log in again.";
  var UNKNOWN = "No answer from TradeStation: the order may or may not have been placed — check the journal.";

  function now() { return Date.now() / 1000; }
  function val(id) { return $.trim($("#" + id).val() || ""); }
  function dialect() { return $("input[name=dialect]:checked").val(); }
  function dialectRules(name) { return rules.dialects[name || dialect()]; }
  function has(list, item) { return $.inArray(item, list || []) >= 0; }
  function words(name) { return String(name).replace(/([a-z])([A-Z])/g, "$1 $2"); }
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function status(text) { $("#status").text(text || ""); }

  // The choices follow the account's assets and the dialect.
  function options($select, values, label) {
    var keep = $select.val();
    $select.empty();
    $.each(values || [], function (_, value) {
      $("<option>").val(value).text(label ? label(value) : value).appendTo($select);
    });
    if (has(values, keep)) { $select.val(keep); }
  }

  function choices() {
    var current = dialectRules(), assets = ($("#account option:selected").attr("data-assets") || "").split(" ");
    options($("#asset"), $.grep(assets, function (asset) { return asset in current.assets; }),
            function (asset) { return rules.dialects["2015"].asset_names[asset] + " (" + asset + ")"; });
    var assetRules = current.assets[$("#asset").val()] || {};
    options($("#side"), assetRules.actions, words);
    options($("#tif"), assetRules.durations, dialect() === "classic" ? null : words);
    options($("#route"), assetRules.routes);
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
    if (has(dialectRules().dated, tif) && !/^\d{4}-\d\d-\d\d$/.test(val("expiry"))) {
      return ["expiry", messages.MISSING_EXPIRY];
    }
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

  function build(dialectName) {
    var classic = dialectName === "classic", vocabulary = dialectRules(dialectName);
    var orderType = $("#type").val(), tif = $("#tif").val(), order = {OrderConfirmId: confirmId};
    order[classic ? "AccountKey" : "AccountId"] = $("#account").val();
    order.AssetType = vocabulary.asset_names[$("#asset").val()];
    order.Symbol = val("symbol");
    order.Quantity = classic ? val("quantity") : Number(val("quantity"));
    order[classic ? "OrderType" : "Type"] = orderType;
    if (has(rules.needs_limit, orderType)) { order.LimitPrice = val("limit"); }
    if (has(rules.needs_stop, orderType)) { order.StopPrice = val("stop"); }
    order[classic ? "TradeAction" : "Side"] = $("#side").val();
    order[classic ? "Duration" : "TimeInForce"] = tif;
    if (has(vocabulary.dated, tif)) { order[classic ? "GTDDate" : "TimeInForceExpiration"] = expiration(val("expiry"), classic); }
    order.Route = $("#route").val();
    return order;
  }

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
    var $item = $("<li>").addClass("result " + kind);
    $("<span class='status'>").text(label).appendTo($item);
    $("<span class='message'>").text(text).appendTo($item);
    $("<span class='meta'>").text(meta).appendTo($item);
    $("#results").prepend($item);
  }

  function explain(error) {     // a wrapped error {"Message","StatusCode"} in words
    var code = +error.StatusCode, message = String(error.Message || "");
    if (code === 401) { return message === messages.NOT_YOUR_ACCOUNT ? message : SESSION + " (" + message + ")"; }
    if (code === 403) { return "TradeStation's request quota is used up (" + message + "): wait a few minutes and send again."; }
    if (/may or may not have been placed/.test(message)) { return message; }   // the bridge's own account of it
    if (code === 504) { return "The fate of this order is unknown: it may or may not have been placed — check the journal. " + message; }
    if (code >= 500) { return "TradeStation had a problem; the order may not have been placed. " + message; }
    return message;
  }

  function finish() {
    busy = false;
    status("");
    $("#place").prop("disabled", false);
    journal();
  }

  function send(order, dialectName, via, retried) {
    var meta = (via === "upstream_jsonp" ? "TradeStation directly" : "this bridge") + " · " + dialectName +
               " · ticket " + order.OrderConfirmId;
    // crossDomain: a <script> tag even for the bridge, since the CSP forbids evaluating fetched text.
    $.ajax({url: urls[via], dataType: "jsonp", jsonp: "callback", crossDomain: true, timeout: 15000,
            data: {APIVersion: dialectRules(dialectName).api_version, data: JSON.stringify(order),
                   oauth_token: token.access_token}})
      .done(function (answer) {
        answer = (answer && answer.Error) || answer;
        var code = answer && +answer.StatusCode;
        if ($.isArray(answer) || (answer && (answer.OrderStatus || answer.Status))) {
          $.each([].concat(answer), function (_, result) {
            var ok = result.OrderStatus === "Ok" || result.Status === "Success", orderId = result.OrderID || result.Id;
            show(ok ? "ok" : "failed", result.OrderStatus || result.Status, result.Message || "",
                 (orderId ? "Order " + orderId + " · " : "") + meta);
          });
          arm();                // a definitive answer: the next order is a new one
        } else if (code === 401 && !retried) {
          status("Refreshing the TradeStation session…");
          refreshToken().then(function () { send(order, dialectName, via, true); },
                              function () { show("error", "401", SESSION, meta); finish(); });
          return;
        } else if (code) {
          show(code >= 500 ? "unknown" : "error", String(code), explain(answer), meta);
          if (has([400, 403, 404], code)) { arm(); }   // refused before anything was placed
        } else {
          show("unknown", "?", UNKNOWN, meta);
        }
        finish();
      })
      .fail(function () { show("unknown", "No answer", UNKNOWN, meta); finish(); });
  }

  $form.on("submit", function (event) {
    event.preventDefault();
    if (busy) { return; }
    var problem = check();
    $form.find("[aria-invalid]").removeAttr("aria-invalid");
    $("#ticket-error").text(problem ? problem[1] : "");
    if (problem) { $("#" + problem[0]).attr("aria-invalid", "true").trigger("focus"); return; }
    busy = true;
    $("#place").prop("disabled", true);
    var dialectName = dialect(), via = $("input[name=target]:checked").val(), order = build(dialectName);
    if (sentAs !== null && sentAs !== dialectName + JSON.stringify(order)) { arm(); order = build(dialectName); }
    sentAs = dialectName + JSON.stringify(order);   // a changed ticket is a new order; the same one keeps its id
    status("Sending the order…");
    freshToken().then(function () { send(order, dialectName, via, false); },
                      function () { show("error", "401", SESSION, ""); finish(); });
  });

  // Today's journal.
  function journal() {
    $.ajax({url: urls.journal, dataType: "json", cache: false}).done(function (rows) {
      var $body = $("#journal tbody").empty();
      $.each(rows, function (_, row) {
        var $row = $("<tr>").addClass("state-" + String(row.state).replace(/\W/g, "")).appendTo($body);
        var at = new Date(typeof row.created_at === "number" ? row.created_at * 1000 : row.created_at);
        $.each([isNaN(at) ? row.created_at : at.toLocaleTimeString(), row.state, row.summary, row.order_id, row.message],
               function (_, cell) { $("<td>").text(cell === null || cell === undefined ? "" : String(cell)).appendTo($row); });
      });
      $("#journal").prop("hidden", !rows.length);
      $("#journal-empty").prop("hidden", rows.length > 0);
    });
  }

  $("#account, #asset, input[name=dialect]").on("change", choices);
  $("#type, #tif").on("change", shown);
  $("#symbol").on("change", function () { $(this).val(val("symbol").toUpperCase()); });
  $("#journal-refresh").on("click", journal);

  options($("#type"), rules.order_types, words);
  choices();
  arm();
  getToken().fail(function () { status(SESSION); });
  journal();
});
