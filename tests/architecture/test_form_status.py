"""One answer for a form posted with errors: its page again, with the errors and what was typed, in status
200 (README, « formulaires qui valident »). Three modules answered 400 where six answered 200; the API
(``api.py``) keeps DRF's 400, and a page that is not a form (an expired link) may still say 400."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "maillage"
# A status chosen from the form's state: ``status=400 if form.is_bound``, ``… else 400``.
FORM_400 = re.compile(r"400 if [^\n]*(form|posted|errors|is_bound)|(form|survey)[^\n]* else 400")


def test_no_page_answers_a_refused_form_with_400():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if "/migrations/" not in path.as_posix() and path.name != "api.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FORM_400.search(line)
    ]
    assert offenders == []
