"""One module per API: each has ``setup(app, runtime)``, which adds that API's routes, seed and state to ``app``."""
