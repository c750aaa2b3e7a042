/* tsbridge ticket inspector: each JSONP call the ticket makes (static/ticket.js tells of them with events on
   the document), as it was sent and as it was answered, newest first. A panel of the ticket page in a file of
   its own: it shares no state with the ticket, only the events, so each file stays readable.

   A JSONP answer is a <script>: the page runs it but cannot read its status, headers or bytes. For calls to
   this bridge, the bridge kept a record of the exchange under the callback's name (bridge/exchanges.py) and
   the inspector reads it back; for calls to TradeStation directly, it says what a page cannot see.

   Tokens: the full token stays in this closure, in memory; every text shown, copied or exported goes through
   conceal() unless the trader revealed that call's token. Text from outside reaches the page through .text(). */
(function () {
  "use strict";

  $(function () {
    var $panel = $("#inspector");
    if (!$panel.length) { return; }
    var settings = JSON.parse($panel.attr("data-inspector")), urls = settings.urls;
    var entries = [];              // newest last; shown newest first

    // --- masking: the one place a token is shortened -------------------------------------------------
    function masked(token) {
      token = String(token || "");
      return token.length > settings.shown * 2 ? token.slice(0, settings.shown) + "…" : "…";
    }

    function conceal(text, token, revealed) {
      if (revealed || !token) { return String(text); }
      var out = String(text);
      $.each([encodeURIComponent(token), token], function (_, form) { out = out.split(form).join(masked(token)); });
      return out;
    }

    function shown(entry, text) { return conceal(text, entry.token, entry.revealed); }

    // --- what a call was ------------------------------------------------------------------------------
    function absolute(url) { return new URL(url, window.location.href); }
    function sameOrigin(url) { return absolute(url).origin === window.location.origin; }
    function ms(value) { return typeof value === "number" && isFinite(value) ? Math.round(value) + " ms" : "—"; }

    function decoded(text) {     // the data parameter, pretty when it is JSON, else as typed
      if (text === null) { return {pretty: "(none)", json: false}; }
      try { return {pretty: JSON.stringify(JSON.parse(text), null, 2), json: true}; }
      catch (_) { return {pretty: text, json: false}; }
    }

    function newEntry(call, extra) {
      var url = absolute(call.url), query = url.searchParams;
      var entry = $.extend({
        n: entries.length + 1, label: call.label, url: url.href, base: url.origin + url.pathname,
        bridge: sameOrigin(call.url), token: call.token, revealed: false, callback: call.callback,
        apiVersion: query.get("APIVersion"), data: query.get("data"), tokenMs: call.tokenMs,
        started: call.started, at: new Date(), answer: undefined, failed: null, roundTrip: null,
        record: null, recordNote: ""
      }, extra || {});
      entries.push(entry);
      return entry;
    }

    // --- the snippets that reproduce a call ----------------------------------------------------------
    function shellQuoted(text) { return "'" + String(text).replace(/'/g, "'\\''") + "'"; }
    function htmlAttribute(text) { return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

    var SNIPPETS = {
      url: function (entry) { return entry.url; },
      curl: function (entry) { return "curl -sS " + shellQuoted(entry.url); },
      script: function (entry) {
        return "<script>function " + entry.callback + "(answer) { console.log(answer); }</script>\n" +
               "<script src=\"" + htmlAttribute(entry.url) + "\"></script>";
      },
      jquery: function (entry) {
        var data = decoded(entry.data), fields = ["APIVersion: " + JSON.stringify(entry.apiVersion),
                                                  "oauth_token: " + JSON.stringify(entry.token)];
        if (entry.data !== null) {
          // Readable when the page sent compact JSON; a raw text, valid or not, goes as the very string typed.
          // crossDomain: a <script> tag even on the bridge's own origin, where jQuery would otherwise fetch the
          // text and evaluate it (which a strict CSP, the bridge's included, refuses).
          var same = data.json && JSON.stringify(JSON.parse(entry.data)) === entry.data;
          fields.push("data: " + (same ? "JSON.stringify(" + data.pretty.replace(/\n/g, "\n    ") + ")"
                                       : JSON.stringify(entry.data)));
        }
        return "$.ajax({\n  url: " + JSON.stringify(entry.base) + ",\n  dataType: \"jsonp\",\n" +
               "  jsonp: \"callback\",\n  crossDomain: true,\n  data: {\n    " + fields.join(",\n    ") + "\n  }\n})" +
               ".done(function (answer) { console.log(answer); });";
      }
    };
    var SNIPPET_NAMES = {url: "Copy URL", curl: "Copy curl", script: "Copy <script>", jquery: "Copy $.ajax"};

    function copy(text, $button) {
      function done(ok) {
        $button.text(ok ? "Copied" : "Copy failed: select it below");
        setTimeout(function () { $button.text($button.attr("data-label")); }, 1500);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
      $button.closest(".call").find(".snippet").prop("hidden", false).text(text);
    }

    // --- the answer -------------------------------------------------------------------------------------
    function answerFigures(entry) {    // [[name, value]] of what the page knows of the answer
      var record = entry.record;
      if (record) {
        return [["HTTP status", String(record.status)], ["Content-Type", record.headers["Content-Type"]],
                ["jsonp-callback", record.headers["jsonp-callback"]], ["Server-Timing", record.headers["Server-Timing"]]];
      }
      if (entry.bridge) { return [["HTTP status", entry.failed ? "none (" + entry.failed + ")" : "…"]]; }
      return [["HTTP status", entry.failed ? "none (" + entry.failed + ")" : "not readable by a page (cross-origin)"],
              ["Content-Type", "not readable"], ["jsonp-callback", "not readable"]];
    }

    function rawBody(entry) {
      if (entry.record) { return entry.record.body; }
      if (entry.notSent) { return "(not sent)"; }
      if (entry.answer === undefined) { return entry.failed ? "(no answer)" : "(waiting)"; }
      return entry.callback + "(" + JSON.stringify(entry.answer) + ")";
    }

    function bodyNote(entry) {
      if (entry.record) {
        return "As the bridge wrote it. The /**/ before the callback's name is the bridge's own (a guard against " +
               "content sniffing); TradeStation's answers begin with the name itself.";
      }
      if (entry.bridge) { return entry.recordNote; }
      return "A page cannot read the status, headers or bytes of another site's script. Shown: the callback's " +
             "argument written out again as JSON, wrapped as TradeStation wraps it (no /**/ prefix).";
    }

    // The browser's own measure of the script's fetch (Resource Timing): the newest entry for this URL, since a
    // replay requests the same one again.
    function fetched(entry) {
      if (!window.performance || !performance.getEntriesByName || entry.roundTrip === null) { return null; }
      var found = $.grep(performance.getEntriesByName(entry.url), function (timing) { return timing.startTime >= entry.started - 1; });
      return found.length ? found[found.length - 1] : null;
    }

    function timings(entry) {
      var figures = [["Token", entry.tokenMs === null ? "the replayed call's own" :
                                 entry.tokenMs < 1 ? "the page's own, still fresh" : ms(entry.tokenMs) + " to fetch"],
                     ["Round trip", entry.notSent ? "none (not sent)" : ms(entry.roundTrip)]];
      var resource = fetched(entry);
      if (resource) { figures.push(["Script fetch (Resource Timing)", ms(resource.duration)]); }
      var durations = entry.record ? entry.record.durations : null;
      if (durations) {
        figures.push(["Bridge in all", ms(durations.total)], ["… waiting for TradeStation", ms(durations.upstream)],
                     ["… writing the journal", ms(durations.journal)]);
      } else if (!entry.bridge) {
        figures.push(["TradeStation's own time", "not shown to a page on another origin"]);
      }
      return figures;
    }

    function journalWords(entry) {
      if (!entry.bridge) { return "None: the bridge saw nothing of a call sent to TradeStation directly."; }
      var row = entry.record && entry.record.journal;
      if (!row) { return entry.record ? "None: this call does not place or change an order." : "—"; }
      return $.grep(["#" + row.id, row.kind, String(row.state).replace(/_/g, " "), row.summary,
                     row.order_id ? "order " + row.order_id : "", row.confirm_id ? "OrderConfirmId " + row.confirm_id : "",
                     row.message], Boolean).join(" · ");
    }

    // --- drawing --------------------------------------------------------------------------------------
    function figuresList(pairs) {
      var $list = $("<dl class='figures'>");
      $.each(pairs, function (_, pair) {
        $("<dt>").text(pair[0]).appendTo($list);
        $("<dd>").text(pair[1] === undefined || pair[1] === null ? "—" : String(pair[1])).appendTo($list);
      });
      return $list;
    }

    function block(title, $content) {
      return $("<div class='part'>").append($("<h4>").text(title)).append($content);
    }

    function summary(entry) {
      var outcome = entry.record ? "HTTP " + entry.record.status : entry.notSent ? "not sent" :
                    entry.failed ? "no answer" :
                    entry.answer === undefined ? "waiting" : "answered";
      return "#" + entry.n + " " + entry.label + " · " + (entry.bridge ? "this bridge" : "TradeStation directly") +
             " · " + outcome + (entry.roundTrip !== null ? " · " + ms(entry.roundTrip) : "");
    }

    function draw(entry) {
      var $item = entry.$item || (entry.$item = $("<li class='call'>").attr("data-call", entry.n));
      var open = $item.children("details").length ? $item.children("details").prop("open") : true;
      var $details = $("<details>").prop("open", open);
      $("<summary>").text(summary(entry)).appendTo($details);
      var data = decoded(entry.data);

      var $request = $("<div class='request'>");
      $("<code class='url'>").text("GET " + shown(entry, entry.url)).appendTo($request);
      var $actions = $("<div class='call-actions'>").appendTo($request);
      $("<button type='button' class='small reveal'>").text(entry.revealed ? "Mask token" : "Reveal token")
        .attr("aria-pressed", entry.revealed ? "true" : "false").appendTo($actions);
      $.each(SNIPPET_NAMES, function (name, label) {
        $("<button type='button' class='small copy'>").attr({"data-snippet": name, "data-label": label}).text(label)
          .appendTo($actions);
      });
      $("<button type='button' class='small replay'>").text("Replay")
        .prop("disabled", Boolean(entry.replaying || entry.notSent) || (entry.answer === undefined && !entry.failed))
        .appendTo($actions);
      $("<pre class='snippet' hidden>").appendTo($request);
      if (entry.record) { $("<p class='note'>").text("The bridge received: " + shown(entry, entry.record.request)).appendTo($request); }
      $details.append(block("Request", $request));

      var sentFigures = [["Callback", entry.callback], ["APIVersion", entry.apiVersion],
                         ["oauth_token", shown(entry, entry.token)]];
      $details.append(block(entry.notSent ? "Kept back (not sent)" : "Sent", figuresList(sentFigures))
                      .append($("<pre class='data'>").text(data.pretty))
                      .append(entry.data !== null && !data.json ? $("<p class='note'>").text("Not JSON: sent as typed.") : $()));
      $details.append(block("Answer", figuresList(answerFigures(entry)))
                      .append($("<pre class='raw'>").text(rawBody(entry)))
                      .append($("<p class='note'>").text(bodyNote(entry))));
      $details.append(block("Timings", figuresList(timings(entry))));
      $details.append(block("Journal", $("<p class='journal-row'>").text(journalWords(entry))));
      $details.append(storyPart(entry));
      if (entry.comparison) { $details.append($("<p class='comparison'>").text(entry.comparison)); }
      $item.empty().append($details);
      return $item;
    }

    // --- the order's story: what the bridge did on the way (ticket.js tells it as "tsbridge:stories", from the
    // journal and the answers: 401 → token refreshed → retried, a 409 while in flight, an unknown fate settled) --
    var stories = {};

    function storyOf(entry) {
      if (!entry.bridge || !/\/jsonp\/orders\/send$/.test(entry.base)) { return null; }
      var sent = null;
      try { sent = JSON.parse(entry.data); } catch (_) { return null; }
      return sent && sent.OrderConfirmId ? stories[String(sent.OrderConfirmId)] || null : null;
    }

    function storyPart(entry) {
      var story = storyOf(entry);
      if (!story) { return $(); }
      var $lines = $("<ul class='story'>");
      $.each(story.lines, function (_, line) { $("<li>").text(line).appendTo($lines); });
      return block("What the bridge did", $lines).addClass("story-part");
    }

    $(document).on("tsbridge:stories", function (_, told) {
      stories = told || {};
      $.each(entries, function (_, entry) {      // only the story's part changes: the rest keeps its focus
        if (!entry.$item) { return; }
        var $details = entry.$item.children("details"), $old = $details.children(".story-part");
        if ($old.length || storyOf(entry)) {
          $old.remove();
          var $part = storyPart(entry), $comparison = $details.children(".comparison");
          if ($comparison.length) { $part.insertBefore($comparison); } else { $details.append($part); }
        }
      });
    });

    function add(entry) {
      $("#calls").prepend(draw(entry));
      $("#calls > li").slice(1).children("details").prop("open", false);   // the newest stays open
    }

    // --- the record the bridge kept -------------------------------------------------------------------
    function fetchRecord(entry) {
      if (!entry.bridge || !entry.callback) { return $.Deferred().resolve().promise(); }
      return $.ajax({url: urls.exchange.replace("CALLBACK", encodeURIComponent(entry.callback)), dataType: "json",
                     cache: false})
        .done(function (record) { entry.record = record; })
        .fail(function (xhr) {
          entry.recordNote = xhr.status === 404
            ? "The bridge kept no record of this call: it keeps one only for this page's own calls with a valid token."
            : "The bridge's record of this call could not be read (" + (xhr.status || "no answer") + ").";
        })
        .always(function () { draw(entry); });
    }

    function answered(entry, answer) {
      entry.answer = answer;
      entry.roundTrip = (entry.ended || performance.now()) - entry.started;
      draw(entry);
      setTimeout(function () { draw(entry); }, 200);     // the Resource Timing entry comes once the script has loaded
      return fetchRecord(entry);
    }

    function unanswered(entry, why, notSent) {
      if (notSent) {      // the page held it back (static/ticket.js): the bridge cannot have a record of it
        $.extend(entry, {notSent: true, failed: "not sent", recordNote: notSent});
        return draw(entry);
      }
      entry.failed = why || "no answer";
      entry.roundTrip = (entry.ended || performance.now()) - entry.started;
      draw(entry);
      return fetchRecord(entry);
    }

    // Drawn on the next tick: the call goes out, and its result reaches the trader, before the inspector
    // builds its entry (a tick keeps the order the ticket told things in).
    function later(draw) { return function (_, call, detail) { setTimeout(function () { draw(call, detail); }, 0); }; }
    var byCallback = {};
    $(document).on("tsbridge:call", later(function (call) {
      var entry = newEntry(call);
      byCallback[call.callback] = entry;
      add(entry);
    }));
    $(document).on("tsbridge:answer", later(function (call, answer) {
      var entry = byCallback[call.callback];
      if (entry) { entry.ended = call.ended; answered(entry, answer); }
    }));
    $(document).on("tsbridge:no-answer", later(function (call, why) {
      var entry = byCallback[call.callback];
      if (entry) { entry.ended = call.ended; unanswered(entry, why, call.notSent); }
    }));

    function entryOf(element) { return entries[Number($(element).closest(".call").attr("data-call")) - 1]; }

    $("#calls").on("click", ".reveal", function () {
      var entry = entryOf(this);
      entry.revealed = !entry.revealed;
      draw(entry).find(".reveal").trigger("focus");
    });

    $("#calls").on("click", ".copy", function () {
      var entry = entryOf(this);
      copy(shown(entry, SNIPPETS[$(this).attr("data-snippet")](entry)), $(this));
    });

    // --- the ticket's order in both dialects, side by side -------------------------------------------------
    // The field names come from the server (tradestation/orders.py); the values from the ticket's own build
    // in each dialect (static/ticket.js, with the vocabularies of tradestation/dialects.py).
    function dialectCell(name, value, present, marks, last) {
      var $cell = $("<td>");
      if (!present) { return $cell.text("—"); }
      $(marks.name ? "<mark>" : "<span>").addClass("field").text(JSON.stringify(name)).appendTo($cell);
      $cell.append(document.createTextNode(": "));
      $(marks.value ? "<mark>" : "<span>").addClass("value").text(JSON.stringify(value)).appendTo($cell);
      return $cell.append(document.createTextNode(last ? "" : ","));
    }

    function showDialects(ticket) {
      var classic = ticket.classic.order, global = ticket["2015"].order, $body = $("#dialects-table tbody").empty();
      $("#dialect-classic").text("Classic (APIVersion " + settings.api_versions.classic + ")");
      $("#dialect-2015").text("2015 (APIVersion " + settings.api_versions["2015"] + ")");
      var pairs = $.grep(settings.field_pairs, function (pair) { return pair[0] in classic || pair[1] in global; });
      $("<tr class='brace'>").append($("<td>").text("{"), $("<td>").text("{")).appendTo($body);
      $.each(pairs, function (index, pair) {
        var marks = {name: pair[0] !== pair[1], value: JSON.stringify(classic[pair[0]]) !== JSON.stringify(global[pair[1]])};
        var last = index === pairs.length - 1;
        $("<tr>").attr("data-fields", pair.join(" "))
          .append(dialectCell(pair[0], classic[pair[0]], pair[0] in classic, marks, last))
          .append(dialectCell(pair[1], global[pair[1]], pair[1] in global, marks, last))
          .appendTo($body);
      });
      $("<tr class='brace'>").append($("<td>").text("}"), $("<td>").text("}")).appendTo($body);
      var lacking = $.map(["classic", "2015"], function (name) {
        return ticket[name].lacking.length ? ticket[name].lacking.join(", ") + " has no equivalent in the " + name +
                                             " dialect: a switch clears it." : null;
      });
      $("#dialects-lacking").prop("hidden", !lacking.length).text(lacking.join(" "));
    }

    $(document).on("tsbridge:ticket", function (_, ticket) { showDialects(ticket); });
    $(document).trigger("tsbridge:ticket-wanted");

    // --- export: the session's calls for sharing a demo, every token masked whatever was revealed -------
    function masking(text) {
      var out = String(text);
      $.each(entries, function (_, entry) { out = conceal(out, entry.token, false); });
      return out;
    }

    function exported(entry) {
      var data = decoded(entry.data), record = entry.record;
      return {
        n: entry.n, label: entry.label, target: entry.bridge ? "this bridge" : "TradeStation directly",
        at: entry.at.toISOString(), method: "GET", url: entry.url, callback: entry.callback,
        APIVersion: entry.apiVersion, data: data.json ? JSON.parse(entry.data) : entry.data,
        answer: record ? {status: record.status, headers: record.headers, body: record.body}
                       : {status: null, body: rawBody(entry), note: bodyNote(entry)},
        timings: {token_ms: entry.tokenMs, round_trip_ms: entry.roundTrip, bridge_ms: record ? record.durations : null},
        journal: record ? record.journal : null, replay_of: entry.replayOf || null, comparison: entry.comparison || null
      };
    }

    function asJson() {
      return masking(JSON.stringify({exported_at: new Date().toISOString(), page: window.location.origin,
                                     calls: $.map(entries, exported)}, null, 2));
    }

    function fenced(language, text) {    // a fence longer than any run of backticks inside, so the text stays whole
      var longest = Math.max.apply(null, $.map(String(text).match(/`+/g) || [""], function (run) { return run.length; }));
      var fence = new Array(Math.max(3, longest + 1) + 1).join("`");
      return fence + language + "\n" + text + "\n" + fence;
    }

    function asMarkdown() {
      var lines = ["# tsbridge: the JSONP calls of a ticket session", "",
                   "Exported " + new Date().toISOString() + " from " + window.location.origin + ". Tokens are masked.", ""];
      $.each(entries, function (_, entry) {
        lines.push("## " + summary(entry), "", "`GET " + entry.url + "`", "");
        lines.push("- Callback: `" + entry.callback + "`", "- APIVersion: `" + entry.apiVersion + "`", "");
        if (entry.data !== null) { lines.push("Data:", "", fenced(decoded(entry.data).json ? "json" : "", decoded(entry.data).pretty), ""); }
        $.each(answerFigures(entry), function (_, pair) { lines.push("- " + pair[0] + ": " + pair[1]); });
        lines.push("", fenced("js", rawBody(entry)), "", bodyNote(entry), "");
        $.each(timings(entry), function (_, pair) { lines.push("- " + pair[0] + ": " + pair[1]); });
        lines.push("", "Journal: " + journalWords(entry), "");
        if (entry.comparison) { lines.push(entry.comparison, ""); }
      });
      return masking(lines.join("\n"));
    }

    function download(text, type, extension) {
      var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], {type: type}));
      link.download = "tsbridge-calls-" + stamp + "." + extension;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    $("#export-json").on("click", function () { download(asJson(), "application/json", "json"); });
    $("#export-markdown").on("click", function () { download(asMarkdown(), "text/markdown", "md"); });

    // --- replay: the very same URL again, callback name and all ------------------------------------------
    function sameAnswer(first, again) { return JSON.stringify(first) === JSON.stringify(again); }

    function compare(original, entry) {
      var row = entry.record && entry.record.journal, before = original.record && original.record.journal;
      var same = sameAnswer(original.answer, entry.answer);
      var words = (same ? "The same answer as #" : "A different answer from #") + original.n + ".";
      if (row && before && row.id === before.id) {
        words += " The bridge answered from its journal row #" + row.id +
                 (row.confirm_id ? " (OrderConfirmId " + row.confirm_id + ")" : "") +
                 ": nothing new was sent to TradeStation.";
      } else if (!entry.bridge) {
        words += " TradeStation itself answers a repeated OrderConfirmId with the results it gave first.";
      }
      entry.comparison = words;
      draw(entry);
    }

    function replay(original) {
      var call = {label: "Replay of #" + original.n, url: original.url, token: original.token,
                  callback: original.callback, tokenMs: null, started: performance.now()};
      var entry = newEntry(call, {revealed: original.revealed, replayOf: original.n});
      add(entry);
      // jsonp: false and cache: true leave the URL exactly as it was first requested.
      return $.ajax({url: original.url, dataType: "jsonp", jsonp: false, jsonpCallback: original.callback,
                     cache: true, crossDomain: true, timeout: 15000})
        .done(function (answer) { answered(entry, answer).always(function () { compare(original, entry); }); })
        .fail(function (_, why) { unanswered(entry, why); })
        .always(function () { $(document).trigger("tsbridge:replayed"); });
    }

    $("#calls").on("click", ".replay", function () {
      var original = entryOf(this);
      if (original.replaying) { return; }          // one replay at a time: they share the callback's name
      original.replaying = true;
      $(this).prop("disabled", true);
      replay(original).always(function () { original.replaying = false; draw(original); });
    });
  });
}());
