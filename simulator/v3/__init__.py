"""TradeStation API v3's face on the simulator's one state: Auth0-style sign-in at the root (signin.py,
auth_views.py) and the /v3 calls (views.py), whose orders are mapped onto the v2 rules (shapes.py)."""
