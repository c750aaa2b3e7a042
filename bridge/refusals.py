"""The bridge's own refusals of an order, where TradeStation has no words of its own.

Each is an ApiError, so the JSONP layer wraps it like any of TradeStation's; tests and the page's
rules read the words from these classes rather than copying them.
"""

from tradestation.errors import ApiError


class ReusedConfirmId(ApiError):
    """The OrderConfirmId names another order: its answer would say this one was placed."""
    MESSAGE = "This OrderConfirmId was already used for a different order. Start a new ticket."

    def __init__(self) -> None:
        super().__init__(400, self.MESSAGE)


class InProgress(ApiError):
    """A repeat arrived while the first attempt under its OrderConfirmId is still being relayed."""
    MESSAGE = "This order is already being sent; it will not be sent twice. Its result will appear in the journal."

    def __init__(self) -> None:
        super().__init__(409, self.MESSAGE)


class NotPlaced(ApiError):
    """The order certainly did not reach TradeStation; the same ticket may be sent again."""
    ADVICE = "The order was not sent and can be placed again."

    def __init__(self, cause: str, status: int = 503) -> None:
        super().__init__(status, f"{cause} {self.ADVICE}")


class MayBePlaced(ApiError):
    """The order may have reached TradeStation, and nobody can tell yet."""
    ADVICE = ("The order may or may not have been placed. It will not be sent again under this OrderConfirmId; "
              "the journal shows its state once TradeStation confirms it.")

    def __init__(self, cause: str, status: int = 504) -> None:
        super().__init__(status, f"{cause} {self.ADVICE}")


class NotInV3(ApiError):
    """The order asks for something TradeStation API v3 cannot do (forex, the Japanese market's sides,
    fields and sessions): refused before anything is sent, rather than sent as something else."""
    MESSAGE = "TradeStation API v3, which this bridge places orders with, has no equivalent for {what}. " \
              "The order was not sent."

    def __init__(self, field: str, value: str) -> None:
        super().__init__(400, self.MESSAGE.format(what=f"{field} {value}"))


def page_words() -> dict:
    """The words the ticket page recognises in the bridge's answers, handed over with its rules."""
    return {"REUSED_ID": ReusedConfirmId.MESSAGE, "IN_PROGRESS": InProgress.MESSAGE,
            "NOT_PLACED": NotPlaced.ADVICE, "MAY_BE_PLACED": MayBePlaced.ADVICE}
