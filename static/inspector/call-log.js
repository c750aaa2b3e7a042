/* The session's calls: the inspector's one piece of state, made by the entry module and handed to the
   others. Entries are numbered from 1 in the order the ticket told of them; a call's answer finds its
   entry by the callback's name, which is the call's id (a replay takes the same name, and its own entry). */
import {newEntry} from "./entry.js";

export class CallLog {
  constructor(page) {
    this.page = page;
    this.entries = [];          // oldest first; the panel shows them newest first
    this.byCallback = new Map();
    this.stories = {};          // the ticket's latest "tsbridge:stories"
  }

  // The ticket's call, with `extra` for a replay's own fields.
  record(call, {at, extra = {}} = {}) {
    const entry = newEntry(call, {n: this.entries.length + 1, page: this.page, at, extra});
    this.entries.push(entry);
    return entry;
  }

  // A call of the ticket's own: its answer, told later, comes back by the callback's name.
  told(call, {at}) {
    const entry = this.record(call, {at});
    this.byCallback.set(call.callback, entry);
    return entry;
  }

  forCallback(callback) { return this.byCallback.get(callback) || null; }

  numbered(n) { return this.entries[Number(n) - 1] || null; }
}
