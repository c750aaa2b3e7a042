"""The v3 sign-in's id_tokens: RS256 JWTs signed with a key this simulator makes on first use, whose public half
it publishes as a JWKS (/.well-known/jwks.json), as TradeStation's Auth0 host does.

SIM_ID_TOKEN makes the next id_tokens wrong on purpose, one way each, so a client's checks can be shown to
refuse them: signed with another key, unsigned (alg none), for another audience or issuer, expired, or
carrying another nonce.
"""

import secrets
import threading

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

ALGORITHM = "RS256"
GOOD = "good"
FAULTS = (GOOD, "forged", "unsigned", "wrong_aud", "wrong_iss", "expired", "wrong_nonce")


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class IdTokenSigner:
    def __init__(self):
        # The key is made on first use: an RSA key costs a tenth of a second of CPU, and most simulators
        # (every test starts one, and /admin/reset makes a new signer) never sign in through the v3 face.
        self._made = None
        self._making = threading.Lock()
        self.kid = secrets.token_hex(8)

    @property
    def _key(self):
        with self._making:
            if self._made is None:
                self._made = _new_key()
            return self._made

    def jwks(self):
        """The public key set, as an Auth0 tenant's /.well-known/jwks.json serves it."""
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": ALGORITHM}]}

    def sign(self, claims, fault=GOOD):
        """The JWT of these claims (iss, sub, aud, iat, exp and, when asked for, nonce), spoilt as `fault` says."""
        claims = dict(claims)
        key, algorithm = self._key, ALGORITHM
        if fault == "forged":
            key = _new_key()        # the same kid, another key: only the signature tells
        elif fault == "unsigned":
            key, algorithm = None, "none"
        elif fault == "wrong_aud":
            claims["aud"] = "someone-else"
        elif fault == "wrong_iss":
            claims["iss"] = "https://signin.example.com/"
        elif fault == "expired":
            claims["iat"], claims["exp"] = claims["iat"] - 7200, claims["iat"] - 3600
        elif fault == "wrong_nonce":
            claims["nonce"] = secrets.token_urlsafe(16)
        return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": self.kid})

    def valid(self, token):
        """Whether an id_token carries this process's signature (for tests and the curious)."""
        try:
            jwt.decode(token, self._key.public_key(), algorithms=[ALGORITHM], options={"verify_aud": False})
        except jwt.InvalidTokenError:
            return False
        return True
