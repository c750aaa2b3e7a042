"""Every route of the bridge's own fails the same way: JSON for the page's calls, a page for a person."""

import requests


def test_an_unknown_page_is_the_bridges_own_page(bridge):
    answer = requests.get(f"{bridge.url}/no-such-page", timeout=10)
    assert answer.status_code == 404 and answer.headers["Content-Type"].startswith("text/html")
    assert "Back to the ticket" in answer.text and "Werkzeug" not in answer.text


def test_the_pages_calls_fail_in_json(bridge):
    for path in ("/journal", "/auth/token", "/auth/no-such-call"):
        answer = requests.get(f"{bridge.url}{path}", timeout=10)
        assert answer.headers["Content-Type"] == "application/json", path
        assert set(answer.json()) == {"error"} and answer.json()["error"], path
    assert requests.get(f"{bridge.url}/journal", timeout=10).json() == {"error": "Not logged in."}


def test_a_wrong_method_and_an_expired_form_are_pages_too(trader):
    refused = trader.http.post(f"{trader.bridge}/logout", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    assert "The form has expired" in refused.text and "<h2>Forbidden</h2>" in refused.text
    wrong = trader.http.delete(f"{trader.bridge}/")
    assert wrong.status_code == 405 and "Back to the ticket" in wrong.text
