"""The Flask side of tsbridge, one module per concern, put together by create_app.

`app.py` is the entry point the README names; `gunicorn 'app:create_app()'` finds this factory there.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from flask import Flask

from tradestation.redact import install_log_redaction

from . import auth, compression, errors, health, inspector, jsonp, live, logs, rate_limits, security, ticket, vendor
from . import settings as settings_table
from .calls import AuthorizedCalls
from .db import connect, upstream_key
from .exchanges import ExchangeLog
from .feed_sources import Pace
from .grants import GrantStore, Lifetimes
from .journal import Journal
from .live_feeds import LiveFeeds
from .oauth import OAuthClient
from .quota_budget import QuotaBudget
from .reconcile import Reconciler
from .relay import Relay
from .sealing import Sealer, new_key
from .settings import ConfigError, Settings
from .upstream import Upstream
from .v3face import V3Upstream

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # templates/, static/ and instance/


@dataclass
class Bridge:
    """Everything a request needs, made once per app and found at app.extensions["tsbridge"]."""
    settings: Settings
    upstream: Upstream
    grants: GrantStore
    calls: AuthorizedCalls
    oauth: OAuthClient
    journal: Journal
    reconciler: Reconciler
    relay: Relay
    exchanges: ExchangeLog
    health: health.Health
    rules: dict
    budget: QuotaBudget
    feeds: LiveFeeds


def create_app(config: Mapping[str, Any] | None = None, settings: Settings | None = None) -> Flask:
    """The bridge. `config` may hold settings by name (TS_BASE_URL, ...) over the environment, and
    Flask's own keys (TESTING); `settings` instead gives every setting at once, as tests may build it."""
    config = dict(config or {})
    app = Flask("app", root_path=ROOT, instance_path=os.path.join(ROOT, "instance"), instance_relative_config=True)
    app.config.update({key: value for key, value in config.items() if key not in settings_table.NAMES})
    install_log_redaction()
    settings = settings or settings_table.read(config, instance_path=app.instance_path)
    logs.install(settings.log_format)

    make_instance_folder(app.instance_path)
    app.config["SECRET_KEY"] = settings.secret_key or instance_secret(app.instance_path, "secret_key",
                                                                       lambda: secrets.token_hex(32))
    token_keys = settings.token_keys or (instance_secret(app.instance_path, "token_key", new_key),)
    if settings.plain_http_upstream:
        allow_plain_http_token_calls()

    app.extensions["tsbridge"] = build_services(settings, Sealer(token_keys))
    # What serving code calls as it stops (gunicorn.conf.py, simulator/server.py): no open stream holds its thread.
    app.extensions["close_streams"] = app.extensions["tsbridge"].feeds.close_all
    security.install(app, settings)
    rate_limits.install(app, settings)
    compression.install(app)
    for blueprint in (auth.bp, ticket.bp, jsonp.bp, live.bp, inspector.bp, vendor.bp, errors.bp, health.bp):
        app.register_blueprint(blueprint)
    return app


def create_app_with_simulator(config: Mapping[str, Any] | None = None,
                              simulator_config: Mapping[str, Any] | None = None) -> tuple[Flask, Any]:
    """The bridge with the simulator started beside it in this process (what `python app.py` does when no
    upstream is set), and the demo controls that make that simulator misbehave on purpose.
    Returns the app and the simulator's server (.url, .app, .shutdown())."""
    # Imported here: a production bridge (create_app alone) loads neither the simulator nor the demo controls.
    from simulator.server import start

    from . import demo
    simulator = start(dict(simulator_config or {}))
    try:
        app = create_app({**dict(config or {}), "TS_BASE_URL": simulator.url + "/v2"})
    except BaseException:
        simulator.shutdown()
        raise
    demo.install(app, simulator.app.extensions["simulator"].admin_token)
    return app, simulator


def build_services(settings: Settings, sealer: Sealer) -> Bridge:
    # Every row the bridge keeps is this upstream's: bridges on others may share the database, never a row.
    scope = upstream_key(settings.environment, settings.base_url)
    engine = connect(settings.database_url, upstream=scope)
    budget = QuotaBudget(scale=settings.quota_scale)
    upstream = upstream_face(settings, budget)
    oauth = OAuthClient(settings)
    grants = GrantStore(engine, sealer, Lifetimes(token_grace=settings.token_grace, idle=settings.session_idle,
                                                  absolute=settings.session_lifetime), upstream=scope)
    calls = AuthorizedCalls(grants, oauth, budget)
    feeds = LiveFeeds(grants=grants, calls=calls, upstream=upstream, budget=budget, pace=Pace(),
                      max_pages=settings.live_pages)
    journal = Journal(engine, stale_after=settings.connect_timeout + settings.read_timeout + 5, upstream=scope)
    reconciler = Reconciler(journal, upstream, calls, grace=settings.reconcile_grace)
    relay = Relay(upstream, journal, calls, reconciler)
    exchanges = ExchangeLog(engine, one_writer=journal.one_writer, upstream=scope)
    return Bridge(settings=settings, upstream=upstream, grants=grants, calls=calls, oauth=oauth, journal=journal,
                  reconciler=reconciler, relay=relay, exchanges=exchanges,
                  health=health.Health(engine, upstream), rules=ticket.page_rules(upstream.offers), budget=budget,
                  feeds=feeds)


def upstream_face(settings: Settings, budget: QuotaBudget | None = None) -> Upstream:
    """The one place that chooses how the bridge speaks upstream: WebAPI v2 as it is, or API v3 behind the
    same calls (bridge/v3face.py); every call for a user is counted against `budget`."""
    face = V3Upstream if settings.upstream_api == "v3" else Upstream
    return face(settings, budget=budget)


def make_instance_folder(path: str) -> None:
    """The instance folder holds the journal and the keys: its owner's alone."""
    os.makedirs(path, mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)


def instance_secret(instance_path: str, name: str, make: Callable[[], str]) -> str:
    """A secret made once and kept in the instance folder, so sessions and sealed tokens survive
    restarts and every worker agrees."""
    path = os.path.join(instance_path, name)
    try:
        if not os.path.exists(path):
            # Written aside and linked into place: a process starting at the same moment finds
            # either no file or a complete one, and the first link wins for both.
            draft = f"{path}.{os.getpid()}"
            with os.fdopen(os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(make())
            try:
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(draft)
        os.chmod(path, 0o600)
        with open(path) as f:
            return f.read().strip()
    except OSError as error:
        raise ConfigError(f"{path} cannot be made or read: {error}") from None


def allow_plain_http_token_calls() -> None:
    """oauthlib refuses a plain-HTTP token URL unless told otherwise; settings allow one only on loopback."""
    os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"


__all__ = ["Bridge", "ConfigError", "create_app", "create_app_with_simulator"]
