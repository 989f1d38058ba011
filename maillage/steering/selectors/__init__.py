"""Reads of the steering module (plan, FSE+, reporting), aggregations in SQL."""
