"""gzip for what the ticket page loads: jQuery alone is 87 KB as it is and 30 KB compressed.

Static files are compressed once per version (their ETag) and kept; pages, which differ per
user, are compressed as they are served.
"""

import gzip

from flask import request

COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json"}
MINIMUM = 1024  # below this, gzip's own overhead eats most of the gain


def install(app):
    compressed_files = {}

    @app.after_request
    def compress(response):
        if (response.status_code != 200 or response.mimetype not in COMPRESSIBLE
                or "Content-Encoding" in response.headers
                or "gzip" not in request.headers.get("Accept-Encoding", "")):
            return response
        response.vary.add("Accept-Encoding")
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MINIMUM:
            return response
        etag, _ = response.get_etag()
        if etag is None:
            body = gzip.compress(data, 6)
        else:
            body = compressed_files.get(etag)
            if body is None:
                body = compressed_files[etag] = gzip.compress(data, 9)
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        return response
