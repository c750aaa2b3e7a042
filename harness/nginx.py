"""nginx as the tests and the benchmark run it: in front of the bridges with deploy/nginx.conf itself, so
that what they try is the configuration a deployment installs; or as a bare hop, the benchmark's floor.
"""

import os
import pwd
import re
import shutil
import tempfile
from urllib.parse import urlsplit

from harness.servers import HOST, ROOT, Server, environment, free_port
from harness.tls import loopback_certificate

NGINX = "/usr/sbin/nginx"
DEPLOY_NGINX = ROOT / "deploy" / "nginx.conf"


def render_nginx(bridge_ports, https_port, http_port, certificate, key, log_folder, request_rate=None):
    """deploy/nginx.conf with only its addresses, ports, certificate, log paths (and, for the benchmark,
    whose clients all share one address, every rate per address) changed. Each change must find
    its place, so the file and this stay in step."""
    text = DEPLOY_NGINX.read_text()
    upstream = re.compile(r"^( *)server 127\.0\.0\.1:800\d( [^;]*)?;\n", re.M)
    found = upstream.findall(text)
    if len(found) < 1:
        raise RuntimeError("deploy/nginx.conf: no bridge address in its upstream block")
    indent, parameters = found[0]
    lines = "".join(f"{indent}server {HOST}:{port}{parameters};\n" for port in bridge_ports)
    text = upstream.sub(lambda match: lines if match.start() == upstream.search(text).start() else "", text)
    changes = [("listen 443 ssl;", f"listen {HOST}:{https_port} ssl;"), ("listen 80;", f"listen {HOST}:{http_port};"),
               ("/etc/ssl/tsbridge/fullchain.pem", certificate), ("/etc/ssl/tsbridge/privkey.pem", key),
               ("/var/log/nginx/", log_folder.rstrip("/") + "/")]
    if request_rate:
        changes += [("rate=20r/s", f"rate={request_rate}r/s"), ("rate=50r/s", f"rate={request_rate}r/s")]
    for old, new in changes:
        if old not in text:
            raise RuntimeError(f"deploy/nginx.conf: {old!r} not found")
        text = text.replace(old, new)
    return text


def start_nginx(bridge_ports, https_port=None, workers=1, request_rate=None):
    """Debian's nginx with deploy/nginx.conf in front of the bridges on these ports, TLS on https_port
    with a certificate made for the run; .url is its https address, .http_url its plain-http one (which
    sends to https), .ca the certificate to trust, .folder its configuration and logs (removed by stop())."""
    https_port = https_port or free_port()

    def site(folder, http_port):
        certificate, key = loopback_certificate(folder)
        return render_nginx(bridge_ports, https_port, http_port, certificate, key, folder, request_rate)
    server = _start_nginx(site, workers)
    server.url, server.http_url = f"https://{HOST}:{https_port}", server.url
    server.ca = os.path.join(server.folder, "cert.pem")
    return server


def start_nginx_hop(upstream_url, workers=1):
    """nginx as nothing but a proxy_pass hop to upstream_url over keep-alive connections, plain http:
    the least any relay in front of the simulator costs (the benchmark's floor). .url is its address."""
    upstream = urlsplit(upstream_url)

    def site(folder, port):
        return f"""upstream hop {{ server {upstream.hostname}:{upstream.port}; keepalive 64; }}
server {{
    listen {HOST}:{port};
    access_log off;
    location / {{
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://hop;
    }}
}}
"""
    return _start_nginx(site, workers)


def _start_nginx(site, workers):
    """nginx in a folder of its own with the server blocks site(folder, port) makes, answering on port;
    started from a main configuration that keeps its pid, logs and temporary files in that folder. As
    root its workers run as nobody (as Debian's run as www-data): the temporary folder is theirs."""
    if not os.path.exists(NGINX):
        raise RuntimeError("nginx is not installed: `make test` installs Debian's `nginx` package")
    folder = tempfile.mkdtemp(prefix="tsbridge-nginx-")
    os.chmod(folder, 0o755)
    temp = os.path.join(folder, "temp")
    os.mkdir(temp)
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(temp, nobody.pw_uid, nobody.pw_gid)
    for attempt in range(3):
        port = free_port()
        with open(os.path.join(folder, "site.conf"), "w") as f:
            f.write(site(folder, port))
        with open(os.path.join(folder, "nginx.conf"), "w") as f:
            f.write(f"""daemon off;
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/site.conf;
}}
""")
        argv = [NGINX, "-p", folder + "/", "-c", os.path.join(folder, "nginx.conf"),
                "-e", os.path.join(folder, "error.log")]
        server = Server("nginx", argv, port, environment({}), os.path.join(folder, "nginx.out"), "/")
        try:
            server.wait_ready()
        except RuntimeError:
            server.stop()
            if attempt == 2:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            continue
        server.folder = folder
        stop = server.stop

        def stop_and_remove(timeout=10.0, stop=stop, folder=folder):
            stop(timeout)
            shutil.rmtree(folder, ignore_errors=True)
        server.stop = stop_and_remove
        return server
