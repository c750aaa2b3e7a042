/* What a replay shows against the call it repeated: the same answer or not, and why nothing new was placed
   when the bridge answered from the same journal row (an OrderConfirmId spent once). */

function sameAnswer(first, again) { return JSON.stringify(first) === JSON.stringify(again); }

export function comparison(original, again) {
  const row = again.record && again.record.journal, before = original.record && original.record.journal;
  let words = (sameAnswer(original.answer, again.answer) ? "The same answer as #" : "A different answer from #") +
              original.n + ".";
  if (row && before && row.id === before.id) {
    words += " The bridge answered from its journal row #" + row.id +
             (row.confirm_id ? " (OrderConfirmId " + row.confirm_id + ")" : "") +
             ": nothing new was sent to TradeStation.";
  } else if (!again.bridge) {
    words += " TradeStation itself answers a repeated OrderConfirmId with the results it gave first.";
  }
  return words;
}
