/* Raw mode, for testing by hand: the order as JSON text, edited freely and sent exactly as typed, valid or
   not, to the chosen target in the chosen dialect. The same guards as the ticket (state.js): one call at a
   time, an answered text is not sent again until it is edited, and it is reviewed first unless one-click
   (never LIVE). A text copied from the ticket spends the ticket's OrderConfirmId once answered. */
export function createRaw(page, {form, sending}) {
  const $ = window.jQuery, state = page.state;

  $("#raw-fill").on("click", () => {
    $("#raw-order").val(JSON.stringify(form.order(), null, 2)).trigger("input").trigger("focus");
  });
  $("#raw-order").on("input", () => state.rawEdit());
  $("#raw-send").on("click", () => {
    if (!state.canRawSend()) { return; }
    state.voidReview();
    sending.start(String($("#raw-order").val()), page.dialect(), page.target());
  });
}
