"""Django's Redis cache, with one client per connection pool instead of one per operation.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache operation,
and each new client copies redis-py's table of ~170 response callbacks: on a page that reads the
session, the memberships and the MDE's settings, that was about a millisecond of CPU per request
(``bench/load.py``, issue #9). A ``redis.Redis`` is thread-safe (each command takes a connection
from the pool), so one per pool is enough; the pools themselves stay Django's.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
