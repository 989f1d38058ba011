"""Priors of the offer coder from public hiring statistics: which trades are hired, and by which sector.

La Bonne Boite's national hirings by ROME v3 job × NAF sous-classe
(``data/reference/labour-market/rome_naf_mapping.csv.gz``, France Travail open data, bundled) give:

* **popularity**: how many hirings a fiche's ROME v3 job counts (log scale, 0..1). An ambiguous
  title (« Électricien », « Agent de production », « Monteur ») is far more often the common trade
  (electrician in buildings, production operator) than the rare one (network fitter, video editor);
* **sector**: for the employer's NAF sous-classe, each ROME v3 job's share of its hirings (0..1,
  the sector's first job at 1). A cleaning company's « chef d'équipe » leads a cleaning team.

Both are spread to the ROME 4.0 fiches through their v3 parent code. No offer is read: the coder
stays free of the real offers it is evaluated on.
"""

from __future__ import annotations

import csv
import gzip
import math
from collections import defaultdict
from pathlib import Path

import numpy as np


def hiring_priors_path() -> Path:
    from django.conf import settings

    return Path(settings.REFERENCE_DATA_DIR) / "labour-market" / "rome_naf_mapping.csv.gz"


def naf_key(code: str) -> str:
    """« 81.21Z » and « 8121Z » alike."""
    return code.replace(".", "").replace(" ", "").upper()


class HiringPriors:
    """Per-fiche popularity and per-sector shares, rows following ``fiche_codes``."""

    def __init__(self, fiche_codes: list[str], parents: dict[str, str], path: Path | None = None):
        self.size = len(fiche_codes)
        hirings: dict[str, int] = defaultdict(int)
        by_naf: dict[str, dict[str, int]] = defaultdict(dict)
        path = path or hiring_priors_path()
        if path.exists():
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    try:
                        count = int(row.get("hirings") or 0)
                    except ValueError:
                        continue
                    v3, naf = (row.get("rome_id") or "").strip().upper(), naf_key(row.get("naf_id") or "")
                    if v3 and naf and count > 0:
                        hirings[v3] += count
                        by_naf[naf][v3] = by_naf[naf].get(v3, 0) + count
        v3_of = [parents.get(code) or code for code in fiche_codes]
        top = max((math.log1p(c) for c in hirings.values()), default=1.0) or 1.0
        self.popularity = np.array([math.log1p(hirings.get(v3, 0)) / top for v3 in v3_of], dtype=np.float32)
        self._rows_of_v3: dict[str, list[int]] = defaultdict(list)
        for row, v3 in enumerate(v3_of):
            self._rows_of_v3[v3].append(row)
        self._by_naf = {naf: dict(counts) for naf, counts in by_naf.items()}

    def sector(self, naf_code: str) -> np.ndarray | None:
        """Each fiche's share of the sector's hirings, scaled so that the sector's first job is 1."""
        counts = self._by_naf.get(naf_key(naf_code))
        if not counts:
            return None
        vector = np.zeros(self.size, dtype=np.float32)
        first = max(counts.values())
        for v3, count in counts.items():
            vector[self._rows_of_v3.get(v3, [])] = count / first
        return vector
