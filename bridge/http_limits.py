"""The longest request line the bridge's production server reads, in one place for the server and the page.

gunicorn.conf.py sets gunicorn's limit to it, and the ticket page (static/ticket/calls.js) sends nothing longer to
the bridge: gunicorn refuses such a line before the bridge sees it, with a plain 414 that a JSONP <script>
tag cannot read, so the page could only say "no answer: may or may not have been placed" about an order
that surely was not.
"""

# gunicorn's largest bounded value (0 would mean no limit at all). An order's URL is normally under 2 KB;
# TS_DATA_LIMIT's 8192 characters of JSON can encode to more than this, and then the page says so.
REQUEST_LINE_LIMIT = 8190
