/* tsbridge order ticket: builds an order in either TradeStation v2 dialect, checks it with the
   server's rules and words (handed over by the view in data-rules), and sends it by JSONP to the
   bridge or straight to TradeStation. All text from outside goes into the page with .text(). */
$(function () {
  "use strict";
  var $form = $("#ticket");
  if (!$form.length) { return; }
  var urls = JSON.parse($form.attr("data-urls"));
  var rules = JSON.parse($form.attr("data-rules"));
  var csrf = $form.attr("data-csrf");
  var M = rules.messages;
  var TIMEOUT = 15000;          // JSONP cannot see HTTP errors: no answer by then means "unknown"
  var token = null;             // {access_token, expires_at, userid}, never written into the page
  var tokenTimer = null;
  var confirmId = null;         // the armed ticket's OrderConfirmId, kept until a definitive answer
  var sentAs = null;            // what was sent under it, to tell a retry from a changed ticket
  var busy = false;

  function now() { return Date.now() / 1000; }
  function val(id) { return $.trim($("#" + id).val() || ""); }
  function dialect() { return $("input[name=dialect]:checked").val(); }
  function target() { return $("input[name=target]:checked").val(); }
  function has(list, x) { return $.inArray(x, list || []) >= 0; }
  function words(name) { return String(name).replace(/([a-z])([A-Z])/g, "$1 $2"); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function status(text) { $("#status").text(text); }

  // -- The ticket's choices, derived from the account's assets and the dialect --------------------
  function options($select, values, label) {
    var keep = $select.val();
    $select.empty();
    $.each(values || [], function (_, v) {
      $("<option>").val(v).text(label ? label(v) : v).appendTo($select);
    });
    if (has(values, keep)) { $select.val(keep); }
  }

  function vocab() { return rules.dialects[dialect()]; }
  function forAsset() { return vocab().assets[$("#asset").val()] || {}; }

  function choices() {
    var v = vocab(), assets = ($("#account option:selected").attr("data-assets") || "").split(/\s+/);
    options($("#asset"), $.grep(assets, function (a) { return a in v.assets; }),
            function (a) { return rules.dialects["2015"].asset_names[a] + " (" + a + ")"; });
    var x = forAsset();
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

  // -- OrderConfirmId: one per ticket, so a retry of the same ticket cannot place twice ------------
  function arm() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    confirmId = window.btoa(String.fromCharCode.apply(null, bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    sentAs = null;
    $("#confirm-id").text(confirmId);
  }

  // -- The server's checks (tradestation/orders.py) for the fields the ticket has, in its order ----
  // Its formats (patterns of tradestation/orders.py) when the view hands them over;
  // otherwise only the obvious shape is checked here and the server has the last word.
  var P = $.extend({quantity: "\\d+", price: "\\d*\\.?\\d+"}, rules.patterns);
  function matches(name, text) { return !P[name] || new RegExp("^(?:" + P[name] + ")$").test(text); }

  function priceOk(text) {
    if (!matches("price", text)) { return false; }
    var parts = text.split("."), whole = Number(parts[0] || "0"), frac = /[1-9]/.test(parts[1] || "");
    var max = Number(rules.max_price || Infinity);
    return (whole > 0 || frac) && (whole < max || (whole === max && !frac));
  }

  function check() {            // [field id, message] or null
    var d = dialect(), t = $("#type").val(), q = val("quantity"), s = val("symbol");
    if (!$("#account").val()) { return ["account", M.MISSING_FIELD + " " + (d === "classic" ? "AccountKey" : "AccountId")]; }
    if (!$("#asset").val()) { return ["asset", M.INVALID_ASSET]; }
    if (!$("#side").val()) { return ["side", M.INVALID_ACTION]; }
    if (!s) { return ["symbol", M.MISSING_SYMBOL]; }
    if (!matches("symbol", s)) { return ["symbol", M.INVALID_SYMBOL]; }
    if (!q) { return ["quantity", M.MISSING_QUANTITY]; }
    if (!matches("quantity", q) || +q <= 0 || +q > (rules.max_quantity || Infinity)) { return ["quantity", M.INVALID_QUANTITY]; }
    if (!t) { return ["type", M.MISSING_TYPE]; }
    if (has(rules.needs_limit, t)) {
      if (!val("limit")) { return ["limit", M.MISSING_LIMIT]; }
      if (!priceOk(val("limit"))) { return ["limit", M.INVALID_LIMIT]; }
    }
    if (has(rules.needs_stop, t)) {
      if (!val("stop")) { return ["stop", M.MISSING_STOP]; }
      if (!priceOk(val("stop"))) { return ["stop", M.INVALID_STOP]; }
    }
    if (!$("#tif").val()) { return ["tif", M.MISSING_TIF]; }
    if (has(vocab().dated, $("#tif").val()) && !/^\d{4}-\d{2}-\d{2}$/.test(val("expiry"))) {
      return ["expiry", M.MISSING_EXPIRY];
    }
    return null;
  }

  // -- The order in the chosen dialect ----------------------------------------------------------------
  function expiration(ymd, classic) {
    var p = ymd.split("-");
    if (classic) { return p[1] + "/" + p[2] + "/" + p[0]; }          // GTDDate: MM/DD/YYYY
    var off = -new Date(+p[0], p[1] - 1, +p[2], 23, 59, 59).getTimezoneOffset();
    return ymd + "T23:59:59" + (off < 0 ? "-" : "+") + pad(Math.floor(Math.abs(off) / 60)) + ":" + pad(Math.abs(off) % 60);
  }

  function build(d) {
    var c = d === "classic", t = $("#type").val(), tif = $("#tif").val(), o = {OrderConfirmId: confirmId};
    o[c ? "AccountKey" : "AccountId"] = $("#account").val();
    o.AssetType = rules.dialects[d].asset_names[$("#asset").val()];
    o.Symbol = val("symbol");
    o.Quantity = c ? val("quantity") : Number(val("quantity"));
    o[c ? "OrderType" : "Type"] = t;
    if (has(rules.needs_limit, t)) { o.LimitPrice = val("limit"); }
    if (has(rules.needs_stop, t)) { o.StopPrice = val("stop"); }
    o[c ? "TradeAction" : "Side"] = $("#side").val();
    o[c ? "Duration" : "TimeInForce"] = tif;
    if (has(rules.dialects[d].dated, tif)) { o[c ? "GTDDate" : "TimeInForceExpiration"] = expiration(val("expiry"), c); }
    o.Route = $("#route").val();
    return o;
  }

  // -- The access token, fetched from the bridge (same origin, session cookie) ------------------------
  function keepToken(t) {
    token = t;
    clearTimeout(tokenTimer);
    tokenTimer = setTimeout(function () { freshToken(); }, Math.max(30, t.expires_at - now() - 60) * 1000);
    return t;
  }

  function getToken() { return $.ajax({url: urls.token, dataType: "json", cache: false}).then(keepToken); }

  function refreshToken() {
    return $.ajax({url: urls.token_refresh, method: "POST", dataType: "json",
                   headers: {"X-CSRF-Token": csrf}}).then(keepToken);
  }

  function freshToken() {       // a token good for at least another minute
    if (token && token.expires_at - now() > 60) { return $.Deferred().resolve(token).promise(); }
    return getToken().then(function (t) { return t.expires_at - now() > 60 ? t : refreshToken(); });
  }

  // -- Sending and answers ------------------------------------------------------------------------------
  var SESSION = "Your TradeStation session has expired or is not valid — log in again";
  var UNKNOWN = "No answer from TradeStation: the order may or may not have been placed — check the journal";

  function show(kind, label, text, meta) {
    var $li = $("<li>").addClass("result " + kind);
    $("<span class='status'>").text(label).appendTo($li);
    $("<span class='message'>").text(text).appendTo($li);
    if (meta) { $("<span class='meta'>").text(meta).appendTo($li); }
    $("#results").prepend($li);
  }

  function showResult(r, meta) {
    var ok = r.OrderStatus === "Ok" || r.Status === "Success", id = r.OrderID || r.Id;
    show(ok ? "ok" : "failed", r.OrderStatus || r.Status || "Failed", r.Message || "",
         (id ? "Order " + id + " · " : "") + meta);
  }

  function explain(e) {         // a wrapped error {"Message","StatusCode"} in words
    var code = +e.StatusCode, msg = String(e.Message || "");
    if (code === 401) { return msg === M.NOT_YOUR_ACCOUNT ? msg : SESSION + " (" + msg + ")."; }
    if (code === 403) { return "TradeStation's request quota is used up (" + msg + "): wait a few minutes and send again."; }
    if (/may or may not have been placed/.test(msg)) { return msg; }    // the bridge's own account of it
    if (code === 504) { return "The fate of this order is unknown: it may or may not have been placed — check the journal. " + msg; }
    if (code >= 500) { return "TradeStation had a problem; the order may not have been placed. " + msg; }
    return msg;
  }

  function finish() {
    busy = false;
    $("#place").prop("disabled", false);
    journal();
  }

  function send(order, d, via, retried) {
    var meta = (via === "upstream_jsonp" ? "TradeStation directly" : "this bridge") + " · " +
               (d === "classic" ? "classic" : "2015") + " · ticket " + order.OrderConfirmId;
    // crossDomain: always a <script src> tag, even for the bridge: the CSP forbids evaluating fetched text.
    $.ajax({url: urls[via], dataType: "jsonp", jsonp: "callback", crossDomain: true, timeout: TIMEOUT,
            data: {APIVersion: rules.dialects[d].api_version, data: JSON.stringify(order), oauth_token: token.access_token}})
      .done(function (answer) {
        if (answer && answer.Error) { answer = answer.Error; }
        if ($.isArray(answer) || (answer && (answer.OrderStatus || answer.Status))) {
          $.each($.isArray(answer) ? answer : [answer], function (_, r) { showResult(r, meta); });
          arm();                                  // a definitive answer: the next order is a new one
        } else if (answer && +answer.StatusCode === 401 && !retried) {
          status("Refreshing the TradeStation session…");
          refreshToken().then(function () { send(order, d, via, true); },
                              function () { show("error", "401", SESSION + ".", meta); finish(); });
          return;
        } else if (answer && answer.StatusCode) {
          show(+answer.StatusCode >= 500 ? "unknown" : "error", String(answer.StatusCode), explain(answer), meta);
          if (has([400, 403, 404], +answer.StatusCode)) { arm(); }   // refused before placing
        } else {
          show("unknown", "?", UNKNOWN + ".", meta);
        }
        status("");
        finish();
      })
      .fail(function () {
        show("unknown", "No answer", UNKNOWN + ".", meta);
        status("");
        finish();
      });
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
    var d = dialect(), via = target(), order = build(d), what = d + JSON.stringify(order);
    if (sentAs !== null && sentAs !== what) { arm(); order = build(d); what = d + JSON.stringify(order); }
    sentAs = what;              // a changed ticket is a new order; the same one keeps its id
    status("Sending the order…");
    freshToken().then(function () { send(order, d, via, false); },
                      function () { show("error", "401", SESSION + ".", ""); status(""); finish(); });
  });

  // -- Today's journal ------------------------------------------------------------------------------------
  function when(t) {
    var date = typeof t === "number" ? new Date(t * 1000) : new Date(t);
    return isNaN(date.getTime()) ? String(t || "") : date.toLocaleTimeString();
  }

  function journal() {
    $.ajax({url: urls.journal, dataType: "json", cache: false}).done(function (rows) {
      var $body = $("#journal tbody").empty();
      $.each(rows, function (_, r) {
        var $tr = $("<tr>").addClass("state-" + String(r.state).replace(/[^a-z_]/g, ""));
        $.each([when(r.created_at), r.state, r.summary, r.order_id, r.message], function (_, x) {
          $("<td>").text(x === null || x === undefined ? "" : String(x)).appendTo($tr);
        });
        $body.append($tr);
      });
      $("#journal-empty").prop("hidden", rows.length > 0);
    });
  }

  $("#account, #asset").on("change", choices);
  $("input[name=dialect]").on("change", choices);
  $("#type, #tif").on("change", shown);
  $("#symbol").on("change", function () { $(this).val(val("symbol").toUpperCase()); });
  $("#journal-refresh").on("click", journal);

  options($("#type"), rules.order_types, words);
  choices();
  arm();
  getToken().fail(function () { status(SESSION + "."); });
  journal();
});
