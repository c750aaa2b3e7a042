"""What each of v3's documented order examples does in the simulator's market, as tables the tests replay
(tests/fidelity/test_documented_v3_requests.py): `prices` and `holding` set the scene the example assumes (its
prices are from another year's market), then `then(market)` moves the market and checks what the orders did."""

import datetime
from dataclasses import dataclass

from .v3_market import SECOND_ACCOUNT

# are from another year's market), after(market) moves the market and checks what the orders did.

def market_order(market):
    assert market.statuses() == ["FLL"] and market.held() == {"MSFT": 10}


def limit_order(market):
    [entry] = market.orders()
    assert (entry["Status"], entry["LimitPrice"]) == ("OPN", "132.52") and market.held() == {}


def stop_market_order(market):
    assert market.statuses() == ["OPN"]          # a buy stop at 215.00 with MSFT at 200.00
    market.price("MSFT", "216.00")
    assert market.statuses() == ["FLL"] and market.held() == {"MSFT": 10}


def stop_limit_order(market):
    assert market.statuses() == ["OPN"]
    market.price("MSFT", "214.00")               # through the stop, above the limit of 200.00: sold
    assert market.statuses() == ["FLL"] and market.held() == {"MSFT": -10}


def single_option_order(market):
    [entry] = market.orders()
    assert entry["Status"] == "FLL" and [leg["Symbol"] for leg in entry["Legs"]] == ["MSFT 201120P110"]
    assert market.held() == {"MSFT 201120P110": 1}


def covered_married_stock(market):
    assert market.statuses() == ["OPN"] and market.held() == {}    # 420.00 + the put's 1.20 is above 350
    market.price("MSFT", "340.00")
    [entry] = market.orders()
    assert entry["Status"] == "FLL" and all(leg["ExecQuantity"] == leg["QuantityOrdered"] for leg in entry["Legs"])
    assert market.held() == {"MSFT": 100, "MSFT 251219P300": 1}


def vertical_option_spread(market):
    assert market.statuses() == ["OPN"]          # the 300 call costs 19.55 more than the 320 brings
    market.price("SPY 251219C300", "182.50")     # now 0.55 more: within the limit of 1.00
    assert market.statuses() == ["FLL"] and market.held() == {"SPY 251219C300": 1, "SPY 251219C320": -1}


def iron_condor_sell_entry(market):
    [entry] = market.orders()
    assert entry["Status"] == "OPN" and len(entry["Legs"]) == 4    # it brings 8.99, not the 20 asked
    market.price("SPY 251219C430", "60.00")      # the long call now costs less: it brings 26.49
    assert market.statuses() == ["FLL"]
    assert market.held() == {"SPY 251219C420": -1, "SPY 251219C430": 1, "SPY 251219P370": 1, "SPY 251219P380": -1}


def order_sends_order(market):
    assert market.statuses() == ["OPN", "OSO", "OSO"]     # the children wait for the parent
    market.price("MSFT", "129.00")
    parent, buy_aapl, trail = market.orders()
    assert (parent["Status"], buy_aapl["Status"], trail["Status"]) == ("FLL", "OPN", "OPN")
    assert trail["StopPrice"] == "122.54"        # 5 % under the bid of 128.99, to the cent below
    market.price("MSFT", "140.00")
    assert market.orders()[2]["StopPrice"] == "132.99"     # it followed the bid up
    market.price("MSFT", "132.00")
    assert market.statuses() == ["FLL", "OPN", "FLL"] and market.held() == {}


def limit_entry_with_amount_trail_stop(market):
    market.price("MSFT", "329.00")
    assert market.statuses() == ["FLL", "OPN"] and market.orders()[1]["StopPrice"] == "318.99"
    market.price("MSFT", "335.00")
    assert market.orders()[1]["StopPrice"] == "324.99"
    market.price("MSFT", "324.00")
    assert market.statuses() == ["FLL", "FLL"] and market.held() == {}


def long_entry_with_exit_bracket(market):
    # Filled at once (IOC) at 224.00: its two exits go to work as a bracket.
    assert market.statuses() == ["FLL", "OPN", "OPN"]
    assert [entry["GroupName"] for entry in market.orders()[1:]] == ["BRK", "BRK"]
    market.price("MSFT", "301.00")
    assert market.statuses() == ["FLL", "FLL", "CAN"] and market.held() == {}


