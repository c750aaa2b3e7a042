"""Case-insensitive paths, as TradeStation's are: /V2/Orders reaches the same view as /v2/orders.

werkzeug routes match case-sensitively, so this WSGI wrapper rewrites the literal segments of a
request path to the spelling of the route they match, leaving the variable segments (account keys,
symbols, order ids) exactly as sent.
"""


class CaseInsensitivePaths:
    def __init__(self, wsgi_app, flask_app, prefixes=("/v2/", "/v3/", "/admin/", "/data/")):
        self.wsgi_app = wsgi_app
        self.flask_app = flask_app
        self.prefixes = prefixes
        self._templates = None

    def _routes(self):
        if self._templates is None:
            templates = []
            for rule in self.flask_app.url_map.iter_rules():
                segments = rule.rule.split("/")
                templates.append([None if "<" in segment else segment for segment in segments])
            # The most specific route first: /v2/orders/confirm before /v2/orders/<order_id>.
            templates.sort(key=lambda template: sum(literal is not None for literal in template), reverse=True)
            self._templates = templates
        return self._templates

    def normalize(self, path):
        if not path.lower().startswith(self.prefixes):
            return path
        segments = path.split("/")
        for template in self._routes():
            if len(template) != len(segments):
                continue
            if all(literal is None or literal.casefold() == segment.casefold()
                   for literal, segment in zip(template, segments, strict=True)):
                return "/".join(segment if literal is None else literal
                                for literal, segment in zip(template, segments, strict=True))
        return path

    def __call__(self, environ, start_response):
        environ["PATH_INFO"] = self.normalize(environ.get("PATH_INFO", ""))
        return self.wsgi_app(environ, start_response)
