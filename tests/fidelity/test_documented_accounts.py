"""A user's accounts in each dialect's documented Account Info shape."""

from tests.fidelity.shapes import same_shape

# tradestation/webapi-docs: en/users/get-user-accounts.md (Example Response), its first entry.
CLASSIC = {"Key": 987654, "Name": "9876543 MyName", "Type": "C", "TypeDescription": "Cash"}
# tradestation/webapi-docs: en/objects/account-info.md, the fields its example leaves out.
CLASSIC_OBJECT = {"Alias": "", "AltId": "", "DisplayName": "", "IsStockLocateEligible": False}
# tradestation/webapi-docs-v2: en/users/get-user-accounts.md (Example Response), its first entry, and the
# Restrictions of en/objects/account-info.md.
GLOBAL = {"Id": "JPEQ10134", "AccountDisplayName": "150-10134", "Status": "Open",
          "AllowedFundSources": ["Cash", "StandardMargin", "NegotiatedMargin"], "AllowedAssets": ["Equity"]}


def test_the_classic_accounts_have_the_documented_shape(sim):
    """tradestation/webapi-docs: en/users/get-user-accounts.md and en/objects/account-info.md."""
    answer = sim.call("GET", "/users/demo/accounts", token=sim.token())
    assert answer.status_code == 200
    for entry in answer.json():
        same_shape({**CLASSIC, **CLASSIC_OBJECT}, entry)
    assert {entry["Type"] for entry in answer.json()} == {"C", "M", "F", "X"}


def test_the_2015_accounts_have_the_documented_shape(sim):
    """tradestation/webapi-docs-v2: en/users/get-user-accounts.md and en/objects/account-info.md."""
    answer = sim.call("GET", "/users/demo/accounts", token=sim.token(), api_version="20150601")
    assert answer.status_code == 200
    for entry in answer.json():
        same_shape({key: value for key, value in GLOBAL.items() if not isinstance(value, list)}, entry)
        assert all(isinstance(entry[key], list) and all(isinstance(item, str) for item in entry[key])
                   for key in ("AllowedFundSources", "AllowedAssets", "Restrictions"))
