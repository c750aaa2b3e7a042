"""What our simulator promises its callers beyond TradeStation's own contract: the demo login, the demo API
key, and the words of its admin API. The simulator, the bridge's demo controls and the tests all read them
here, so the bridge never imports the simulator to know them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Credentials:
    name: str
    secret: str


# The trader a demo logs in as, and the API key (client id and secret) the simulator knows from the start:
# the bridge uses it by default for an upstream on loopback.
DEMO_USER = Credentials("demo", "demo")
DEMO_CLIENT = Credentials("demo-client", "demo-secret")

# The header of every /admin/ call, carrying the admin token the simulator printed at start.
ADMIN_HEADER = "X-Admin-Token"

# What the next order calls may be made to meet (POST /admin/next-orders {"fault": ..., "count": ...}).
TOKEN_EXPIRED, ERROR, QUOTA = "token_expired", "error", "quota"
UNAVAILABLE = "unavailable"
DROP_BEFORE, DROP_AFTER = "drop_before", "drop_after"
