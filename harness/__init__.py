"""What the tests and the benchmark both need to drive tsbridge from outside: servers in child
processes, a clean environment for them, the login, example orders, JSONP unwrapping, Chromium.

It imports neither tests nor bench, so that each of them can import it and neither the other.
"""
