/* The ticket's fields: the choices each account, asset and dialect offers, what the ticket shows, its edits
   (told to the state, which voids the review and makes a new order of a sent ticket), and the ticket's order
   in both dialects for the inspector ("tsbridge:ticket", again on "tsbridge:ticket-wanted"). */
import {build, buildAs, translate} from "./request.js";
import {SENTENCES, tifLabel, words, ymd} from "./words.js";

export function createForm(page) {
  const $ = window.jQuery, $form = page.$form, rules = page.rules, state = page.state;

  function dialectRules(name) { return rules.dialects[name || page.dialect()]; }
  function label(value) { return tifLabel(rules, value); }

  // The ticket as typed, a plain object for the pure modules (guards.check, request.build).
  function ticket() {
    const field = (id) => $("#" + id).val() || "";
    return {dialect: page.dialect(), account: field("account"), asset: field("asset"), side: field("side"),
            symbol: page.val("symbol"), quantity: page.val("quantity"), type: field("type"), limit: page.val("limit"),
            stop: page.val("stop"), tif: field("tif"), route: field("route"), expiry: page.val("expiry")};
  }

  function order(dialectName) {
    return build(ticket(), {dialectName: dialectName || page.dialect(), rules, confirmId: state.confirmId});
  }

  // The choices follow the account's assets and the dialect. A choice the new list lacks is never swapped
  // for another: the select shows "Choose…" and says what was lost, so the trader must choose again. A list
  // of one leaves nothing to choose (a futures account trades futures alone): its one value is taken.
  function options($select, values, labelOf, wanted) {
    const only = (values || []).length === 1 && wanted !== "" ? values[0] : null;
    if (only !== null) { wanted = only; }
    const lost = wanted !== null && wanted !== undefined && !(values || []).includes(wanted);
    $select.empty();
    if (lost) { $("<option>").val("").text("Choose…").appendTo($select); }
    for (const value of values || []) { $("<option>").val(value).text(labelOf ? labelOf(value) : value).appendTo($select); }
    $select.val(lost ? "" : (wanted || (values || [])[0] || ""));
    return lost && wanted !== "" ? wanted : null;
  }

  let shownDialect = page.dialect();
  function choices() {
    const from = shownDialect, to = page.dialect(), current = dialectRules(to);
    const assets = ($("#account option:selected").attr("data-assets") || "").split(" ");
    const carried = (kind, value) => translate(rules, kind, from, to, value) || value;
    const side = carried("side", $("#side").val()), tif = carried("tif", $("#tif").val());
    shownDialect = to;
    const lost = [];
    function keep(id, name, values, labelOf, wanted) {
      const gone = options($("#" + id), values, labelOf, wanted);
      $("#" + id).attr("aria-invalid", gone || $("#" + id).val() === "" ? "true" : null);
      if (gone) { lost.push(name + " " + (labelOf ? labelOf(gone) : gone)); }
    }
    keep("asset", "Asset", assets.filter((asset) => asset in current.assets),
         (asset) => rules.dialects["2015"].asset_names[asset] + " (" + asset + ")", $("#asset").val());
    // Until an asset is chosen again there is nothing to compare the side with: it waits, as it was.
    const assetRules = current.assets[$("#asset").val()];
    if (assetRules) {
      keep("side", "Side", assetRules.actions, words, side);
      keep("tif", "Time in force", assetRules.durations, label, tif);
      keep("route", "Route", assetRules.routes, null, $("#route").val());
    }
    if (lost.length) {
      $("#ticket-error").text(lost.join("; ") + (lost.length > 1 ? " have" : " has") + " no equivalent here: choose again.");
    }
    shown();
  }

  function shown() {
    const orderType = $("#type").val();
    $("#limit-row").prop("hidden", !rules.needs_limit.includes(orderType));
    $("#stop-row").prop("hidden", !rules.needs_stop.includes(orderType));
    $("#expiry-row").prop("hidden", !dialectRules().dated.includes($("#tif").val()));
  }

  let tellTimer = null;
  function tellTicket() {       // to the inspector: the order in both dialects
    clearTimeout(tellTimer);
    tellTimer = setTimeout(() => {
      const now = ticket(), as = (dialectName) => buildAs(now, {dialectName, rules, confirmId: state.confirmId});
      $(document).trigger("tsbridge:ticket", [{dialect: now.dialect, classic: as("classic"), "2015": as("2015")}]);
    }, 100);
  }
  // Listened to at once: the inspector may ask before or after this module runs (module scripts are deferred).
  $(document).on("tsbridge:ticket-wanted", tellTicket);
  state.onChange((name) => {
    if (["arm", "edit", "renew", "settle"].includes(name)) {
      $("#confirm-id").text(state.confirmId);
      tellTicket();
    }
  });

  // An edit voids the review, and makes a new order of a sent ticket.
  $form.on("input change", "input, select", () => {
    const {renewed, voided} = state.edit();
    if (voided) { page.status(SENTENCES.REVIEW_STALE); } else if (renewed) { page.status(""); }
  });
  $("#place-again").on("click", () => {
    state.renew();
    page.status(page.oneClick() ? SENTENCES.AGAIN_ONE_CLICK : SENTENCES.AGAIN_REVIEW);
    $("#place").trigger("focus");
  });
  $("#new-order").on("click", () => {
    $("#symbol, #quantity, #limit, #stop, #expiry").val("");
    // The last order's side is no default for the next: a Sell carried over is a wrong order waiting.
    options($("#side"), $("#side option").map(function () { return this.value; }).get().filter(Boolean), words, "");
    $("#side").attr("aria-invalid", "true");
    state.renew();
    page.status(SENTENCES.NEW_ORDER);
    $("#symbol").trigger("focus");
  });

  $("#account, #asset, input[name=dialect]").on("change", choices);
  $("#asset, #side, #tif, #route").on("change", function () {
    if ($(this).val()) { $(this).removeAttr("aria-invalid"); }
    if (!$form.find("[aria-invalid]").length) { $("#ticket-error").text(""); }
  });
  $("#type, #tif").on("change", shown);
  $("#symbol").on("change", function () { $(this).val(page.val("symbol").toUpperCase()); });

  options($("#type"), rules.order_types, words);
  $("#expiry").attr("min", ymd(new Date()));
  choices();

  return {ticket, order, dialectRules, label};
}
