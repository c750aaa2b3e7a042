/* The trader's own use of the page (a click, a key), told to the bridge (POST /activity): only that keeps an
   idle login alive, never the live stream or a call the page makes by itself. At most once per
   throttle.js's interval, for the idle limit the page is handed (data-session-idle). */
import {activityEvery, createThrottle} from "./throttle.js";

export function createActivity(page) {
  const $ = window.jQuery, throttle = createThrottle({everyMs: activityEvery(page.sessionIdle) * 1000});

  function used() {
    if (page.state.ended || !throttle.take(Date.now())) { return; }
    $.ajax({url: page.urls.activity, method: "POST", headers: {"X-CSRF-Token": page.csrf}});
  }
  // Capturing: a handler that stops the event on its way still leaves it the trader's use.
  document.addEventListener("click", used, true);
  document.addEventListener("keydown", used, true);
}
