"""Permission matrix of the observatory module (see tests/matrix/__init__.py).

Home side: the shared diagnostic of EPCI A (version 1 validated and published, version 2 a draft),
company A's GPECT project in EPCI A with one action, a branch partnership. Far side (``OBJECTS``):
EPCI B's diagnostic page and export, a diagnostic of EPCI B that is only a draft (never public),
company B's GPECT project in EPCI B. Figures are aggregates shared by every reader of the
observatory (docs/observatory.md, « Qui voit quoi »): the far side differs only where a page is
public or a version is not validated (a draft is seen by its editors, the MDE's staff, only). Rows
whose arguments are ``999999`` or ``"=inconnu"`` ask for an object that does not exist: they pin who
is sent to the login page, refused or told « introuvable ».
"""

import datetime

from maillage.observatory import documents
from maillage.observatory import services as observatory_services
from maillage.observatory.models import CompanyProject, ProjectAction
from tests.matrix import row


def _project(world, name, establishment, commune):
    project = observatory_services.project_create(
        user=world.user("admin"),
        data={
            "name": name, "kind": CompanyProject.Kind.GROWTH, "company_name": establishment.name,
            "establishment": establishment, "commune": commune,
        },
    )  # fmt: skip
    observatory_services.project_add_action(
        project=project, data={"kind": ProjectAction.Kind.TRAINING, "label": "POEC maçons", "planned_people": 8}
    )
    return project


def build(world):
    admin = world.user("admin")
    world.diagnostic_document = documents.document_create(
        user=admin, title="Diagnostic d'Évreux", scope="epci:200071454"
    )
    documents.version_validate(
        version=world.diagnostic_document.latest, committee_date=datetime.date(2025, 11, 20), publish=True
    )
    documents.version_create(user=admin, document=world.diagnostic_document, sections=documents.DEFAULT_SECTIONS)
    world.far_document = documents.document_create(user=admin, title="Diagnostic Seine-Eure", scope="epci:200089456")
    world.project = _project(world, "Extension de l'atelier", world.establishment, world.commune_a)
    world.project_action = world.project.actions.get()
    world.far_project = _project(world, "Nouveau dépôt", world.far_establishment, world.commune_b)
    world.far_project_action = world.far_project.actions.get()
    world.branch = observatory_services.branch_create(data={"branch": "Bâtiment", "opco": "Constructys"})


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "observatory-diagnostics": row(
        {"kind": "=epci", "code": "=200071454"}, "401 200 200 200 200 403 200 200 403 200 403"
    ),
    "observatory-indicators": row({}, "401 400 400 400 400 403 400 400 403 400 403"),
    "observatory-tension": row({}, "401 200 200 200 200 403 200 200 403 200 403"),
    "observatory:action_edit": row({"pk": "project_action"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "observatory:branch_detail": row({"pk": "branch"}, "302 200 200 200 200 403 403 403 403 200 403"),
    "observatory:branch_list": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "observatory:choose": row({}, "302 302 302 302 302 403 302 302 403 302 403"),
    # An empty comment is refused with a message, never a 500.
    "observatory:comment": row({}, "302 302 302 302 302 403 403 403 403 302 403", method="POST"),
    "observatory:datasets": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:diagnostic": row(
        {"kind": "=epci", "code": "=200071454"}, "302 200 200 200 200 403 200 200 403 200 403"
    ),
    "observatory:document_detail": row({"pk": "diagnostic_document"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:document_list": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:export": row(
        {"kind": "=epci", "code": "=200071454", "fmt": "=csv"}, "302 200 200 200 200 403 200 200 403 200 403"
    ),
    "observatory:fap_rome": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:home": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:import_errors": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "observatory:import_report": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "observatory:import_mapping": row({}, "302 302 403 302 403 403 403 403 403 403 403"),
    "observatory:import_upload": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "observatory:map": row({"kind": "=epci", "code": "=200071454"}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:metier": row({"kind": "=inconnu", "code": "=inconnu"}, "302 404 404 404 404 403 404 404 403 404 403"),
    "observatory:metier_search": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "observatory:project_detail": row({"pk": "project"}, "302 200 200 200 200 403 403 403 403 200 403"),
    "observatory:project_list": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "observatory:public_document": row({"pk": "diagnostic_document"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "observatory:public_list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "observatory:tension": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    # Version 1 is validated: every reader exports it (version 2, a draft, is the editors' only, as the far
    # side's draft shows).
    "observatory:version_export": row(
        {"pk": "diagnostic_document", "number": 1, "fmt": "=xlsx"}, "302 200 200 200 200 403 200 200 403 200 403"
    ),
    "observatory:version_validate": row(
        {"pk": "diagnostic_document", "number": 2}, "302 302 403 302 403 403 403 403 403 403 403", method="POST"
    ),
}

# The far side: EPCI B's figures, its draft diagnostic (never published), company B's GPECT project.
OBJECTS = {
    "observatory:action_edit": row(
        {"pk": "far_project_action"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "observatory:diagnostic": row(
        {"kind": "=epci", "code": "=200089456"}, "302 200 200 200 200 403 200 200 403 200 403"
    ),
    # A document with drafts only: its editors (MDE staff) open it, other readers are told « introuvable ».
    "observatory:document_detail": row({"pk": "far_document"}, "302 200 404 200 404 403 404 404 403 404 403"),
    "observatory:export": row(
        {"kind": "=epci", "code": "=200089456", "fmt": "=xlsx"}, "302 200 200 200 200 403 200 200 403 200 403"
    ),
    "observatory:project_detail": row(
        {"pk": "far_project"}, "302 200 403 200 403 403 403 403 403 403 403", method="POST"
    ),
    "observatory:public_document": row({"pk": "far_document"}, "404 404 404 404 404 404 404 404 404 404 404"),
    "observatory:version_export": row(
        {"pk": "far_document", "number": 1, "fmt": "=pdf"}, "302 200 404 200 404 403 404 404 403 404 403"
    ),
    "observatory:version_validate": row(
        {"pk": "far_document", "number": 1}, "302 302 403 302 403 403 403 403 403 403 403", method="POST"
    ),
    "observatory-diagnostics": row(
        {"kind": "=epci", "code": "=200089456"}, "401 200 200 200 200 403 200 200 403 200 403"
    ),
}
