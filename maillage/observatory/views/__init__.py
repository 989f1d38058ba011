from .data import datasets, fap_rome_table, import_errors, import_mapping, import_report, import_upload  # noqa: F401
from .diagnostic import choose, comment, diagnostic, export, home, map_geojson  # noqa: F401
from .documents import (  # noqa: F401
    document_detail,
    document_list,
    public_document,
    public_list,
    version_export,
    version_validate,
)
from .gpect import action_edit, branch_detail, branch_list, project_detail, project_list  # noqa: F401
from .metier import metier_page, metier_search, tension  # noqa: F401
