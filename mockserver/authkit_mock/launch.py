"""The ``authkit-mock`` command: :func:`authkit_mock.cli.main`, with the cyclic garbage collector's older
generations held back while the program loads.

Loading the server (aiohttp, pydantic, ``cryptography``, PyJWT, the five APIs and their models) makes about 100,000
objects, nearly all of which live as long as the process. With CPython's default thresholds, the collections of the
older generations walked them again and again while the server started (12 of the middle generation and one full
collection: about 30 ms) and found next to nothing. While the program loads, only young objects are collected (as
often as by default: what dies young is still freed; switching the collector off altogether kept about 0.7 MiB
more), and what lives is not walked again. ``serve`` then freezes the start-up objects and sets the thresholds it
serves with (:func:`~authkit_mock.cli.tune_garbage_collector`); the other commands are short or mostly wait.

The command also tells pydantic to look for no plugins (``PYDANTIC_DISABLE_PLUGINS``, unless the environment sets
it): otherwise the first model pydantic builds reads the entry points of every installed distribution to find
plugins (5-7 ms of the start in a development environment), and the server uses none. Set the variable to an empty
value to have pydantic load its plugins in the server too.

This is a module of its own, imported by nothing, so that the thresholds are set before the heavy imports and never
for a program that merely imports ``authkit_mock`` (the pytest plugin, ``authkit_mock.testing``).
"""

from __future__ import annotations

import gc
import os

__all__ = ["HELD_BACK", "main"]

HELD_BACK = 1_000
"""The older generations' thresholds while the program loads: a collection of the middle generation after 1,000 of
the young one (CPython's default: 10), which the start, about 140 young collections, never reaches."""


def main(argv: list[str] | None = None) -> int:
    """Run ``authkit-mock``; returns the process exit status."""
    young, _, _ = gc.get_threshold()
    gc.set_threshold(young, HELD_BACK, HELD_BACK)
    # https://docs.pydantic.dev/latest/concepts/plugins/ ("__all__": no plugin is looked for nor loaded).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from authkit_mock.cli import main as run_command

    return run_command(argv)
