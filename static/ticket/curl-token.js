/* "Token for curl": the page's access token, shown when asked, with its expiry, as the line the README's curl
   steps start from (README, "An order with curl"). Asked for afresh from the bridge (/auth/token, the session
   cookie), kept nowhere but on screen, and taken off the page by Hide. The bridge never logs it. */
export function tokenLine(answer) { return "TOKEN=" + answer.access_token; }

// answer.expires_at: seconds since the epoch; now: a Date.
export function expiryWords(answer, now) {
  const at = new Date(answer.expires_at * 1000), minutes = Math.max(0, Math.round((at - now) / 60000));
  return "Expires at " + at.toLocaleTimeString("en-GB") + " (in " + minutes + " min); ask again for a fresh one.";
}

export function createCurlToken(page) {
  const $ = window.jQuery;
  if (!$("#curl-token").length) { return; }
  function hide() {
    $("#curl-token-line, #curl-token-expiry").text("");
    $("#curl-token-shown").prop("hidden", true);
  }
  $("#curl-token").on("click", () => {
    $.ajax({url: page.urls.token, dataType: "json", cache: false}).done((answer) => {
      $("#curl-token-line").text(tokenLine(answer));
      $("#curl-token-expiry").text(expiryWords(answer, new Date()));
      $("#curl-token-shown").prop("hidden", false);
    }).fail(() => page.status("The bridge gave no token: log in again."));
  });
  $("#curl-token-hide").on("click", hide);
  page.state.onChange((name) => { if (name === "end") { hide(); } });
}
