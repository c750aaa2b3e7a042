"""The bridge's connections to TradeStation: one keep-alive pool for the upstream's host, asked by path,
reached through the proxy the environment names (https), never through one for a loopback upstream."""

from bridge.settings import Settings
from bridge.upstream import Upstream
from harness.jsonp import unwrap
from harness.orders import classic_order


def upstream(base_url):
    return Upstream(Settings(base_url=base_url, client_id="client", client_secret="secret"))


def test_an_https_upstream_is_reached_through_the_proxy_the_environment_names(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    pool = upstream("https://api.tradestation.com/v2").pool
    # A tunnel: the pool is the upstream host's, its connections go by the proxy.
    assert (pool.host, pool.port) == ("api.tradestation.com", 443)
    assert pool.proxy is not None and pool.proxy.host == "proxy.example"


def test_a_loopback_upstream_is_reached_directly_whatever_proxy_the_environment_names(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    pool = upstream("http://127.0.0.1:5001/v2").pool
    assert (pool.host, pool.port) == ("127.0.0.1", 5001)
    assert pool.proxy is None


def test_calls_name_the_path_under_the_base_url():
    assert upstream("https://api.tradestation.com/v2").target("/orders") == "/v2/orders"
    assert upstream("https://api.tradestation.com/v2/").target("/orders") == "/v2/orders"
    assert upstream("http://127.0.0.1:5001").target("/orders") == "/orders"


def test_orders_relayed_one_after_another_reach_tradestation_through_the_one_pool(app, trader, simulator_stats):
    before = simulator_stats()["orders"]
    for _ in range(3):
        [result] = unwrap(trader.jsonp("send", data=classic_order()))
        assert result["OrderStatus"] == "Ok"
    assert simulator_stats()["orders"] == before + 3
    # Every order went by the upstream host's pool: no other pool was made for a URL.
    assert app.extensions["tsbridge"].upstream.pool.num_requests >= 3
