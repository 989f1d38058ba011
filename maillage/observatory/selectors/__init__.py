"""Reads of the observatory: scopes and roll-ups, diagnostics, métier pages, the local tension proxy."""
