"""The fields of each v3 answer and their JSON types, as TradeStation's v3 OpenAPI document (version 3.0.3) gives
them in its examples: our own tables of facts, one per answer object. `str` covers v3's numbers, which it writes
as strings. A dict value is a nested object; a one-item list a list of such items. ENUMS lists the documented
values of the enumerated fields (by field name; a key with a dot or OrderStatus is checked by name in the tests)."""

ERROR = {"Error": str, "Message": str}
ERROR_WORDS = {"BadRequest", "Unauthorized", "Forbidden", "NotFound", "TooManyRequests", "InternalServerError",
               "NotImplemented", "ServiceUnavailable", "GatewayTimeout"}
ACCOUNT_ERROR = {"AccountID": str, "Error": str, "Message": str}

ACCOUNT = {"AccountID": str, "Currency": str, "Status": str, "AccountType": str}
ACCOUNT_DETAIL = {"IsStockLocateEligible": bool, "EnrolledInRegTProgram": bool, "RequiresBuyingPowerWarning": bool,
                  "DayTradingQualified": bool, "OptionApprovalLevel": int, "PatternDayTrader": bool}

_BALANCE = {"AccountID": str, "AccountType": str, "CashBalance": str, "BuyingPower": str, "Equity": str,
            "MarketValue": str, "TodaysProfitLoss": str, "UnclearedDeposit": str, "Commission": str}
EQUITIES_BALANCE = {**_BALANCE, "BalanceDetail": {
    "CostOfPositions": str, "DayTrades": str, "MaintenanceRate": str, "OptionBuyingPower": str,
    "OptionsMarketValue": str, "OvernightBuyingPower": str, "RequiredMargin": str, "RealizedProfitLoss": str,
    "UnrealizedProfitLoss": str}}
FUTURES_BALANCE = {**_BALANCE, "BalanceDetail": {
    "DayTradeExcess": str, "RealizedProfitLoss": str, "UnrealizedProfitLoss": str, "DayTradeOpenOrderMargin": str,
    "OpenOrderMargin": str, "DayTradeMargin": str, "InitialMargin": str, "MaintenanceMargin": str,
    "TradeEquity": str, "SecurityOnDeposit": str, "TodayRealTimeTradeEquity": str},
    "CurrencyDetails": [{"Currency": str, "Commission": str, "CashBalance": str, "RealizedProfitLoss": str,
                         "UnrealizedProfitLoss": str, "InitialMargin": str, "MaintenanceMargin": str,
                         "AccountConversionRate": str}]}

EQUITIES_BOD_BALANCE = {"AccountID": str, "AccountType": str, "BalanceDetail": {
    "AccountBalance": str, "CashAvailableToWithdraw": str, "DayTradingMarginableBuyingPower": str, "DayTrades": str,
    "Equity": str, "NetCash": str, "OptionBuyingPower": str, "OptionValue": str, "OvernightBuyingPower": str}}
FUTURES_BOD_BALANCE = {"AccountID": str, "AccountType": str, "BalanceDetail": {
    "Equity": str, "CashAvailableToWithdraw": str, "NetCash": str, "OpenTradeEquity": str, "SecurityOnDeposit": str},
    "CurrencyDetails": [{"Currency": str, "CashBalance": str, "AccountOpenTradeEquity": str,
                         "AccountSecurities": str, "OpenTradeEquity": str, "Securities": str}]}

POSITION = {"AccountID": str, "AveragePrice": str, "AssetType": str, "Last": str, "Bid": str, "Ask": str,
            "ConversionRate": str, "DayTradeRequirement": str, "InitialRequirement": str, "MaintenanceMargin": str,
            "PositionID": str, "LongShort": str, "Quantity": str, "Symbol": str, "Timestamp": str,
            "TodaysProfitLoss": str, "TotalCost": str, "MarketValue": str, "MarkToMarketPrice": str,
            "UnrealizedProfitLoss": str, "UnrealizedProfitLossPercent": str, "UnrealizedProfitLossQty": str}

ORDER_LEG = {"AssetType": str, "BuyOrSell": str, "ExecQuantity": str, "OpenOrClose": str, "QuantityOrdered": str,
             "QuantityRemaining": str, "Symbol": str}
OPTION_LEG = {**ORDER_LEG, "ExecutionPrice": str, "ExpirationDate": str, "OptionType": str, "StrikePrice": str,
              "Underlying": str}
ORDER = {"AccountID": str, "CommissionFee": str, "Currency": str, "Duration": str, "Legs": [ORDER_LEG],
         "OrderID": str, "OpenedDateTime": str, "OrderType": str, "PriceUsedForBuyingPower": str, "Routing": str,
         "Status": str, "StatusDescription": str, "UnbundledRouteFee": str}
# What only some orders have: a close time and price once filled, a lapse date when good till cancelled or
# dated, links when in a group, a limit or stop price by type, and the rules that hold it back.
FILLED_ORDER = {**ORDER, "ClosedDateTime": str, "FilledPrice": str}
DATED_ORDER = {**ORDER, "GoodTillDate": str}
GROUPED_ORDER = {**ORDER, "ConditionalOrders": [{"Relationship": str, "OrderID": str}], "GroupName": str,
                 "AdvancedOptions": str}
HELD_ORDER = {**ORDER, "MarketActivationRules": [{"RuleType": str, "Symbol": str, "Predicate": str,
                                                  "TriggerKey": str, "Price": str}],
              "TimeActivationRules": [{"TimeUtc": str}]}
ORDER_ERROR = {"AccountID": str, "OrderID": str, "Error": str, "Message": str}

