"""The floor: a bare aiohttp server answering fixed bytes on the measured paths (no middleware, no logic).

Run as ``python -m bench.floor --port P --bodies FILE`` where FILE maps ``"METHOD PATH"`` to the body text; what
it measures is the cost of aiohttp's HTTP handling alone on this machine.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from aiohttp import web


def create_app(bodies: dict[str, str]) -> web.Application:
    """An app with one handler per ``"METHOD PATH"``, each returning its body as JSON bytes."""
    app = web.Application()
    for key, text in bodies.items():
        method, path = key.split(" ", 1)
        payload = text.encode()

        async def handler(_: web.Request, payload: bytes = payload) -> web.Response:
            return web.Response(body=payload, content_type="application/json")

        app.router.add_route(method, path, handler)
    return app


def main() -> None:
    """Serve until terminated."""
    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--bodies", type=Path, required=True)
    args = parser.parse_args()
    bodies = json.loads(args.bodies.read_text(encoding="utf-8"))
    web.run_app(create_app(bodies), host="127.0.0.1", port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
