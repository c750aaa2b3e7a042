"""TradeStation's documented authorization examples, as data: each request byte for byte as its page prints
it, the page it comes from, the API key it was made with, and the answer's documented body.

The pages are the same in tradestation/webapi-docs and tradestation/webapi-docs-v2 (the 2015 copy writes its
host as `[jp-]api.tradestation.com`). The printed `Content-Length` headers are not the bodies' lengths (610
for a body of 143 bytes): the requests are sent with their true lengths, as any HTTP client does.
"""

from dataclasses import dataclass

SECURITY_OVERVIEW = ("tradestation/webapi-docs: en/getting-started/security-overview.md",
                     "tradestation/webapi-docs-v2: en/getting-started/security-overview.md")
AUTHORIZE = ("tradestation/webapi-docs: en/security/authorize.md",
             "tradestation/webapi-docs-v2: en/security/authorize.md")
TOKEN_PATH = "/v2/Security/Authorize"     # as every example writes it


@dataclass(frozen=True)
class TokenExample:
    id: str
    sources: tuple
    body: str                   # the form body, byte for byte
    client: dict                # the API key the example uses, registered with the simulator (SIM_CLIENTS)
    answer: dict                # the documented response body
    grant: dict = None          # the code or refresh token the example carries, planted before it is sent
    headers: tuple = (("Content-Type", "application/x-www-form-urlencoded"),)
    same: tuple = ()            # keys whose documented values come back exactly


TOKEN_EXAMPLES = [
    TokenExample(
        id="webapi-docs/en/security/authorize.md::Example Request (authorization_code)",
        sources=tuple(f"{page} (Example Request)" for page in AUTHORIZE),
        body="grant_type=authorization_code&code=K29qbmpGSEFDMLS0c=&client_id=42545245"
             "&redirect_uri=/webapi/authorize/authcodetest.aspx&client_secret=2452345",
        client={"42545245": {"secret": "2452345", "redirect_uris": ["/webapi/authorize/authcodetest.aspx"]}},
        grant={"code": "K29qbmpGSEFDMLS0c=", "client_id": "42545245",
               "redirect_uri": "/webapi/authorize/authcodetest.aspx"},
        answer={"expires_in": 21943, "token": "ZFhZcGUzQ3lsblJEpiVDA9", "token_type": None, "userid": "testuser"}),
    TokenExample(
        id="webapi-docs/en/getting-started/security-overview.md::Authorization Code Example Request",
        sources=tuple(f"{page} (Authorization Code - Grant Type, Example Request)" for page in SECURITY_OVERVIEW),
        body="grant_type=authorization_code&client_id=11111111-1111-1111-1111-111111111111&redirect_uri=test.aspx"
             "&client_secret=11111111-1111-1111-1111-111111111111"
             "&code=YjlkWDRqVmxlRXphaZzM1NWQ1MzZtVVFJQXFkcmk3eldOSjRUSDJHSklqN1dMNkk=&response_type=token",
        client={"11111111-1111-1111-1111-111111111111": {"secret": "11111111-1111-1111-1111-111111111111",
                                                         "redirect_uris": ["test.aspx"]}},
        grant={"code": "YjlkWDRqVmxlRXphaZzM1NWQ1MzZtVVFJQXFkcmk3eldOSjRUSDJHSklqN1dMNkk=",
               "client_id": "11111111-1111-1111-1111-111111111111", "redirect_uri": "test.aspx"},
        answer={"RefreshToken": "eGlhc2xvTTVJaEdXMWs4VjhraWx4bk5QMHJMaA==", "expires_in": 29367,
                "token": "eGlhc2xvozT2IxWnVITmdwGVFPQ==", "token_type": "AccessToken", "userid": "testUser"},
        same=("token_type",)),
    TokenExample(
        id="webapi-docs/en/security/authorize.md::Using Refresh Tokens, Example Request",
        sources=tuple(f"{page} (Using Refresh Tokens, Example Request)" for page in AUTHORIZE),
        body="grant_type=refresh_token&client_id=123456&redirect_uri=http://www.myredirect.com&client_secret=789456"
             "&refresh_token=1234myRefreshToken56789",
        client={"123456": {"secret": "789456", "redirect_uris": ["http://www.myredirect.com"]}},
        grant={"refresh_token": "1234myRefreshToken56789", "client_id": "123456"},
        # The page prints no response; it returns the Access Token Response, whose page's example this is.
        answer={"expires_in": 21943, "token": "ZFhZcGUzQ3lsblJEpiVDA9", "token_type": None, "userid": "testuser"}),
    TokenExample(
        id="webapi-docs/en/getting-started/security-overview.md::Client Credentials Example Request",
        sources=tuple(f"{page} (Client Credentials - Grant Type, Example Request)" for page in SECURITY_OVERVIEW),
        body="grant_type=client_credentials&client_id=123456&client_secret=78910",
        headers=(("Accept", "application/json"), ("Content-Type", "application/x-www-form-urlencoded")),
        client={"123456": {"secret": "78910", "redirect_uris": ["http://www.myredirect.com"]}},
        answer={"expires_in": 21943, "token": "ZFhZcGUzQ3lsbMEpiVDA9", "token_type": None,
                "userid": "CLIENTONLYLOGIN"},
        same=("token_type", "userid")),
]

# The Security Overview's example authorization page URL (step 1), and the Authorize Uri it links to.
AUTHORIZE_PAGE_QUERY = "redirect_uri=https://exampleclientapp.com/authcode.aspx&client_id=D7635234&response_type=code"
AUTHORIZE_PAGE_PATHS = ("/v2/authorize/", "/v2/authorize")
AUTHORIZE_PAGE_CLIENT = {"D7635234": {"secret": "not-printed",
                                      "redirect_uris": ["https://exampleclientapp.com/authcode.aspx"]}}
# Step 2's Example Redirect: "HTTP 301 Redirect", to the redirect URI with the code in its query.
REDIRECT_STATUS = 301
REDIRECT_PREFIX = "https://exampleclientapp.com/authcode.aspx?code="
