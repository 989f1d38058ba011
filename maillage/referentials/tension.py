"""Shortage jobs ("métiers en tension") from the bundled DARES file, through the ROME v3 parent code.

``metiers_tension.csv.gz`` gives, per FAP, a share of difficult recruitments (``tension_pct``) and
the ROME **v3** codes of the FAP. A ROME 4.0 fiche maps to v3 by ``code_rome_parent``. A job is in
shortage when the highest share among its FAP reaches ``JOBS_SHORTAGE_THRESHOLD`` (60 % by default:
about the top third of the file). A user may also set the flag by hand on an offer.

The one place that reads the file: offers (``jobs``) flag shortage jobs with ``is_shortage`` and the
company demo picks its shortage needs with ``shortage_v3_codes``.
"""

import csv
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from maillage.common_files import open_text

DEFAULT_THRESHOLD = 60.0


def _path() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "labour-market" / "metiers_tension.csv.gz"


@lru_cache(maxsize=4)
def _tension_by_v3(path: str) -> dict[str, float]:
    result: dict[str, float] = {}
    file = Path(path)
    if not file.exists():
        return result
    with open_text(file) as handle:
        for row in csv.DictReader(handle):
            code = (row.get("rome_code") or "").strip()
            try:
                value = float(row.get("tension_pct") or "")
            except ValueError:
                continue
            if code:
                result[code] = max(result.get(code, 0.0), value)
    return result


def threshold() -> float:
    return float(getattr(settings, "JOBS_SHORTAGE_THRESHOLD", DEFAULT_THRESHOLD))


def tension_of(rome_v3_code: str) -> float | None:
    """Highest share of difficult recruitments among the FAP of this ROME v3 code, or ``None``."""
    return _tension_by_v3(str(_path())).get(rome_v3_code)


def shortage_v3_codes() -> set[str]:
    """ROME v3 codes whose share of difficult recruitments reaches the threshold."""
    limit = threshold()
    return {code for code, value in _tension_by_v3(str(_path())).items() if value >= limit}


def is_shortage(fiche) -> bool:
    """Whether a ROME 4.0 fiche is a shortage job (through its v3 parent code)."""
    if fiche is None:
        return False
    value = tension_of(fiche.code_rome_parent or fiche.code)
    return value is not None and value >= threshold()
