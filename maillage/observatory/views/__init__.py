from .diagnostic import home  # noqa: F401
