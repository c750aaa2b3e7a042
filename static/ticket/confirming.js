/* Which action on a working order needs a second, explicit confirmation, in which environment. LIVE reviews
   everything: a change shows its review and waits for "Confirm change", a cancel asks "Cancel order N?".
   SIM asks only when a guard rail stops a change; a cancel goes at once. No DOM here. */

export const ACTIONS = ["change", "cancel"];

// action: "change" or "cancel"; environment: "SIM" or "LIVE" (the page's data-environment); cautions: how
// many guard rails the change trips (guards.cautions), none for a cancel.
export function needsConfirmation({action, environment, cautions = 0}) {
  if (!ACTIONS.includes(action)) { throw new Error("No such action on an order: " + JSON.stringify(action)); }
  if (environment === "LIVE") { return true; }
  return action === "change" && cautions > 0;
}

// A change as its review shows it: each field the trader changed, old → new; the unchanged ones left out.
export function changedFields(entry, change) {
  // A price as the order's row shows it (LimitPriceText: "195.00"), not as a number (195).
  const fields = [["Quantity", "Quantity", entry.Quantity],
                  ["Limit price", "LimitPrice", entry.LimitPriceText ?? entry.LimitPrice],
                  ["Stop price", "StopPrice", entry.StopPriceText ?? entry.StopPrice]];
  return fields.filter(([, name]) => change[name] !== undefined)
    .map(([label, name, old]) => ({label, old: String(old), new: String(change[name])}))
    .filter((field) => Number(field.old) !== Number(field.new));
}
