from maillage.kernel.plugins import Card


def cards(user) -> list[Card]:
    return []
