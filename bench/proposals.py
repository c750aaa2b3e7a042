"""Proposed changes to the bridge's relay path, written as patches applied to one app at run time so that
`python -m bench.profile --ab` can measure each against the code as it is, in the same process, order
by order. Nothing here changes bridge/ itself: each patch's docstring says what the change in
bridge/ would be; the lead decides.
"""

import os
import time

import requests
from sqlalchemy import bindparam, insert, update


def finish_without_read_back(bridge):
    """bridge/journal.py Journal.finish: drop the final `return self.get(row_id)`. (Done in bridge/ since:
    this patch now measures nothing; kept so that older figures can be reproduced.)

    No caller uses finish's return value (relay.py calls it six times, always as a statement), so the
    SELECT that reads the row back after the UPDATE is work for nothing: one statement and one
    connection checkout per order.
    """
    from bridge import journal as J
    journal = bridge.journal

    def finish(row_id, state, status_code=None, answer=None, order_id=None, message=None):
        with journal.engine.begin() as db:
            db.execute(J.update(J.orders).where(J.orders.c.id == row_id).values(
                state=state, status_code=status_code, answer=None if answer is None else J.json.dumps(answer),
                order_id=order_id, message=message, updated_at=time.time()))
    journal.finish = finish


def claim_without_read_back(bridge):
    """bridge/journal.py Journal.claim: after a successful INSERT, return the row built from the values
    inserted and the new id instead of reading it back (`Claim(self.get(row_id), True)` becomes
    `Claim(_inserted(values, row_id), True)` with the columns the INSERT did not set as None).

    The row is exactly what was just written in this transaction; only the path that did not insert
    (a repeat) needs to read.
    """
    from bridge import journal as J
    journal = bridge.journal
    original = journal.claim
    unset = {"status_code": None, "answer": None, "order_id": None, "message": None}

    def claim(userid, kind, confirm_id, target, api_version, account, summary, request):
        now = time.time()
        values = dict(userid=userid, kind=kind, confirm_id=confirm_id, target=target, api_version=api_version,
                      account=account, summary=summary, request=J.canonical(request), state=J.PENDING, attempts=1,
                      created_at=now, updated_at=now)
        try:
            with journal.engine.begin() as db:
                row_id = db.execute(insert(J.orders).values(**values)).inserted_primary_key[0]
            return J.Claim({**values, **unset, "id": row_id}, True)
        except J.IntegrityError:
            pass
        return original(userid, kind, confirm_id, target, api_version, account, summary, request)
    journal.claim = claim


def environment_once(bridge):
    """bridge/upstream.py Upstream.__init__: read the proxy and CA-bundle settings from the environment
    once, at start-up, instead of on every request.

    requests.Session.request calls merge_environment_settings on every call when trust_env is True,
    which walks os.environ for *_proxy / no_proxy variables and REQUESTS_CA_BUNDLE each time. The change:

        proxies = requests.utils.get_environ_proxies(self.base_url)
        verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        self.session.trust_env = False          # no per-request look-ups (nor ~/.netrc)
        self.session.proxies.update(proxies)
        self.session.verify = verify

    Same behaviour for a process whose environment does not change after start-up (a server's).
    """
    session = bridge.upstream.session
    proxies = requests.utils.get_environ_proxies(bridge.upstream.base_url)
    session.trust_env = False
    session.proxies.update(proxies)
    session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True


def prepared_statements(bridge):
    """bridge/journal.py: build the claim's INSERT and the finish's UPDATE once, with bind parameters,
    and execute them with a parameter dict, instead of building a new statement object per order
    (`insert(orders).values(**values)`), which SQLAlchemy must coerce and hash into a cache key each time.

        _INSERT = insert(orders)
        _FINISH = update(orders).where(orders.c.id == bindparam("row_id")).values(
            state=bindparam("state"), status_code=bindparam("status_code"), ...)
        db.execute(_FINISH, {"row_id": row_id, "state": state, ...})

    Applied on top of finish_without_read_back and claim_without_read_back.
    """
    from bridge import journal as J
    journal = bridge.journal
    original_claim = journal.claim
    unset = {"status_code": None, "answer": None, "order_id": None, "message": None}
    insert_order = insert(J.orders)
    finish_order = update(J.orders).where(J.orders.c.id == bindparam("row_id")).values(
        state=bindparam("state"), status_code=bindparam("status_code"), answer=bindparam("answer"),
        order_id=bindparam("order_id"), message=bindparam("message"), updated_at=bindparam("updated_at"))

    def claim(userid, kind, confirm_id, target, api_version, account, summary, request):
        now = time.time()
        values = dict(userid=userid, kind=kind, confirm_id=confirm_id, target=target, api_version=api_version,
                      account=account, summary=summary, request=J.canonical(request), state=J.PENDING, attempts=1,
                      created_at=now, updated_at=now)
        try:
            with journal.engine.begin() as db:
                row_id = db.execute(insert_order, values).inserted_primary_key[0]
            return J.Claim({**values, **unset, "id": row_id}, True)
        except J.IntegrityError:
            pass
        return original_claim(userid, kind, confirm_id, target, api_version, account, summary, request)

    def finish(row_id, state, status_code=None, answer=None, order_id=None, message=None):
        with journal.engine.begin() as db:
            db.execute(finish_order, {"row_id": row_id, "state": state, "status_code": status_code,
                                      "answer": None if answer is None else J.json.dumps(answer),
                                      "order_id": order_id, "message": message, "updated_at": time.time()})
    journal.claim = claim
    journal.finish = finish


def grant_cache(bridge, seconds=2.0):
    """bridge/grants.py GrantStore.by_access_token: remember token hash -> Grant in the process for a
    couple of seconds. NOT clearly right: a logout (revoke) in one worker would still be honoured by
    another worker for up to `seconds`. Measured only to show what the lookup costs.
    """
    grants = bridge.grants
    original = grants.by_access_token
    cache = {}

    def by_access_token(token):
        now = time.monotonic()
        hit = cache.get(token)
        if hit and hit[0] > now:
            return hit[1]
        grant = original(token)
        if grant is not None:
            cache[token] = (now + seconds, grant)
        return grant
    grants.by_access_token = by_access_token


# In the order they are applied cumulatively by `python -m bench.profile --ab`.
PROPOSALS = {
    "finish": finish_without_read_back,
    "claim": claim_without_read_back,
    "env": environment_once,
    "prepared": prepared_statements,
    "grantcache": grant_cache,
}

