"""Fixtures of the fidelity tests: none of their own. The simulator (`simulator_config`, `simulator`, `sim`) and
the bridge (`bridge`, `trader`) come from tests/conftest.py; the examples are data, in examples.py."""
