"""Database upkeep the application does itself.

After a bulk load (reference data, demo, imports) the planner must see the new sizes of the tables:
PostgreSQL plans with the statistics of its last ``ANALYZE``, and a table loaded since then looks empty
to it (one of the clauses dashboard's queries ran 10 times slower, a nested loop over 6,000 statements
estimated at 4). Autovacuum refreshes them eventually, when it is on; a restored dump has none at all.
"""

from django.db import connections


def refresh_planner_statistics(using: str = "default") -> None:
    """``ANALYZE`` on PostgreSQL, ``PRAGMA optimize`` on SQLite (which analyses the tables that need it)."""
    connection = connections[using]
    statement = {"postgresql": "ANALYZE", "sqlite": "PRAGMA optimize"}.get(connection.vendor)
    if statement:
        with connection.cursor() as cursor:
            cursor.execute(statement)
