"""Writes of the jobs module, one function per use case (offers, candidates, applications, imports)."""
