"""Reads of the jobs module (offers, candidates, applications), already scoped by the policies."""
