/* What each column of a table is called, for its cells' data-label: at a phone's width the rows stack without
   the table's head (ticket.css), and each cell shows its column's name before it instead. */
export function columnLabels(table) {
  return window.jQuery(table).find("thead th").map((_, heading) => window.jQuery(heading).text()).get();
}
