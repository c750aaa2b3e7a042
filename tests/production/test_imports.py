"""The production app is the bridge alone: `gunicorn 'app:create_app()'` loads neither the simulator (nor the
demo controls that drive it) nor, in the app itself, gunicorn; only gunicorn.conf.py imports gunicorn."""

import json
import subprocess

from harness.configs import REAL
from harness.servers import PYTHON, ROOT, environment

PRODUCTION_APP = """
import json, sys
import app
bridge = app.create_app({"TS_BASE_URL": "https://api.tradestation.com/v2", "DATABASE_URL": sys.argv[1]})
print(json.dumps({
    "loaded": sorted(name for name in sys.modules if name.split(".")[0] in ("simulator", "gunicorn")),
    "demo_routes": [rule.rule for rule in bridge.url_map.iter_rules() if rule.rule.startswith("/demo")],
    "bridge_modules": sum(name.startswith("bridge.") for name in sys.modules),
}))
"""


def test_the_production_app_imports_neither_the_simulator_nor_gunicorn(tmp_path):
    done = subprocess.run([PYTHON, "-c", PRODUCTION_APP, f"sqlite:///{tmp_path}/journal.sqlite3"], cwd=ROOT,
                          env=environment(REAL), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["loaded"] == [] and seen["demo_routes"] == []
    assert seen["bridge_modules"] > 10      # the app really was built in that process
