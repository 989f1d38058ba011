"""Scheduled tasks of the directory (Huey periodic tasks, registered through ``module.py``)."""

from huey import crontab
from huey.contrib.djhuey import periodic_task


@periodic_task(crontab(hour="7", minute="10"))
def referrals_remind_and_expire() -> dict[str, int]:
    """Daily: reminder after 10 days without answer, expiry after 30 days."""
    from .services import remind_and_expire

    return remind_and_expire()


@periodic_task(crontab(day_of_week="1", hour="7", minute="20"))
def listings_check_reminders() -> int:
    """Weekly: the editors of listings not checked for six months are asked to check them."""
    from .services import send_check_reminders

    return send_check_reminders()
