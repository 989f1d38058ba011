"""The Redis task path (production): a task enqueued by a web process is run by a worker.

Skipped when REDIS_URL is unset, unless MAILLAGE_REQUIRE_REDIS=1 (CI), which turns a missing
Redis into a failure instead of a silent skip.
"""

import os

import pytest
from huey import RedisHuey

from maillage.core.tasks import demo_count_communes
from maillage.kernel import tasks
from maillage.kernel.models import TaskRun
from tests.factories import CommuneFactory

REDIS_URL = os.environ.get("REDIS_URL", "")

if not REDIS_URL and os.environ.get("MAILLAGE_REQUIRE_REDIS") == "1":
    raise RuntimeError("MAILLAGE_REQUIRE_REDIS=1 mais REDIS_URL n'est pas défini.")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL non défini")


def test_settings_select_redis_huey():
    from huey.contrib.djhuey import HUEY

    assert isinstance(HUEY, RedisHuey)


@pytest.mark.django_db(transaction=True)
def test_task_goes_through_redis_queue_and_worker_runs_it():
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    CommuneFactory.create_batch(2)
    run = tasks.start_task_run("demo", "redis")
    previous = HUEY.immediate
    HUEY.immediate = False
    try:
        demo_count_communes(run.pk, step_delay=0)
        assert HUEY.pending_count() == 1  # stored in Redis, not run inline
        message = HUEY.dequeue()
        HUEY.execute(message)  # what a worker process does
    finally:
        HUEY.immediate = previous
        HUEY.flush()
    run.refresh_from_db()
    assert run.status == TaskRun.Status.DONE
    assert run.result["communes"] == 2


def test_sessions_are_read_from_redis_and_kept_in_the_database(client, db):
    from django.conf import settings
    from django.contrib.sessions.models import Session

    from maillage.accounts.models import Role
    from tests.factories import user_with_role

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    client.force_login(user_with_role(Role.FACILITATOR))
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    assert client.get("/").status_code == 200


def test_the_redis_cache_reuses_one_client_and_stays_a_cache():
    """Django's backend built a new ``redis.Redis`` (and its table of response callbacks) per
    operation; ours keeps one per connection pool, and still reads what it writes."""
    from django.core.cache import cache

    client = cache._cache.get_client("k")
    assert cache._cache.get_client("other", write=True) is client
    cache.set("maillage-test:reuse", {"a": 1}, 30)
    assert cache.get("maillage-test:reuse") == {"a": 1}
    cache.set("maillage-test:reuse-n", 1, 30)
    assert cache.incr("maillage-test:reuse-n") == 2
    cache.delete_many(["maillage-test:reuse", "maillage-test:reuse-n"])
    assert cache.get("maillage-test:reuse") is None
