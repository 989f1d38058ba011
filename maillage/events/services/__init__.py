"""Writes of the events module, one function per use case, transactional (split by topic)."""


class EventsError(Exception):
    """A refusal to show the user as is (French)."""


class EventFull(EventsError):
    pass


class SlotTaken(EventsError):
    pass
