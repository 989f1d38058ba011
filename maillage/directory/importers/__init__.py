"""Import of directory files: data·inclusion schema v1 (JSON, CSV) and other layouts through a column mapping.

Every row becomes a schema v1 record, is validated by the national package, and is either stored or
reported with its reason, in French, with its line number. Values of older schema versions are mapped
where the schema's history allows (``data/reference/directory/thematiques_v0_v1.csv``, ``PROFILS_V0``)
and reported otherwise. Coordinates are checked against the commune: a lost sign is restored from
the commune's centroid, a point nearer another commune is flagged.

Input is bounded before it is read (``MAX_BYTES``, ``MAX_ROWS``). By topic: ``files`` (fields,
presets, reading), ``convert`` (formats, communes, the row Converter), ``store`` (the Importer, its
report and ``import_services``).
"""

from .convert import CommuneIndex, Converter, distance_km, parse_float, parse_list
from .files import MAX_BYTES, MAX_ROWS, PENDING_DIR, PRESETS, SERVICE_FIELDS, ImportError_, guess_mapping, read_rows
from .store import Importer, Outcome, Report, import_services

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "PENDING_DIR",
    "PRESETS",
    "SERVICE_FIELDS",
    "CommuneIndex",
    "Converter",
    "ImportError_",
    "Importer",
    "Outcome",
    "Report",
    "distance_km",
    "guess_mapping",
    "import_services",
    "parse_float",
    "parse_list",
    "read_rows",
]