def buy_limit_entry_with_multiple_brackets(market):
    market.price("MSFT", "329.00")
    assert market.statuses() == ["FLL", "OPN", "OPN", "OPN", "OPN"]
    market.price("MSFT", "336.00")               # the first bracket's target: its stop goes with it
    assert market.statuses() == ["FLL", "CAN", "FLL", "OPN", "OPN"] and market.held() == {"MSFT": 5}


def sell_short_with_bracket(market):
    assert market.statuses() == ["FLL", "OPN", "OPN"] and market.held() == {"MSFT": -1}
    market.price("MSFT", "349.00")               # the cover's limit of 350.00
    assert market.statuses() == ["FLL", "CAN", "FLL"] and market.held() == {}


def market_activation_rules(market):
    # Held back by its rules (EDZ22's last above 10000.01, 23:59:59 UTC): not bought, though it is a market order.
    market.tick(3)
    [entry] = market.orders()
    assert (entry["Status"], entry["Legs"][0]["ExecQuantity"]) == ("OPN", "0") and market.held() == {}


def sell_limit_time_activation(market, clock):
    assert market.statuses() == ["OPN"]          # 18:49:50 UTC: not yet, though the bid is above 300
    clock.move_to(today_at(18, 50, 5))
    assert market.statuses() == ["FLL"] and market.held() == {"MSFT": -1}


def reverse_long_position(market):
    assert market.statuses() == ["FLL", "FLL"] and market.held() == {"MSFT": -100}     # long 100 before


def oco_breakout_entry(market):
    assert market.statuses() == ["OPN", "OPN"]
    market.price("MSFT", "338.00")
    assert market.statuses() == ["FLL", "CAN"] and market.held() == {"MSFT": 10}


def exit_bracket(market):
    assert market.statuses() == ["OPN", "OPN"] and market.orders()[1]["StopPrice"] == "213.74"
    market.price("MSFT", "231.00")
    assert market.statuses() == ["FLL", "CAN"] and market.held() == {}


def grouped_normal_order(market):
    # Each on its own: AMZN (185.00) and MMM (105.00) are below their limits, the others rest.
    assert market.statuses() == ["FLL", "OPN", "OPN", "OPN", "FLL", "OPN"]
    assert market.held() == {"AMZN": 2, "MMM": 10}


def group_market_activation_rules(market):
    # Held by the time rule: the sell at 230.00 does not fill with the bid at 419.99.
    assert market.statuses() == ["OPN", "OPN"] and market.statuses(SECOND_ACCOUNT) == ["OPN"]
    assert {entry["GroupName"] for entry in market.orders() + market.orders(SECOND_ACCOUNT)} == {"OCO"}


def today_at(hour, minute, second):
    return datetime.datetime.now(datetime.timezone.utc).replace(hour=hour, minute=minute, second=second)


@dataclass(frozen=True)
class Placed:
    name: str                   # the example's name in the document
    path: str                   # orders or ordergroups
    file: str
    then: object
    prices: tuple = ()          # (symbol, last): the market the example assumes
    holding: tuple = ()         # (symbol, quantity): bought before the example
    at: tuple = None            # the time of day (UTC) it is sent


