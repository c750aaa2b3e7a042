/* The Results list: each answer as the trader reads it, newest first, and the session's end. */
import {SENTENCES} from "./words.js";

const LOOKS = {refused: "error", expired: "error", unknown: "unknown"};   // a verdict's class in the list

export function createResults(page) {
  const $ = window.jQuery;

  function show(kind, label, text, meta) {
    const $item = $("<li tabindex='-1'>").addClass("result " + kind);
    $("<span class='status'>").text(label).appendTo($item);
    $("<span class='message'>").text(text).appendTo($item);
    $("<span class='meta'>").text(meta).appendTo($item);
    $("#results").prepend($item);
    return $item;
  }

  // The session is gone: the state ends (nothing more is sent, calls.js drops the token, live.js closes the stream),
  // and the card and the header offer the way back.
  function sessionEnded($item) {
    if (!page.state.ended) {
      page.state.end();     // the ticket's buttons follow the state (sending.js)
      $(".top .user").text("Not logged in");
      $(".top .logout").prop("hidden", true);
      $("<a class='button login-again'>").attr("href", page.urls.login).text("Log in again").appendTo(".top");
    }
    $("<a class='button'>").attr("href", page.urls.login).text("Log in again").appendTo($item);
    return $item;
  }

  // One card, however many calls found the session gone. label, text: the stream's word on why, when it
  // told of the end (live.js) rather than a call meeting the bridge's 401.
  function sessionCard(meta, {label = "401", text = SENTENCES.SESSION} = {}) {
    return page.state.ended ? $("#results .session-ended").first()
                            : sessionEnded(show("error session-ended", label, text, meta));
  }

  function showVerdict(verdict, meta) {
    if (verdict.outcome !== "results") {
      const $item = show(LOOKS[verdict.outcome], verdict.code ? String(verdict.code) : "?", verdict.text, meta);
      if (verdict.outcome === "expired") { sessionEnded($item); }
      return;
    }
    for (const result of verdict.results) {
      show(result.ok ? "ok" : "failed", result.status, result.text,
           (result.orderId ? "Order " + result.orderId + " · " : "") + meta);
    }
  }

  // A call that ended without an answer: the session gone, nothing sent (with why), or no answer at all.
  function showFailure(why, words, meta, noAnswer) {
    if (why === "session") { return sessionCard(meta); }
    if (why === "not sent") { return show("error", "Not sent", words, meta); }
    return noAnswer(meta);
  }

  // A logout in another tab, or the login's lifetime over, is told by the live stream (live.js), or seen by
  // the page's next call: the bridge's own 401 has its {"error"} shape, unlike TradeStation's relayed ones.
  $(document).ajaxError((_, xhr) => {
    if (xhr.status === 401 && xhr.responseJSON && "error" in xhr.responseJSON) { sessionCard(""); }
  });

  return {show, showVerdict, showFailure, sessionCard};
}
