"""Scheduled work of the steering module (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import services


@db_periodic_task(crontab(hour="7", minute="15"))
def convention_renewal_alerts() -> int:
    """Every morning: alert the MDE's administrators of conventions entering their renewal period."""
    return services.send_renewal_alerts()
