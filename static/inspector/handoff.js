/* Handing text over to the trader: to the clipboard (and shown under the call, to select by hand when the
   clipboard refuses), or as a downloaded file. */
const $ = window.jQuery;

export function copy(text, $button) {
  function done(ok) {
    $button.text(ok ? "Copied" : "Copy failed: select it below");
    setTimeout(() => $button.text($button.attr("data-label")), 1500);
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
  } else {
    done(false);
  }
  $button.closest(".call").find(".snippet").prop("hidden", false).text(text);
}

export function download(text, {type, name}) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], {type}));
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
