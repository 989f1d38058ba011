"""Gunicorn settings for production (``gunicorn -c config/gunicorn.py config.wsgi``), from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Idle connections kept open longer than the reverse proxy's (and a load bench's) reuse of them: with
# gunicorn's 2 s default, a request sent on a connection the server is just closing fails (found by
# bench/load.py: 15 « ReadError » in 13,000 requests).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "30"))
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# The access log carries no query strings: search terms may contain personal data.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
