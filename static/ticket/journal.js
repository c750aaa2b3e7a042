/* Today's journal, and what the bridge did with each order on the way.

   The JSONP answer is TradeStation's alone, so what happened on the way is read from the journal (a refused
   token refreshed and the order sent again; a fate unknown, the countdown to TS_RECONCILE_GRACE, and how
   the reconciler settled it) and from the answers the page saw (a repeat refused while the first attempt was
   in flight). Told as "tsbridge:stories" {confirm id: {summary, lines, waiting}}: the inspector
   (static/inspector/) shows each order's story on its calls, the demo panel lists them. */
import {FATES} from "./verdict.js";
import {statusWords, orderWords} from "./orders.js";
import {columnLabels} from "./table-labels.js";
import {tifLabel, words} from "./words.js";

// A cancel or a change is a request about an order, not an order placed.
const REQUESTS = {cancel: "cancel", cancelreplace: "change"};

function stateLabel(row) {
  const state = String(row.state).replace(/_/g, " ");       // "not found", not the journal's "not_found"
  if (!REQUESTS[row.kind]) { return state; }
  return REQUESTS[row.kind] + " " + (row.state === "placed" ? "sent" : state);
}

export function createJournal(page, {orders}) {
  const $ = window.jQuery, reconcile = page.reconcile;
  let rows = [], asked = 0;
  const pageEvents = {};                  // confirm id → what the page itself saw
  let storyTimer = null, lookedUpAt = 0;

  function now() { return Date.now() / 1000; }

  // The journal's own rows first, at once; then, when settling may change one (bridge/ticket.py), again after
  // the bridge has asked TradeStation, which takes as long as TradeStation does. Waiting for that alone, a
  // page reloaded mid-order said "No orders today" while its order was on the way. Only the newest asking
  // is shown, so a slow settled answer never replaces a newer one. The panel is aria-busy until the newest
  // asking is done, so a screen reader (and a test) reads the rows that answer the click, not the ones before.
  function refresh() {
    const mine = asked += 1;
    $("#journal-panel").attr("aria-busy", "true");
    function shown(list) {
      if (mine !== asked) { return; }
      rows = Array.isArray(list) ? list : [];
      $("#journal-failed").prop("hidden", true);
      show();
    }
    // Left silent, a failed refresh looked like an answer: a trader checking whether an order was placed
    // would read the old rows as today's.
    function failed(xhr) {
      if (mine !== asked) { return; }
      $("#journal-failed").text("The journal could not be refreshed (" + (xhr.status ? "HTTP " + xhr.status : "no answer") +
                                "): what it shows may be out of date.").prop("hidden", false);
    }
    function done() {
      if (mine === asked) { $("#journal-panel").attr("aria-busy", "false"); }
    }
    $.ajax({url: page.urls.journal, data: {settle: "no"}, dataType: "json", cache: false}).done((list) => {
      shown(list);
      if (mine === asked && rows.some((row) => reconcile.open.includes(row.state))) {
        $.ajax({url: page.urls.journal, dataType: "json", cache: false}).done(shown).fail(failed).always(done);
      } else {
        done();
      }
    }).fail(failed).fail(done);
  }

  // A placed order's row follows the order: filled, with its price; cancelled; expired.
  function rowState(row) {
    const entry = row.kind === "send" && row.state === "placed" && row.order_id ? orders.entry(row.order_id) : null;
    return entry ? statusWords(entry) : stateLabel(row);
  }

  // A changed order's row says what it was sent as and what it is now: its fill is at the new terms.
  function rowOrder(row, changed) {
    const entry = row.kind === "send" && changed[row.order_id] ? orders.entry(row.order_id) : null;
    return entry ? row.summary + " → changed to " + orderWords(entry, page.rules) : row.summary;
  }

  // A cancel row has no account of its own (v2's cancel names the order alone): it is its order's.
  function rowAccount(row) {
    const entry = !row.account && row.order_id ? orders.entry(row.order_id) : null;
    return entry ? entry.AccountID : row.account;
  }

  function show() {
    const changed = {};
    for (const row of rows) {
      if (row.kind === "cancelreplace" && row.state === "placed" && row.order_id) { changed[row.order_id] = true; }
    }
    const $body = $("#journal tbody").empty();
    const columns = columnLabels("#journal");
    for (const row of rows) {
      const $row = $("<tr>").addClass("state-" + String(row.state).replace(/\W/g, "")).appendTo($body);
      const at = new Date(typeof row.created_at === "number" ? row.created_at * 1000 : row.created_at);
      const tif = row.time_in_force ? tifLabel(page.rules, row.time_in_force) + (row.expiry ? " until " + row.expiry : "") : "";
      for (const [column, cell] of [isNaN(at) ? row.created_at : at.toLocaleTimeString(), rowState(row), rowOrder(row, changed),
                          tif, rowAccount(row), row.order_id, row.message].entries()) {
        $("<td>").attr("data-label", columns[column])
          .text(cell === null || cell === undefined ? "" : String(cell)).appendTo($row);
      }
    }
    $("#journal").prop("hidden", !rows.length);
    $("#journal-empty").prop("hidden", rows.length > 0);
    tellStories();
  }

  $(document).on("tsbridge:answer", (_, call, answer) => {
    if (!answer || answer.Fate !== FATES.IN_PROGRESS) { return; }
    let sent = null;
    try { sent = JSON.parse(new URL(call.url, window.location.href).searchParams.get("data")); } catch (_) { }
    if (!sent || !sent.OrderConfirmId) { return; }
    (pageEvents[sent.OrderConfirmId] = pageEvents[sent.OrderConfirmId] || [])
      .push("409 while in flight: the first attempt was still being sent, so this one was not sent");
    tellStories();
  });

  function secondsLeft(row) { return Math.ceil(row.updated_at + reconcile.grace - now()); }

  function storyLines(row) {          // in the order it happened
    const lines = (row.token_refreshed ? ["401 → token refreshed → retried"] : []).concat(pageEvents[row.confirm_id] || []);
    const foundLater = row.found_later === true;
    if (row.state === "unknown" || row.state === "not_found" || foundLater) {
      lines.push("may or may not have been placed");
    }
    if (row.state === "unknown") {
      const left = Math.max(0, secondsLeft(row));
      lines.push("looking it up at TradeStation: " + (left ? left + " s" : "any moment") + " left of the " +
                 reconcile.grace + " s grace (TS_RECONCILE_GRACE) before it counts as not placed");
    } else if (foundLater) {
      lines.push("settled: " + words(row.state).replace(/_/g, " ") + " — " + reconcile.found_later);
    } else if (row.state === "not_found") {
      lines.push("settled: not placed — TradeStation did not list it within the grace");
    }
    return lines;
  }

  function tellStories() {
    // A row still pending (its answer not in yet, say on a page reloaded mid-order) is asked again as well:
    // shown as "pending" for good, it would look stuck, and a trader might place the order again.
    const stories = {}, waiting = rows.some((row) => row.state === "unknown" || row.state === "pending");
    for (const row of rows) {
      if (row.kind !== "send" || !row.confirm_id) { continue; }
      const lines = storyLines(row);
      if (lines.length) { stories[row.confirm_id] = {summary: row.summary, lines, waiting: row.state === "unknown"}; }
    }
    $(document).trigger("tsbridge:stories", [stories]);
    clearTimeout(storyTimer);
    if (waiting && !page.state.ended) { storyTimer = setTimeout(countDown, 1000); }
  }

  // Each second while a fate is unknown or an answer pending; at the end of the grace (and every few seconds
  // before, as the order may turn up) the journal is asked again, which is when the bridge settles what it can.
  function countDown() {
    const due = rows.some((row) => row.state === "unknown" && secondsLeft(row) <= 0);
    if ((due && now() - lookedUpAt > 1) || now() - lookedUpAt > 5) {
      lookedUpAt = now();
      refresh();
    }
    tellStories();
  }

  $(document).on("ticket:orders", show);
  $("#journal-refresh").on("click", refresh);

  return {refresh, rows: () => rows};
}
