/* The ticket's order in both dialects, side by side, drawn from dialect-rows.js's rows. */
import {DIALECTS, dialectRows, headings, lackingWords} from "./dialect-rows.js";

const $ = window.jQuery;

function dialectCell({name, value, present}, marks, last) {
  const $cell = $("<td>");
  if (!present) { return $cell.text("—"); }
  $(marks.name ? "<mark>" : "<span>").addClass("field").text(JSON.stringify(name)).appendTo($cell);
  $cell.append(document.createTextNode(": "));
  $(marks.value ? "<mark>" : "<span>").addClass("value").text(JSON.stringify(value)).appendTo($cell);
  return $cell.append(document.createTextNode(last ? "" : ","));
}

function braces(text) { return $("<tr class='brace'>").append($("<td>").text(text), $("<td>").text(text)); }

export function showDialects(ticket, settings) {
  const titles = headings(settings.api_versions), $body = $("#dialects-table tbody").empty();
  DIALECTS.forEach((name) => $("#dialect-" + name).text(titles[name]));
  $body.append(braces("{"));
  dialectRows(ticket, settings.field_pairs).forEach((row) => {
    $("<tr>").attr("data-fields", row.fields)
      .append(row.cells.map((cell) => dialectCell(cell, row.marks, row.last)))
      .appendTo($body);
  });
  $body.append(braces("}"));
  const lacking = lackingWords(ticket);
  $("#dialects-lacking").prop("hidden", !lacking).text(lacking);
}
