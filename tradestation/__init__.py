"""TradeStation WebAPI v2 as both sides of tsbridge understand it.

The bridge and the simulator import the same rules from here, so a message the
simulator returns and a message the bridge shows before sending cannot drift
apart. Nothing in this package does I/O.
"""
