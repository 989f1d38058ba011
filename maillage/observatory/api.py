def register(router) -> None:
    return None
