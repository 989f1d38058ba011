"""iCalendar (RFC 5545) written by hand: text escaping (§3.3.11) and line folding at 75 octets (§3.1)."""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

PRODID = "-//Maillage//Evenements//FR"


def escape(value: str) -> str:
    """TEXT escaping: backslash, semicolon, comma and newlines."""
    return (
        str(value or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets are split, continuations start with one space; never inside a
    UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "")] or ["maillage.local"]
    return hosts[0].lstrip(".")


def vevent(event, url: str = "", now: datetime | None = None) -> list[str]:
    location = ", ".join(x for x in (event.address, event.commune.name if event.commune_id else "") if x)
    if not location and event.join_url:
        location = "En ligne"
    lines = [
        "BEGIN:VEVENT",
        f"UID:evenement-{event.pk}@{_host()}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(event.description[:1000])}",
    ]
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("STATUS:CANCELLED" if event.status == "annule" else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar(events, url_for=None, name: str = "Événements") -> str:
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += vevent(event, url_for(event) if url_for else "", now=now)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