PLACED = (
    Placed("Market Order", "orders", "market-order", market_order),
    Placed("Limit Order", "orders", "limit-order", limit_order),
    Placed("Stop Market Order", "orders", "stop-market-order", stop_market_order, prices=(("MSFT", "200.00"),)),
    Placed("Stop Limit Order", "orders", "stop-limit-order", stop_limit_order),
    Placed("Single Option Order", "orders", "single-option-order", single_option_order),
    Placed("Covered/Married Stock", "orders", "covered-married-stock", covered_married_stock),
    Placed("Vertical Option Spread", "orders", "vertical-option-spread", vertical_option_spread),
    Placed("Iron Condor (Sell Entry)", "orders", "iron-condor-sell-entry", iron_condor_sell_entry),
    Placed("Order Sends Order", "orders", "order-sends-order", order_sends_order),
    Placed("Limit Entry with Amount Trail Stop", "orders", "limit-entry-with-amount-trail-stop",
           limit_entry_with_amount_trail_stop),
    Placed("Long Entry with Exit Bracket - 1 Limit & 1 Stop", "orders", "long-entry-with-exit-bracket-1-limit-1-stop",
           long_entry_with_exit_bracket, prices=(("MSFT", "224.00"),)),
    Placed("Buy Limit Entry with Multiple Brackets", "orders", "buy-limit-entry-with-multiple-brackets",
           buy_limit_entry_with_multiple_brackets),
    Placed("Sell Short Stocks with Bracket - 1 Limit & 1 Stop", "orders",
           "sell-short-stocks-with-bracket-1-limit-1-stop", sell_short_with_bracket, prices=(("MSFT", "361.00"),)),
    Placed("Market Activation Rules", "orders", "market-activation-rules", market_activation_rules),
    Placed("Sell Limit Order - Time Activation", "orders", "sell-limit-order-time-activation",
           sell_limit_time_activation, at=(18, 49, 50)),
    Placed("Reverse Long Position (Stocks)", "orders", "reverse-long-position-stocks", reverse_long_position,
           holding=(("MSFT", 100),)),
    Placed("OCO Breakout Entry (Stocks)", "ordergroups", "oco-breakout-entry-stocks", oco_breakout_entry,
           prices=(("MSFT", "335.00"),)),
    Placed("Exit Bracket - 1 Limit & 1 Stop", "ordergroups", "exit-bracket-1-limit-1-stop", exit_bracket,
           prices=(("MSFT", "225.00"),), holding=(("MSFT", 10),)),
    Placed("Grouped Normal Order (NORMAL)", "ordergroups", "grouped-normal-order-normal", grouped_normal_order),
    Placed("Market Activation Rules", "ordergroups", "market-activation-rules", group_market_activation_rules),
)


@dataclass(frozen=True)
class Replaced:
    name: str
    file: str
    order: str                  # the order example it changes (placed first)
    then: object
    prices: tuple = ()


def replaced_limit(market):
    [entry] = market.orders()
    assert (entry["Status"], entry["LimitPrice"], entry["Legs"][0]["QuantityOrdered"]) == ("OPN", "132.52", "10")


def replaced_stop(market):
    # The buy stop moved from 215.00 to 50.60, under the market (200.00): reached at once, and bought.
    [entry] = market.orders()
    assert (entry["Status"], entry["StopPrice"]) == ("FLL", "50.6") and market.held() == {"MSFT": 10}


def replaced_stop_limit(market):
    [entry] = market.orders()
    assert (entry["Status"], entry["StopPrice"], entry["LimitPrice"]) == ("OPN", "215", "200")


def replaced_trail_by_amount(market):
    [entry] = market.orders()
    assert (entry["Status"], entry["StopPrice"]) == ("OPN", "202.11")    # 2.11 above the ask of 200.00
    market.price("MSFT", "195.00")
    assert market.orders()[0]["StopPrice"] == "197.11"
    market.price("MSFT", "198.00")
    assert market.statuses() == ["FLL"]


def replaced_trail_by_percent(market):
    [entry] = market.orders()
    assert (entry["Status"], entry["StopPrice"]) == ("OPN", "210")      # 5 % above the ask of 200.00
    market.price("MSFT", "211.00")
    assert market.statuses() == ["FLL"]


def replaced_to_market(market):
    [entry] = market.orders()
    assert (entry["Status"], entry["OrderType"]) == ("FLL", "Market") and market.held() == {"MSFT": 10}


REPLACED = (
    Replaced("Limit Order", "limit-order", "limit-order", replaced_limit),
    Replaced("Stop Market Order", "stop-market-order", "stop-market-order", replaced_stop, (("MSFT", "200.00"),)),
    Replaced("Stop Limit Order", "stop-limit-order", "stop-limit-order", replaced_stop_limit),
    Replaced("Trailing Stop (Amount)", "trailing-stop-amount", "stop-market-order", replaced_trail_by_amount,
             (("MSFT", "200.00"),)),
    Replaced("Trailing Stop (Percent)", "trailing-stop-percent", "stop-market-order", replaced_trail_by_percent,
             (("MSFT", "200.00"),)),
    Replaced("Convert to Market", "convert-to-market", "limit-order", replaced_to_market),
)
