def indicators() -> list:
    return []
