"""The bridge's own refusals of an order, where TradeStation has no words of its own.

Each is an ApiError, so the JSONP layer wraps it like any of TradeStation's, with one key more: `Fate`,
what became of the order, for programs (the ticket page among them) that must not read it from the words.
TradeStation's own answers, relayed, carry no Fate: the bridge does not speak for them.
"""

import enum

from tradestation.errors import ApiError


class Fate(enum.Enum):
    NOT_SENT = "not_sent"              # it certainly did not reach TradeStation; the same ticket may go again
    MAY_BE_PLACED = "may_be_placed"    # it may have reached TradeStation; never sent again under its id
    IN_PROGRESS = "in_progress"        # the first attempt under its id is still on its way
    REUSED_ID = "reused_id"            # its OrderConfirmId belongs to another order: this one was not sent


class Refusal(ApiError):
    """A refusal of the bridge's own, with the order's fate beside TradeStation's two keys. Used as it is,
    it refuses in words already written (TradeStation's, or a first attempt's) an order that was not sent."""
    FATE = Fate.NOT_SENT

    def body(self, detailed=False):
        return {**super().body(detailed), "Fate": self.FATE.value}


class ReusedConfirmId(Refusal):
    """The OrderConfirmId names another order: its answer would say this one was placed."""
    FATE = Fate.REUSED_ID
    MESSAGE = "This OrderConfirmId was already used for a different order. Start a new ticket."

    def __init__(self) -> None:
        super().__init__(400, self.MESSAGE)


class InProgress(Refusal):
    """A repeat arrived while the first attempt under its OrderConfirmId is still being relayed."""
    FATE = Fate.IN_PROGRESS
    MESSAGE = "This order is already being sent; it will not be sent twice. Its result will appear in the journal."

    def __init__(self) -> None:
        super().__init__(409, self.MESSAGE)


class NotPlaced(Refusal):
    """The order certainly did not reach TradeStation; the same ticket may be sent again."""
    ADVICE = "The order was not sent and can be placed again."

    def __init__(self, cause: str, status: int = 503) -> None:
        super().__init__(status, f"{cause} {self.ADVICE}")


class MayBePlaced(Refusal):
    """The order may have reached TradeStation, and nobody can tell yet."""
    FATE = Fate.MAY_BE_PLACED
    ADVICE = ("The order may or may not have been placed. It will not be sent again under this OrderConfirmId; "
              "the journal shows its state once TradeStation confirms it.")

    def __init__(self, cause: str, status: int = 504) -> None:
        super().__init__(status, f"{cause} {self.ADVICE}")


class NotInV3(Refusal):
    """The order asks for something TradeStation API v3 cannot do (forex, the Japanese market's sides,
    fields and sessions): refused before anything is sent, rather than sent as something else."""
    MESSAGE = "TradeStation API v3, which this bridge places orders with, has no equivalent for {what}. " \
              "The order was not sent."

    def __init__(self, field: str, value: str) -> None:
        super().__init__(400, self.MESSAGE.format(what=f"{field} {value}"))
