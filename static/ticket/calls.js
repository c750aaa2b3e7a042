/* The JSONP calls, as TradeStation defines them, and the access token they carry. A refused token is
   refreshed once and the same call repeated: the same OrderConfirmId, so a repeat cannot place twice.
   The inspector (static/inspector/) hears of each call through "tsbridge:call", "tsbridge:answer" and
   "tsbridge:no-answer" on the document: the call, as a plain object, with the URL exactly as requested. */
import {classify} from "./verdict.js";
import {callQuery, requestLineLength} from "./request.js";
import {sentence} from "./words.js";

export function createCalls(page) {
  const $ = window.jQuery;
  let token = null, tokenTimer = null;   // the access token lives in this closure only
  let calls = 0;
  // A call to this bridge is listened to for as long as the bridge may take to answer (bridge/ticket.py):
  // giving up first would lose its answer, often "may or may not have been placed", and show "no answer".
  const bridgeWaitMs = page.reconcile.bridge_wait * 1000;

  function now() { return Date.now() / 1000; }

  page.state.onChange((name) => {
    if (name === "end") { token = null; clearTimeout(tokenTimer); }
  });

  // The token comes from the bridge (same origin, session cookie), again before it expires.
  function keep(fresh) {
    token = fresh;
    clearTimeout(tokenTimer);
    tokenTimer = setTimeout(freshToken, Math.max(30, fresh.expires_at - now() - 60) * 1000);
    return fresh;
  }

  function getToken() { return $.ajax({url: page.urls.token, dataType: "json", cache: false}).then(keep); }

  function refreshToken() {
    return $.ajax({url: page.urls.token_refresh, method: "POST", dataType: "json",
                   headers: {"X-CSRF-Token": page.csrf}}).then(keep);
  }

  function freshToken() {       // the bridge refreshes the token before it runs out; ask it again near the end
    if (token && token.expires_at - now() > 60) { return $.Deferred().resolve(token).promise(); }
    return getToken();
  }

  /* url: the call's URL at the chosen target; data: the order (or change) it carries, if any, or the raw
     text a tester typed (sent exactly as typed); label: what the call is, for the inspector; confirmId: a
     cancel's or change's OrderConfirmId, the same on the retry.
     Resolves with the answer; rejects with "session", "not sent" (and why) or "no answer". */
  function ask(url, data, dialectName, label, {confirmId = null} = {}) {
    const answered = $.Deferred(), asked = performance.now();
    function attempt(retried, tokenMs) {
      const query = callQuery({apiVersion: page.rules.dialects[dialectName].api_version, token: token.access_token,
                               data, confirmId});
      calls += 1;
      // The callback's name is the call's id: the bridge keeps its record of the exchange under it.
      const call = {label: label + (retried ? " (again, with a refreshed token)" : ""), token: token.access_token,
                    callback: "tsbridgeCall" + calls + "_" + Date.now(), tokenMs};
      // crossDomain: a <script> tag even for the bridge, since the CSP forbids evaluating fetched text.
      const toBridge = new URL(url, window.location.href).origin === window.location.origin;
      const options = {
        url, dataType: "jsonp", jsonp: "callback", jsonpCallback: call.callback, crossDomain: true,
        timeout: toBridge ? Math.max(15000, bridgeWaitMs) : 15000, data: query,
        beforeSend(_, settings) {
          call.url = settings.url;
          call.started = performance.now();
          // The bridge's server refuses a longer request line before the bridge sees it, in a way a <script>
          // cannot read: sent, it could only end as "no answer" about an order surely not placed.
          const length = requestLineLength(settings.url, window.location.href);
          if (toBridge && length > page.requestLineLimit) {
            call.notSent = sentence("TOO_LONG", length.toLocaleString("en-US") + " characters long, more than the " +
                                    page.requestLineLimit.toLocaleString("en-US") + " this bridge's server reads");
          }
          $(document).trigger("tsbridge:call", [call]);
          return !call.notSent;
        }
      };
      let request;
      try {
        request = $.ajax(options);
      } catch (error) {   // $.param throws on a lone UTF-16 surrogate: nothing went out, and the page must not hang
        answered.reject("not sent", sentence("NOT_IN_A_URL", String(error.message || error)));
        return;
      }
      request
        .done((answer) => {
          call.ended = performance.now();
          if (classify(answer, page.rules.messages).outcome === "expired" && !retried) {   // it may just have run out
            $(document).trigger("tsbridge:answer", [call, answer]);
            page.status("Refreshing the TradeStation session…");
            const refreshing = performance.now();
            refreshToken().then(() => attempt(true, performance.now() - refreshing), () => answered.reject("session"));
            return;
          }
          // The trader's result first, the inspector's drawing after it (both run on later ticks, in order).
          answered.resolve(answer);
          $(document).trigger("tsbridge:answer", [call, answer]);
        })
        .fail((_, why) => {
          call.ended = performance.now();
          if (call.notSent) { answered.reject("not sent", call.notSent); } else { answered.reject("no answer"); }
          $(document).trigger("tsbridge:no-answer", [call, call.notSent || why]);
        });
    }
    freshToken().then(() => attempt(false, performance.now() - asked), () => answered.reject("session"));
    return answered.promise();
  }

  return {ask, getToken};
}
