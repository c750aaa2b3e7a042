/* tsbridge ticket: builds an order in either v2 dialect, checks it with the server's rules and words
   (data-rules, from tradestation/), sends it by JSONP to the bridge or to TradeStation, shows the answer.
   Text from outside reaches the page only through .text(). */
$(function () {
  "use strict";
  var $form = $("#ticket");
  if (!$form.length) { return; }
  var urls = JSON.parse($form.attr("data-urls")), rules = JSON.parse($form.attr("data-rules"));
  var M = rules.messages, csrf = $form.attr("data-csrf");
  var token = null, tokenTimer = null;   // the access token lives in this closure only
  var confirmId = null, sentAs = null;   // the armed ticket's OrderConfirmId and what was sent under it
  var busy = false;
  var SESSION = "Your TradeStation session has expired or is not valid — log in again.";
  var UNKNOWN = "No answer from TradeStation: the order may or may not have been placed — check the journal.";

  function now() { return Date.now() / 1000; }
  function val(id) { return $.trim($("#" + id).val() || ""); }
  function dialect() { return $("input[name=dialect]:checked").val(); }
  function vocab(d) { return rules.dialects[d || dialect()]; }
  function has(list, x) { return $.inArray(x, list || []) >= 0; }
  function words(name) { return String(name).replace(/([a-z])([A-Z])/g, "$1 $2"); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function status(text) { $("#status").text(text || ""); }

  // The choices follow the account's assets and the dialect.
  function options($select, values, label) {
    var keep = $select.val();
    $select.empty();
    $.each(values || [], function (_, v) { $("<option>").val(v).text(label ? label(v) : v).appendTo($select); });
    if (has(values, keep)) { $select.val(keep); }
  }

  function choices() {
    var v = vocab(), assets = ($("#account option:selected").attr("data-assets") || "").split(" ");
    options($("#asset"), $.grep(assets, function (a) { return a in v.assets; }),
            function (a) { return rules.dialects["2015"].asset_names[a] + " (" + a + ")"; });
    var x = v.assets[$("#asset").val()] || {};
    options($("#side"), x.actions, words);
    options($("#tif"), x.durations, dialect() === "classic" ? null : words);
    options($("#route"), x.routes);
    shown();
  }

  function shown() {
    var t = $("#type").val();
    $("#limit-row").prop("hidden", !has(rules.needs_limit, t));
    $("#stop-row").prop("hidden", !has(rules.needs_stop, t));
    $("#expiry-row").prop("hidden", !has(vocab().dated, $("#tif").val()));
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
  var P = $.extend({quantity: "\\d+", price: "\\d*\\.?\\d+"}, rules.patterns);
  function matches(name, text) { return new RegExp("^(?:" + (P[name] || ".*") + ")$").test(text); }

  function priceOk(text) {
    var parts = text.split("."), whole = Number(parts[0] || 0), frac = /[1-9]/.test(parts[1] || "");
    var max = Number(rules.max_price || Infinity);
    return matches("price", text) && (whole > 0 || frac) && (whole < max || (whole === max && !frac));
  }

  function check() {            // [field id, message] or null
    var t = $("#type").val(), q = val("quantity"), s = val("symbol"), tif = $("#tif").val();
    if (!$("#account").val()) { return ["account", M.MISSING_FIELD + (dialect() === "classic" ? " AccountKey" : " AccountId")]; }
    if (!$("#asset").val()) { return ["asset", M.INVALID_ASSET]; }
    if (!$("#side").val()) { return ["side", M.INVALID_ACTION]; }
    if (!s) { return ["symbol", M.MISSING_SYMBOL]; }
    if (!matches("symbol", s)) { return ["symbol", M.INVALID_SYMBOL]; }
    if (!q) { return ["quantity", M.MISSING_QUANTITY]; }
    if (!matches("quantity", q) || +q <= 0 || +q > (rules.max_quantity || Infinity)) { return ["quantity", M.INVALID_QUANTITY]; }
    if (!t) { return ["type", M.MISSING_TYPE]; }
    if (has(rules.needs_limit, t) && !val("limit")) { return ["limit", M.MISSING_LIMIT]; }
    if (has(rules.needs_limit, t) && !priceOk(val("limit"))) { return ["limit", M.INVALID_LIMIT]; }
    if (has(rules.needs_stop, t) && !val("stop")) { return ["stop", M.MISSING_STOP]; }
    if (has(rules.needs_stop, t) && !priceOk(val("stop"))) { return ["stop", M.INVALID_STOP]; }
    if (!tif) { return ["tif", M.MISSING_TIF]; }
    if (has(vocab().dated, tif) && !/^\d{4}-\d\d-\d\d$/.test(val("expiry"))) { return ["expiry", M.MISSING_EXPIRY]; }
    return null;
  }

  // The order in the chosen dialect.
  function expiration(ymd, classic) {
    var p = ymd.split("-");
    if (classic) { return p[1] + "/" + p[2] + "/" + p[0]; }            // GTDDate: MM/DD/YYYY
    var off = -new Date(+p[0], p[1] - 1, +p[2], 23, 59, 59).getTimezoneOffset(), abs = Math.abs(off);
    return ymd + "T23:59:59" + (off < 0 ? "-" : "+") + pad(Math.floor(abs / 60)) + ":" + pad(abs % 60);
  }

  function build(d) {
    var c = d === "classic", t = $("#type").val(), tif = $("#tif").val(), o = {OrderConfirmId: confirmId};
    o[c ? "AccountKey" : "AccountId"] = $("#account").val();
    o.AssetType = vocab(d).asset_names[$("#asset").val()];
    o.Symbol = val("symbol");
    o.Quantity = c ? val("quantity") : Number(val("quantity"));
    o[c ? "OrderType" : "Type"] = t;
    if (has(rules.needs_limit, t)) { o.LimitPrice = val("limit"); }
    if (has(rules.needs_stop, t)) { o.StopPrice = val("stop"); }
    o[c ? "TradeAction" : "Side"] = $("#side").val();
    o[c ? "Duration" : "TimeInForce"] = tif;
    if (has(vocab(d).dated, tif)) { o[c ? "GTDDate" : "TimeInForceExpiration"] = expiration(val("expiry"), c); }
    o.Route = $("#route").val();
    return o;
  }

  // The access token comes from the bridge (same origin, session cookie), again before it expires.
  function keep(t) {
    token = t;
    clearTimeout(tokenTimer);
    tokenTimer = setTimeout(freshToken, Math.max(30, t.expires_at - now() - 60) * 1000);
    return t;
  }

  function getToken() { return $.ajax({url: urls.token, dataType: "json", cache: false}).then(keep); }

  function refreshToken() {
    return $.ajax({url: urls.token_refresh, method: "POST", dataType: "json", headers: {"X-CSRF-Token": csrf}}).then(keep);
  }

  function freshToken() {       // the bridge refreshes the token before it runs out; ask it again near the end
    if (token && token.expires_at - now() > 60) { return $.Deferred().resolve(token).promise(); }
    return getToken();
  }

  // Answers, newest first.
  function show(kind, label, text, meta) {
    var $li = $("<li>").addClass("result " + kind);
    $("<span class='status'>").text(label).appendTo($li);
    $("<span class='message'>").text(text).appendTo($li);
    $("<span class='meta'>").text(meta).appendTo($li);
    $("#results").prepend($li);
  }

  function explain(e) {         // a wrapped error {"Message","StatusCode"} in words
    var code = +e.StatusCode, msg = String(e.Message || "");
    if (code === 401) { return msg === M.NOT_YOUR_ACCOUNT ? msg : SESSION + " (" + msg + ")"; }
    if (code === 403) { return "TradeStation's request quota is used up (" + msg + "): wait a few minutes and send again."; }
    if (/may or may not have been placed/.test(msg)) { return msg; }   // the bridge's own account of it
    if (code === 504) { return "The fate of this order is unknown: it may or may not have been placed — check the journal. " + msg; }
    if (code >= 500) { return "TradeStation had a problem; the order may not have been placed. " + msg; }
    return msg;
  }

  function finish() {
    busy = false;
    status("");
    $("#place").prop("disabled", false);
    journal();
  }

  function send(order, d, via, retried) {
    var meta = (via === "upstream_jsonp" ? "TradeStation directly" : "this bridge") + " · " + d +
               " · ticket " + order.OrderConfirmId;
    // crossDomain: a <script> tag even for the bridge, since the CSP forbids evaluating fetched text.
    $.ajax({url: urls[via], dataType: "jsonp", jsonp: "callback", crossDomain: true, timeout: 15000,
            data: {APIVersion: vocab(d).api_version, data: JSON.stringify(order), oauth_token: token.access_token}})
      .done(function (answer) {
        answer = (answer && answer.Error) || answer;
        var code = answer && +answer.StatusCode;
        if ($.isArray(answer) || (answer && (answer.OrderStatus || answer.Status))) {
          $.each([].concat(answer), function (_, r) {
            var ok = r.OrderStatus === "Ok" || r.Status === "Success", id = r.OrderID || r.Id;
            show(ok ? "ok" : "failed", r.OrderStatus || r.Status, r.Message || "", (id ? "Order " + id + " · " : "") + meta);
          });
          arm();                // a definitive answer: the next order is a new one
        } else if (code === 401 && !retried) {
          status("Refreshing the TradeStation session…");
          refreshToken().then(function () { send(order, d, via, true); },
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
    var bad = check();
    $form.find("[aria-invalid]").removeAttr("aria-invalid");
    $("#ticket-error").text(bad ? bad[1] : "");
    if (bad) { $("#" + bad[0]).attr("aria-invalid", "true").trigger("focus"); return; }
    busy = true;
    $("#place").prop("disabled", true);
    var d = dialect(), via = $("input[name=target]:checked").val(), order = build(d);
    if (sentAs !== null && sentAs !== d + JSON.stringify(order)) { arm(); order = build(d); }
    sentAs = d + JSON.stringify(order);   // a changed ticket is a new order; the same one keeps its id
    status("Sending the order…");
    freshToken().then(function () { send(order, d, via, false); },
                      function () { show("error", "401", SESSION, ""); finish(); });
  });

  // Today's journal.
  function journal() {
    $.ajax({url: urls.journal, dataType: "json", cache: false}).done(function (rows) {
      var $body = $("#journal tbody").empty();
      $.each(rows, function (_, r) {
        var $tr = $("<tr>").addClass("state-" + String(r.state).replace(/\W/g, "")).appendTo($body);
        var at = new Date(typeof r.created_at === "number" ? r.created_at * 1000 : r.created_at);
        $.each([isNaN(at) ? r.created_at : at.toLocaleTimeString(), r.state, r.summary, r.order_id, r.message],
               function (_, x) { $("<td>").text(x === null || x === undefined ? "" : String(x)).appendTo($tr); });
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
