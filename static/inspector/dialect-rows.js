/* The ticket's order in both dialects, side by side, as rows. The field names come from the server
   (tradestation/orders.py's field pairs, classic name first); the values from the ticket's own build in
   each dialect (static/ticket/, with the vocabularies of tradestation/dialects.py), told as
   "tsbridge:ticket": {dialect, classic: {order, lacking}, "2015": {order, lacking}}. */

export const DIALECTS = ["classic", "2015"];

export function headings(apiVersions) {
  return {classic: "Classic (APIVersion " + apiVersions.classic + ")", "2015": "2015 (APIVersion " + apiVersions["2015"] + ")"};
}

function cell(order, name) {
  return Object.hasOwn(order, name) ? {name, value: order[name], present: true} : {name, present: false};
}

// One row per field either dialect's order has; a name or a value written differently is marked.
export function dialectRows(ticket, fieldPairs) {
  const classic = ticket.classic.order, global = ticket["2015"].order;
  const pairs = fieldPairs.filter(([old, now]) => Object.hasOwn(classic, old) || Object.hasOwn(global, now));
  return pairs.map(([old, now], index) => ({
    fields: old + " " + now,
    cells: [cell(classic, old), cell(global, now)],
    marks: {name: old !== now, value: JSON.stringify(classic[old]) !== JSON.stringify(global[now])},
    last: index === pairs.length - 1
  }));
}

// A choice with no equivalent in a dialect, in the words the panel shows under the table ("" when none).
export function lackingWords(ticket) {
  return DIALECTS.filter((name) => ticket[name].lacking.length)
    .map((name) => ticket[name].lacking.join(", ") + " has no equivalent in the " + name + " dialect: a switch clears it.")
    .join(" ");
}
