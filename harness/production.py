"""The README's production layout started whole on loopback, so that the tests and the benchmark try what
a deployment runs: several bridge instances on one database, behind nginx with TLS.
"""

import json
import secrets

from harness.nginx import start_nginx
from harness.servers import HOST, free_port, simulator_module, start_bridge, start_simulator


class Production:
    """The README's production layout on loopback: the simulator, bridge instances under gunicorn on one
    database, nginx with TLS in front. .url is nginx's https address, .ca the certificate to trust."""

    def __init__(self, simulator, bridges, nginx):
        self.simulator, self.bridges, self.nginx = simulator, bridges, nginx

    @property
    def url(self):
        return self.nginx.url

    @property
    def ca(self):
        return self.nginx.ca

    def stop(self):
        for server in (self.nginx, *self.bridges, self.simulator):
            if server is not None:
                server.stop()


def start_production(workdir, database_url, instances=2, faults=None, env=None, workers=None, threads=None,
                     nginx_workers=1, request_rate=None, simulator_command=simulator_module):
    """`instances` bridges sharing database_url, each started as the README's production section says
    (TS_PROXIES=1; TS_REDIRECT_URI, SECRET_KEY, TS_TOKEN_KEYS given, the same for every instance), behind
    deploy/nginx.conf, relaying to a simulator with these faults. The bridge is an OAuth client the
    simulator knows with exactly that https callback (the demo client admits plain-http loopback only)."""
    from cryptography.fernet import Fernet
    https_port = free_port()
    redirect_uri, secret = f"https://{HOST}:{https_port}/callback", secrets.token_urlsafe(24)
    clients = json.dumps({"tsbridge-desk": {"secret": secret, "redirect_uris": [redirect_uri]}})
    settings = {"DATABASE_URL": database_url, "TS_CLIENT_ID": "tsbridge-desk", "TS_CLIENT_SECRET": secret,
                "TS_REDIRECT_URI": redirect_uri, "SECRET_KEY": secrets.token_hex(32),
                "TS_TOKEN_KEYS": Fernet.generate_key().decode(), "TS_PROXIES": 1, **(env or {})}
    production = Production(None, [], None)
    try:
        production.simulator = start_simulator(workdir, {"SIM_CLIENTS": clients, **(faults or {})}, simulator_command)
        for number in range(1, instances + 1):
            production.bridges.append(start_bridge(workdir, production.simulator.url + "/v2", env=settings,
                                                   workers=workers, threads=threads, name=f"bridge-{number}"))
        production.nginx = start_nginx([bridge.port for bridge in production.bridges], https_port, nginx_workers,
                                       request_rate)
    except BaseException:
        production.stop()
        raise
    return production
