// The live stream's rules: what the market panel says, when the trader's use is told, when the stream moves.
import assert from "node:assert/strict";
import {test} from "node:test";

import {STATES, endedWords, liveStatus} from "../../static/ticket/live-status.js";
import {MOVES, streamMove, streamUrl} from "../../static/ticket/stream-plan.js";
import {activityEvery, createThrottle} from "../../static/ticket/throttle.js";

const QUOTA = {state: "paused", seconds: 42, reason: "TradeStation's request quota"};

test("the market panel says live only of an open stream, and counts a pause down", () => {
  const table = [
    // open, hidden, status, ms since it came, state, words, seconds left
    [true, false, null, 0, STATES.LIVE, "live", null],
    [true, false, {state: "live", seconds: null, reason: null}, 0, STATES.LIVE, "live", null],
    [false, false, {state: "live", seconds: null, reason: null}, 0, STATES.RECONNECTING, "reconnecting…", null],
    [false, false, null, 0, STATES.RECONNECTING, "reconnecting…", null],
    [true, false, {state: "reconnecting", seconds: null, reason: null}, 0, STATES.RECONNECTING, "reconnecting…", null],
    [true, false, QUOTA, 0, STATES.PAUSED, "live data paused for 42 s: TradeStation's request quota", 42],
    [true, false, QUOTA, 500, STATES.PAUSED, "live data paused for 42 s: TradeStation's request quota", 42],
    [true, false, QUOTA, 1000, STATES.PAUSED, "live data paused for 41 s: TradeStation's request quota", 41],
    [true, false, QUOTA, 41_001, STATES.PAUSED, "live data paused for 1 s: TradeStation's request quota", 1],
    [true, false, QUOTA, 42_000, STATES.PAUSED, "live data paused: TradeStation's request quota; resuming…", 0],
    [true, false, QUOTA, 90_000, STATES.PAUSED, "live data paused: TradeStation's request quota; resuming…", 0],
    [true, false, {state: "paused", seconds: 5, reason: null}, 0, STATES.PAUSED,
     "live data paused for 5 s: TradeStation's request quota", 5],
    [true, false, {state: "paused", seconds: null, reason: "the market is closed"}, 0, STATES.PAUSED,
     "live data paused: the market is closed", null],
    [false, false, QUOTA, 0, STATES.RECONNECTING, "reconnecting…", null],
    [false, true, QUOTA, 0, STATES.HIDDEN, "paused while the page is hidden", null],
  ];
  for (const [open, hidden, status, since, state, text, secondsLeft] of table) {
    assert.deepEqual(liveStatus({open, hidden, status, receivedAt: 1_000_000, now: 1_000_000 + since}),
                     {state, text, secondsLeft}, JSON.stringify({open, hidden, status, since}));
  }
});

test("a reason with $ signs in it is written as it came", () => {
  assert.equal(liveStatus({open: true, status: {state: "paused", seconds: 3, reason: "$& $1"}}).text,
               "live data paused for 3 s: $& $1");
});

test("the ended event's words are the bridge's, or a plain end when it gave none", () => {
  const table = [
    ["Your login ended after 20 seconds without activity. Log in again to go on.",
     "Your login ended after 20 seconds without activity. Log in again to go on."],
    ["You were logged out.", "You were logged out."],
    [null, "Your login has ended — log in again."],
    ["", "Your login has ended — log in again."],
    ["  ", "Your login has ended — log in again."],
    [42, "Your login has ended — log in again."],
  ];
  for (const [reason, text] of table) { assert.equal(endedWords(reason), text, String(reason)); }
});

test("the trader's use is told at most every fifth of the idle limit, and at most a minute apart", () => {
  const table = [
    // idle limit (seconds, as handed over), seconds between two tellings
    [20, 4], [1800, 60], [300, 60], [100, 20], [2, 1], [0, 60], [-5, 60], ["", 60], [undefined, 60], ["x", 60],
    ["20", 4],
  ];
  for (const [idle, every] of table) { assert.equal(activityEvery(idle), every, String(idle)); }
});

test("the throttle lets one use through per interval, the first at once", () => {
  const throttle = createThrottle({everyMs: 4000});
  const table = [[0, true], [10, false], [3999, false], [4000, true], [4001, false], [9000, true], [9001, false]];
  for (const [now, told] of table) { assert.equal(throttle.take(now), told, String(now)); }
});

test("the stream opens, closes and reopens with the page's visibility, the login and the symbol", () => {
  const table = [
    // hidden, open, ended, symbol changed, move
    [false, false, false, false, MOVES.OPEN],
    [false, false, false, true, MOVES.OPEN],
    [false, true, false, false, MOVES.KEEP],
    [false, true, false, true, MOVES.REOPEN],
    [true, true, false, false, MOVES.CLOSE],
    [true, true, false, true, MOVES.CLOSE],
    [true, false, false, true, MOVES.KEEP],
    [false, true, true, false, MOVES.CLOSE],
    [false, false, true, true, MOVES.KEEP],
  ];
  for (const [hidden, open, ended, symbolChanged, move] of table) {
    assert.equal(streamMove({hidden, open, ended, symbolChanged}), move, JSON.stringify({hidden, open, ended, symbolChanged}));
  }
});

test("the stream's URL carries the symbol, escaped, or none", () => {
  assert.equal(streamUrl("/live", "MSFT"), "/live?symbol=MSFT");
  assert.equal(streamUrl("/live", ""), "/live");
  assert.equal(streamUrl("/live", "BRK.B"), "/live?symbol=BRK.B");
  assert.equal(streamUrl("/live", "A&B=C"), "/live?symbol=A%26B%3DC");
  assert.equal(streamUrl("/live?x=1", "ES"), "/live?x=1&symbol=ES");
});

test("a page whose login ended says its live data stopped, not that it reconnects", () => {
  for (const [open, hidden] of [[false, false], [false, true], [true, false]]) {
    assert.deepEqual(liveStatus({open, hidden, ended: true, status: QUOTA, receivedAt: 0, now: 0}),
                     {state: STATES.ENDED, text: "stopped: logged out", secondsLeft: null});
  }
});
