"""WebAPI v2's renderings of the simulator's objects, in both dialects (classic 20101026; 2015 20150101 and
20150601). The views that answer with them are simulator/api.py, jsonp_views.py, symbol_views.py and
stream_views.py."""
