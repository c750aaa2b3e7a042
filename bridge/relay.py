"""One order's way through the bridge, as a straight line:
validated (tradestation/) → journaled → relayed upstream → answer journaled → returned for wrapping.

Every refusal is an ApiError carrying TradeStation's words, or ours where it has none, and
saying whether the order may have gone through.
"""

import secrets

from tradestation.dialects import dialect_for
from tradestation.errors import ApiError
from tradestation.orders import parse_group, parse_order, parse_order_id, parse_replacement
from tradestation.results import result_ok, result_order_id

from .journal import NOT_SENT, PENDING, PLACED, REJECTED, RETRYABLE, UNKNOWN, canonical
from .refusals import InProgress, MayBePlaced, NotPlaced, ReusedConfirmId
from .upstream import FateUnknown, NotSent



def new_confirm_id():
    return secrets.token_urlsafe(16)  # 22 characters, like the seed's


class Relay:
    def __init__(self, upstream, journal, grants, reconciler):
        self.upstream = upstream
        self.journal = journal
        self.grants = grants
        self.reconciler = reconciler

    # --- placing ---------------------------------------------------------------------------
    def send(self, grant, data, api_version):
        order = parse_order(data, dialect_for(api_version))
        if order.confirm_id is None:
            data = {**data, "OrderConfirmId": new_confirm_id()}
        claim = self.journal.claim(grant.userid, "send", data["OrderConfirmId"], self.upstream.url("/orders"),
                                   api_version, order.account, order.describe(), data)
        if not claim.fresh:
            if claim.row["request"] != canonical(data):
                # The id names another order: answering with that order's result would tell the trader
                # this one was placed when it never was.
                raise ReusedConfirmId()
            return self._repeat(grant, claim.row)
        return self._relay(grant, claim.row, lambda token: self.upstream.place(token, data, api_version))

    def _repeat(self, grant, row):
        """The answer to an OrderConfirmId seen before: the recorded one, never a second order."""
        if row["state"] == PENDING:
            raise InProgress()
        if row["state"] == UNKNOWN:
            row = self.reconciler.settle(grant, row)
            if row["state"] == UNKNOWN:
                raise MayBePlaced(row['message'] or 'The fate of this order is not known yet.')
            if row["state"] in RETRYABLE:
                raise ApiError(503, row["message"])
        if row["status_code"] not in (None, 200):
            raise ApiError(row["status_code"], row["message"])
        if row["answer"] is None:
            raise InProgress()  # another request took the row back up between our two reads
        return row["answer"]

    # --- the calls that change nothing and those that change an existing order ---------------
    def confirm(self, grant, data, api_version):
        parse_order(data, dialect_for(api_version))
        return self._ask(grant, lambda token: self.upstream.confirm(token, data, api_version))

    def confirm_group(self, grant, data, api_version):
        parse_group(data, dialect_for(api_version))
        return self._ask(grant, lambda token: self.upstream.confirm_group(token, data, api_version))

    def cancel(self, grant, order_id, api_version):
        order_id = parse_order_id(order_id)
        claim = self.journal.claim(grant.userid, "cancel", None, self.upstream.url(f"/orders/{order_id}"),
                                   api_version, None, f"Cancel order {order_id}", {"OrderID": order_id})
        return self._relay(grant, claim.row, lambda token: self.upstream.cancel(token, order_id))

    def replace(self, grant, order_id, data, api_version):
        change = parse_replacement(data, order_id)
        claim = self.journal.claim(grant.userid, "cancelreplace", None,
                                   self.upstream.url(f"/orders/{change.order_id}"), api_version, change.account,
                                   f"Replace order {change.order_id}", data)
        return self._relay(grant, claim.row, lambda token: self.upstream.replace(token, change.order_id, data))

    # --- talking to the upstream --------------------------------------------------------------
    def _ask(self, grant, call):
        try:
            answer = self.grants.call(grant, call)
        except (NotSent, FateUnknown) as error:
            raise ApiError(503, f"{_sentence(error)}. Please try again.") from None
        if not answer.ok:
            raise ApiError(answer.status, answer.error()["Message"])
        return answer.body

    def _relay(self, grant, row, call):
        try:
            answer = self.grants.call(grant, call)
        except NotSent as error:
            refusal = NotPlaced(f"{_sentence(error)}.")
            self.journal.finish(row["id"], NOT_SENT, refusal.status, message=refusal.message)
            raise refusal from None
        except FateUnknown as error:
            self.journal.finish(row["id"], UNKNOWN, message=f"{_sentence(error)}.")
            return self._settled(grant, row["id"])
        except ApiError as error:
            # The token could not be refreshed, so nothing was sent.
            self.journal.finish(row["id"], NOT_SENT, error.status, message=error.message)
            raise
        except Exception:
            self.journal.finish(row["id"], UNKNOWN, message="The bridge failed while relaying this order.")
            raise
        return self._record(grant, row, answer)

    def _record(self, grant, row, answer):
        if answer.ok:
            results = answer.body if isinstance(answer.body, list) else [answer.body]
            first = results[0] if results and isinstance(results[0], dict) else {}
            state = PLACED if all(isinstance(r, dict) and result_ok(r) for r in results) else REJECTED
            self.journal.finish(row["id"], state, 200, answer.body, result_order_id(first), first.get("Message"))
            return answer.body
        error = answer.error()
        if answer.status >= 500:
            self.journal.finish(row["id"], UNKNOWN, answer.status, message=f"TradeStation answered {error['Message']}.")
            return self._settled(grant, row["id"])
        # 401, 403 and 404 refuse before anything is done, so the order may be sent again; a 400 is final.
        state = REJECTED if answer.status == 400 else NOT_SENT
        self.journal.finish(row["id"], state, answer.status, message=error["Message"])
        raise ApiError(answer.status, error["Message"])

    def _settled(self, grant, row_id):
        """After an unknown outcome: ask TradeStation at once; answer what it says, or that we cannot tell."""
        row = self.reconciler.settle(grant, self.journal.get(row_id))
        if row["state"] in (PLACED, REJECTED):
            return row["answer"]
        status = row["status_code"] if (row["status_code"] or 0) >= 500 else 504
        raise MayBePlaced(row['message'], status)


def _sentence(error):
    text = str(error)
    return text[:1].upper() + text[1:]
