"""The Valkey/Redis backend (``--store redis://host:port/db``): the state of several server processes and replicas
in one shared server, so a token issued by one is accepted by all, a revocation is seen by all at once, and a
one-use code or challenge is used once across all of them (atomically, in the server: ``GETDEL``, Lua scripts).

Needs the ``redis`` extra (``pip install 'authkit-mockserver[redis]'``); only imported when the option is given.
"""
