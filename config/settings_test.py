"""Test settings: the normal settings with tasks run inline and fast password hashing."""

from .settings import *  # noqa: F403
from .settings import HUEY

HUEY = {**HUEY, "immediate": True}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
