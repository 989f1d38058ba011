import datetime

from maillage.events import ics


def test_text_escaping_rfc5545():
    assert ics.escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "é" * 100
    folded = ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_calendar_of_events(world):
    world.event.title = "Forum, emploi; industrie"
    body = ics.calendar([world.event], url_for=lambda e: f"http://x/{e.pk}")
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "SUMMARY:Forum\\, emploi\\; industrie\r\n" in body
    start = datetime.datetime.combine(world.event.start_date, datetime.time(9, 0))
    assert "DTSTART:" in body and body.endswith("END:VCALENDAR\r\n")
    assert str(start.year) in body
