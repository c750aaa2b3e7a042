/* The demo controls: only when the upstream is the simulator `python app.py` started
   (templates/demo_controls.html; the bridge refuses the controls otherwise, bridge/demo.py). Each control
   asks the bridge, which calls the simulator's admin API itself; the list below the controls tells each
   order's story (journal.js). Hears of the ticket's order through "ticket:sending" and "ticket:answered". */
import {classify} from "./verdict.js";
import {SENTENCES} from "./words.js";

export function createDemo(page, {results, calls, journal}) {
  const $ = window.jQuery;
  if (!$("#demo").length) { return; }
  const settings = JSON.parse($("#demo").attr("data-demo"));
  let inFlight = null;                  // the order being sent to the bridge now

  function said(text, failed) { $("#demo-said").text(text).toggleClass("error", Boolean(failed)); }

  function armed(state) {
    const parts = [state.latency_ms ? state.latency_ms + " ms latency on every call" : "no added latency"];
    const next = state.next_orders || {};
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
                   data: JSON.stringify(body || {}), dataType: "json", headers: {"X-CSRF-Token": page.csrf}})
      .done((answer) => { said(answer.message, false); armed(answer.state); })
      .fail((xhr) => {
        said((xhr.responseJSON && xhr.responseJSON.error) || "The demo control failed: no answer from the bridge.", true);
      })
      .always(() => {
        $("#demo button").prop("disabled", false);
        $("#demo-repeat").prop("disabled", !inFlight);
      });
  }

  // A whole number as typed is sent as a number; anything else as typed, for the bridge to refuse in words.
  function whole(id) { const text = $.trim($(id).val()); return /^\d{1,6}$/.test(text) ? Number(text) : text; }

  $("#demo-set-latency").on("click", () => control("latency", {milliseconds: whole("#demo-latency")}));
  $("#demo-arm").on("click", () => control("next_orders", {fault: $("#demo-fault").val(), count: whole("#demo-count")}));
  $("#demo-expire").on("click", () => control("expire_tokens"));
  // Cleared, the latency box says so too: left at 500, the next Set latency would bring it back unasked.
  $("#demo-clear").on("click", () => control("clear").done((answer) => $("#demo-latency").val(String(answer.state.latency_ms))));
  // The page's live stream brings the new quote, and the fills it makes: nothing is asked here.
  $("#demo-move").on("click", () => {
    control("price", {symbol: $.trim($("#demo-symbol").val()) || page.val("symbol"), last: $.trim($("#demo-last").val())});
  });

  // The same request again while the first is still on its way: the bridge must not send it twice (409).
  $("#demo-repeat").on("click", () => {
    if (!inFlight) { return; }
    const again = inFlight, meta = again.meta + " · sent again while in flight";
    calls.ask(again.url, again.order, again.dialectName, "Send order again, while in flight").then(
      (answer) => results.showVerdict(classify(answer, page.rules.messages), meta),
      () => results.show("unknown", "No answer", SENTENCES.UNKNOWN, meta));
  });

  $(document).on("ticket:sending", (_, sending) => {
    inFlight = sending.via === "bridge_jsonp" ? sending : null;
    $("#demo-repeat").prop("disabled", !inFlight);
  });
  $(document).on("ticket:answered", () => {
    inFlight = null;
    $("#demo-repeat").prop("disabled", true);
    $.ajax({url: settings.urls.state, dataType: "json", cache: false}).done(armed);
  });

  $(document).on("tsbridge:stories", (_, stories) => {
    const $list = $("#demo-events").empty();
    for (const row of journal.rows()) {        // newest first, as the journal
      const story = row.kind === "send" ? stories[row.confirm_id] : null;
      if (!story) { continue; }
      const $item = $("<li>").attr("data-confirm", row.confirm_id).appendTo($list);
      $("<span class='demo-order'>").text(story.summary + " · ticket " + row.confirm_id).appendTo($item);
      for (const line of story.lines) { $("<span class='demo-line'>").text(line).appendTo($item); }
    }
  });
  $.ajax({url: settings.urls.state, dataType: "json", cache: false}).done(armed);
}
