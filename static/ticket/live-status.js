/* What the market panel says of the live stream: "live", "reconnecting…", or a pause counting down to its
   end. The bridge's last status event counts only while the stream is open: a closed stream is not live,
   whatever it last said. No DOM. */
import {LIVE_WORDS} from "./words.js";

export const STATES = Object.freeze({LIVE: "live", RECONNECTING: "reconnecting", PAUSED: "paused", HIDDEN: "hidden", ENDED: "ended"});

function fillIn(text, {seconds = "", reason}) {
  return text.replace("{seconds}", () => String(seconds)).replace("{reason}", () => reason);
}

/* ended: the login is over (the stream is closed for good, never reconnecting); open: the page's stream is open; hidden: the page is hidden (its stream closed on purpose);
   status: the bridge's last {state, seconds, reason}, or null; receivedAt, now: in milliseconds.
   → {state, text, secondsLeft}: secondsLeft is a whole number while a pause with an end is shown, else null. */
export function liveStatus({open, hidden = false, ended = false, status = null, receivedAt = 0, now = 0}) {
  if (ended) { return {state: STATES.ENDED, text: LIVE_WORDS.ended, secondsLeft: null}; }
  if (hidden) { return {state: STATES.HIDDEN, text: LIVE_WORDS.hidden, secondsLeft: null}; }
  if (!open || (status && status.state === STATES.RECONNECTING)) {
    return {state: STATES.RECONNECTING, text: LIVE_WORDS.reconnecting, secondsLeft: null};
  }
  if (!status || status.state !== STATES.PAUSED) { return {state: STATES.LIVE, text: LIVE_WORDS.live, secondsLeft: null}; }
  const reason = status.reason || LIVE_WORDS.QUOTA;
  if (typeof status.seconds !== "number") {
    return {state: STATES.PAUSED, text: fillIn(LIVE_WORDS.pausedOpen, {reason}), secondsLeft: null};
  }
  const left = Math.max(0, Math.ceil(status.seconds - (now - receivedAt) / 1000));
  return {state: STATES.PAUSED, text: fillIn(left ? LIVE_WORDS.paused : LIVE_WORDS.resuming, {seconds: left, reason}),
          secondsLeft: left};
}

// The words of the stream's "ended" event: the bridge's own sentence on why the login is over.
export function endedWords(reason) {
  return typeof reason === "string" && reason.trim() ? reason : LIVE_WORDS.ENDED;
}
