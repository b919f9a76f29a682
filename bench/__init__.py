"""``scripts/bench``: throughput, latency, start time, memory and SDK overhead of the reference server.

Side by side in one run, on this machine: the reference server, Prism's mock of the same spec, and a bare aiohttp
handler returning the same bytes (the floor of the framework here). See ``python -m bench --help``.
"""
