"""One package per API. Each holds everything only that API uses, and its ``setup(app, runtime)`` adds the API's
routes, seed and state to ``app``. An API package imports :mod:`authkit_mock.core` and the generated models, never
another API (``tests/server/test_layout.py`` enforces it)."""