PLACED = {"Message": str, "OrderID": str}
PLACE_ERROR = {"Error": str, "Message": str, "OrderID": str}
CANCELLED = REPLACED = {"Message": str, "OrderID": str}
CONFIRMATION = {"OrderAssetCategory": str, "Currency": str, "DisplayName": str, "Route": str,
                "TimeInForce": {"Duration": str}, "AccountID": str, "OrderConfirmID": str, "EstimatedPrice": str,
                "EstimatedCost": str, "DebitCreditEstimatedCost": str, "EstimatedCommission": str,
                "SummaryMessage": str}

QUOTE = {"Symbol": str, "Open": str, "High": str, "Low": str, "PreviousClose": str, "Last": str, "Ask": str,
         "AskSize": str, "Bid": str, "BidSize": str, "NetChange": str, "NetChangePct": str, "High52Week": str,
         "High52WeekTimestamp": str, "Low52Week": str, "Low52WeekTimestamp": str, "Volume": str,
         "PreviousVolume": str, "Close": str, "DailyOpenInterest": str, "TradeTime": str, "TickSizeTier": str,
         "MarketFlags": {"IsDelayed": bool, "IsHardToBorrow": bool, "IsBats": bool, "IsHalted": bool},
         "LastSize": str, "LastVenue": str, "VWAP": str}
QUOTE_ERROR = {"Symbol": str, "Error": str}

_FORMAT = {"IncrementStyle": str, "Increment": str}
SYMBOL_DETAIL = {"AssetType": str, "Country": str, "Currency": str, "Description": str, "Exchange": str,
                 "Symbol": str, "Root": str,
                 "PriceFormat": {"Format": str, "Decimals": str, **_FORMAT, "PointValue": str},
                 "QuantityFormat": {"Format": str, "Decimals": str, **_FORMAT, "MinimumTradeQuantity": str}}
FUTURE_DETAIL = {**SYMBOL_DETAIL, "FutureType": str}
OPTION_DETAIL = {**SYMBOL_DETAIL, "ExpirationDate": str, "OptionType": str, "StrikePrice": str, "Underlying": str}
SYMBOL_ERROR = {"Symbol": str, "Error": str, "Message": str}

BAR = {"High": str, "Low": str, "Open": str, "Close": str, "TimeStamp": str, "TotalVolume": str, "DownTicks": int,
       "DownVolume": int, "OpenInterest": str, "IsRealtime": bool, "IsEndOfHistory": bool, "TotalTicks": int,
       "UnchangedTicks": int, "UnchangedVolume": int, "UpTicks": int, "UpVolume": int, "Epoch": int,
       "BarStatus": str}
SYMBOL_NAMES = {"SymbolNames": [str]}
ROUTE = {"Id": str, "AssetTypes": [str], "Name": str}
ACTIVATION_TRIGGER = {"Key": str, "Name": str, "Description": str}
EXPIRATION = {"Date": str, "Type": str}
STRIKES = {"SpreadType": str, "Strikes": [[str]]}
SPREAD_TYPE = {"Name": str, "StrikeInterval": bool, "ExpirationInterval": bool}
RISK_REWARD = {"MaxGainIsInfinite": bool, "AdjustedMaxGain": str, "MaxLossIsInfinite": bool,
               "AdjustedMaxLoss": str, "BreakevenPoints": [str]}

ENUMS = {
    "AccountType": {"Cash", "Margin", "Futures", "DVP"},
    "AssetType": {"UNKNOWN", "STOCK", "STOCKOPTION", "FUTURE", "FUTUREOPTION", "FOREX", "CURRENCYOPTION", "INDEX",
                  "INDEXOPTION", "MUTUALFUND", "MONEYMARKETFUND", "BOND"},
    "OrderAssetCategory": {"EQUITY", "STOCKOPTION", "FUTURE"},
    "LongShort": {"Long", "Short"},
    "OpenOrClose": {"Open", "Close"},
    "Relationship": {"BRK", "OSP", "OSO", "OCO"},
    "OptionType": {"CALL", "PUT"},
    "PriceFormat.Format": {"Decimal", "Fraction", "SubFraction"},
    "IncrementStyle": {"Simple", "Schedule"},
    "Expiration.Type": {"Weekly", "Monthly", "Quarterly"},
    "OrderStatus": {"ACK", "ASS", "BRC", "BRF", "BRO", "CHG", "CND", "COR", "DIS", "DOA", "DON", "ECN", "EXE", "FPR",
               "LAT", "OPN", "OSO", "OTHER", "PLA", "REC", "RJC", "RPD", "RSN", "STP", "STT", "SUS", "UCN", "CAN",
               "EXP", "OUT", "RJR", "SCN", "TSC", "UCH", "REJ", "FLL", "FLP"},
}


def check(table, answered, where="answer"):
    """The answer has every field of the table, each of its type (and each enumerated field a documented value)."""
    if isinstance(table, dict):
        assert isinstance(answered, dict), f"{where}: {answered!r} is not an object"
        for name, kind in table.items():
            assert name in answered, f"{where}: no {name} in {sorted(answered)}"
            check(kind, answered[name], f"{where}.{name}")
            if name in ENUMS and isinstance(answered[name], str):
                assert answered[name] in ENUMS[name], f"{where}.{name}: {answered[name]!r}"
    elif isinstance(table, list):
        assert isinstance(answered, list), f"{where}: {answered!r} is not a list"
        for index, item in enumerate(answered):
            check(table[0], item, f"{where}[{index}]")
    else:
        assert isinstance(answered, table) and not (table is int and isinstance(answered, bool)), \
            f"{where}: {answered!r} is not {table.__name__}"


def each(table, items, where):
    """Every item of a non-empty list has the table's fields."""
    assert isinstance(items, list) and items, f"{where}: {items!r}"
    check([table], items, where)
