"""What every API uses: settings, the runtime, clock and entropy, errors and their rendering, the store and its
persistence, tokens and keys, request bodies, routing, the root middleware, the journal and faults.

``core`` imports nothing from ``apis``, ``idp``, ``admin`` or ``docs`` (``tests/server/test_layout.py`` enforces it).
"""
