"""The security matrix and the bad-input corpus: the reference server attacked over loopback, one test per row."""
