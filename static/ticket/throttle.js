/* The trader's use of the page, told to the bridge at most once per interval: enough to keep a login in
   use alive, few enough to cost nothing. No DOM. */

const LONGEST = 60;     // seconds: the bridge writes use down at most once a minute anyway (bridge/grants.py)

/* How often (seconds) the page may tell the bridge of the trader's use, for a login that ends after
   idleSeconds without it: a fifth of that, so a trader at work is never seen idle, and at most a minute.
   Without a usable idle limit, the minute. */
export function activityEvery(idleSeconds) {
  const idle = Number(idleSeconds);
  if (!Number.isFinite(idle) || idle <= 0) { return LONGEST; }
  return Math.min(LONGEST, Math.max(1, idle / 5));
}

// take(nowMs): whether to tell of this use (and it is then counted as told); at most one per everyMs.
export function createThrottle({everyMs}) {
  let last = null;
  return {
    take(nowMs) {
      if (last !== null && nowMs - last < everyMs) { return false; }
      last = nowMs;
      return true;
    }
  };
}
