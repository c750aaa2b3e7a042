"""Fixtures of the production tests: the bridge as a desk deploys it (gunicorn, PostgreSQL, nginx).

The databases (`postgres`, `database_url`) are in tests/conftest.py; the servers are started by
harness/servers.py, as the benchmark starts them.
"""
