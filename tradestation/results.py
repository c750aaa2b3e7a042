"""The shapes of TradeStation's answers to order calls, one builder per dialect."""

from .dialects import CLASSIC


def order_result(dialect, order_id, ok, message, confirm_id=None):
    """One Order Result: classic {"Message","OrderID","OrderStatus"}; 2015 {"OrderConfirmId","Id","Status",...}."""
    if dialect == CLASSIC:
        return {"Message": message, "OrderID": str(order_id), "OrderStatus": "Ok" if ok else "Failed"}
    result = {"OrderConfirmId": confirm_id, "Id": int(order_id) if str(order_id).isdigit() else order_id,
              "Status": "Success" if ok else "Failed", "Message": message}
    if ok:
        result["Orders"] = [{"Id": str(order_id)}]
    return result


def result_ok(result):
    """Whether an Order Result of either dialect reports success."""
    return result.get("OrderStatus") == "Ok" or result.get("Status") == "Success"


def result_order_id(result):
    """The order id in an Order Result of either dialect, as a string, or None."""
    value = result.get("OrderID", result.get("Id"))
    return None if value in (None, "") else str(value)
