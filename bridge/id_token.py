"""Who signed in at API v3: the id_token's `sub`, believed only once the token is proven TradeStation's.

OpenID Connect Core 1.0 section 3.1.3.7: the token must be signed by the sign-in host (checked with the keys
it publishes at /.well-known/jwks.json, RS256 only, never `none`), issued by it (`iss`), for this bridge's
API key (`aud`), not expired (`exp`), and for this very login (the `nonce` the bridge sent to /authorize).
"""

from __future__ import annotations

import hmac

import jwt

# Auth0 signs id_tokens with RS256; an allow-list of one shuts out `none` and the HS256-with-the-public-key trick.
ALGORITHMS = ["RS256"]
# Clocks differ a little between TradeStation and here.
LEEWAY_SECONDS = 60
# How long fetched keys are trusted before being fetched again (an unknown kid fetches at once).
KEYS_LIFESPAN = 3600


class IdTokenRefused(Exception):
    """The id_token cannot be believed; the message says why, for the login page."""


class IdTokenVerifier:
    def __init__(self, signin_url: str, client_id: str, timeout: float) -> None:
        root = signin_url.rstrip("/")
        self.issuer = root + "/"        # Auth0's `iss` is its host with a trailing slash
        self.client_id = client_id
        self.keys = jwt.PyJWKClient(root + "/.well-known/jwks.json", cache_keys=True, lifespan=KEYS_LIFESPAN,
                                    timeout=timeout)

    def subject(self, id_token: str, nonce: str) -> str:
        """The `sub` of a verified id_token, or IdTokenRefused."""
        try:
            key = self.keys.get_signing_key_from_jwt(id_token)
        except jwt.PyJWKClientConnectionError as error:
            raise IdTokenRefused("TradeStation's sign-in keys could not be fetched to check who logged in") \
                from error
        except (jwt.PyJWKClientError, jwt.DecodeError) as error:
            raise IdTokenRefused("its id_token is not signed with a key TradeStation publishes") from error
        try:
            claims = jwt.decode(id_token, key.key, algorithms=ALGORITHMS, audience=self.client_id,
                                issuer=self.issuer, leeway=LEEWAY_SECONDS,
                                options={"require": ["iss", "aud", "exp", "sub"]})
        except jwt.ExpiredSignatureError as error:
            raise IdTokenRefused("its id_token has expired") from error
        except jwt.InvalidAudienceError as error:
            raise IdTokenRefused("its id_token was issued to another application") from error
        except jwt.InvalidIssuerError as error:
            raise IdTokenRefused("its id_token was issued by another sign-in host") from error
        except jwt.InvalidAlgorithmError as error:
            raise IdTokenRefused("its id_token is not signed as TradeStation signs") from error
        except jwt.InvalidSignatureError as error:
            raise IdTokenRefused("its id_token's signature is not TradeStation's") from error
        except jwt.InvalidTokenError as error:
            raise IdTokenRefused(f"its id_token is not valid ({error})") from error
        sent = claims.get("nonce")
        if not isinstance(sent, str) or not hmac.compare_digest(sent, nonce):
            raise IdTokenRefused("its id_token belongs to another login")
        subject = claims["sub"]
        if not isinstance(subject, str) or not subject:
            raise IdTokenRefused("its id_token names no user")
        return subject
