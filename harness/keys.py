"""The SECRET_KEY that tests and the benchmark give their bridges: random enough for the bridge's check
(bridge/secret_strength.py), and one value, so two bridges of one test can read each other's cookies."""

SECRET_KEY = "5a3c0ee319f7eccb7ae09c83c4b0cb6bf7e721aa"
