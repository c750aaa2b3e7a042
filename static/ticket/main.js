/* The ticket page: builds an order in either v2 dialect, checks it with the server's rules and words
   (data-rules, from tradestation/), sends it by JSONP to the bridge or to TradeStation, and shows what the
   answer means. Server data comes in data attributes; text from outside reaches the page only through
   .text(). jQuery is a classic script loaded before this module. */
import {createActivity} from "./activity.js";
import {createCalls} from "./calls.js";
import {createCurlToken} from "./curl-token.js";
import {createDemo} from "./demo.js";
import {createForm} from "./form.js";
import {createJournal} from "./journal.js";
import {createLive} from "./live.js";
import {createMarket} from "./market.js";
import {createOrders} from "./orders.js";
import {createRaw} from "./raw.js";
import {newConfirmId} from "./request.js";
import {createResults} from "./results.js";
import {createSending} from "./sending.js";
import {createTicketState} from "./state.js";
import {SENTENCES} from "./words.js";

const $ = window.jQuery;

function start($form) {
  const data = (name) => JSON.parse($form.attr("data-" + name));
  const environment = $form.attr("data-environment"), live = environment === "LIVE";
  const page = {
    $form, live, environment, urls: data("urls"), rules: data("rules"), guards: data("guards"), reconcile: data("reconcile"),
    csrf: $form.attr("data-csrf"), requestLineLimit: Number($form.attr("data-request-line-limit")),
    sessionIdle: Number($form.attr("data-session-idle")),
    state: createTicketState({newId: () => newConfirmId()}),
    val: (id) => $.trim($("#" + id).val() || ""),
    dialect: () => $("input[name=dialect]:checked").val(),
    target: () => $("input[name=target]:checked").val(),
    status: (text) => $("#status").text(text || ""),
    oneClick: () => !live && $("#one-click").is(":checked"),      // LIVE never places without a review
    placeLabel: () => $("#place").attr(page.oneClick() ? "data-place" : "data-review")
  };
  const results = createResults(page), calls = createCalls(page), market = createMarket(page);
  const orders = createOrders(page, {results, calls, market});
  const journal = createJournal(page, {orders});
  const form = createForm(page);
  const sending = createSending(page, {form, results, calls, market});
  createRaw(page, {form, sending});
  createDemo(page, {results, calls, journal});
  createCurlToken(page);

  const stream = createLive(page, {market, orders, results});
  createActivity(page);

  // After the trader's own order, cancel or change, the journal's rows at once. The bridge's feed asks
  // TradeStation at once after an order it relayed, and the stream brings the lists; without the stream
  // they are asked here, once. A review places nothing: nothing to ask.
  function settled(_, answered) {
    if (answered && (answered.kind === "review" || answered.kind === "check")) { return; }
    journal.refresh();
    if (!stream.isLive()) { orders.refresh(); market.refreshAccount(); }
  }
  $(document).on("ticket:settled", settled);
  $(document).on("tsbridge:replayed", () => { journal.refresh(); orders.refresh(); });   // from the inspector
  // A fill moves cash and positions: the stream tells of them; without it, they are asked once.
  $(document).on("ticket:orders", (_, change) => { if (change && change.moved && !stream.isLive()) { market.refreshAccount(); } });

  page.state.arm();
  $("#place").text(page.placeLabel());
  calls.getToken().fail(() => page.status(SENTENCES.SESSION));
  journal.refresh();
  stream.start();
  $("#symbol").trigger("focus");
}

// A module runs once the document is parsed: the form is there, or this is not the ticket page.
if ($("#ticket").length) { start($("#ticket")); }
