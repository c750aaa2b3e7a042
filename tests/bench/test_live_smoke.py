"""The open pages' benchmark, small: a few pages' live streams against one bridge under gunicorn. Asserts what
it counts is there and every page stayed open, never timings (the full run is part of `python -m bench`)."""


def test_a_few_open_pages_are_measured_and_stay_open(bench):
    status, figures = bench("bench.live", "--pages", "5", "--seconds", "2")
    assert status == 0
    assert figures["pages"] == figures["pages_alive_at_end"] == 5
    assert figures["idle_with_orders"]["orders"] > 0 and figures["open_with_orders"]["orders"] > 0
    assert figures["open_quiet"]["cpu_s"] >= 0 and figures["upstream_calls_per_page_minute"] >= 0
    assert figures["order_p50_ratio"] > 0
