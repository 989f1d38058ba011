"""Permission matrix of the directory module (see tests/matrix/__init__.py).

Home side: France Travail Évreux's agency (a structure of EPCI A kept by its adviser, ``partner``) with
one service, and a referral the MDE's facilitator sent there, with an attachment. Far side
(``OBJECTS``): the PLIE's structure in EPCI B, kept by its facilitator (``other_epci``), and a
referral that facilitator sent to it. Rows whose arguments are ``999999`` or ``"=inconnu"`` ask for
an object that does not exist: they pin who is sent to the login page, refused or told « introuvable ».
"""

from django.core.files.base import ContentFile

from maillage.directory import services as directory_services
from maillage.directory.models import ImportRun, ReferralAttachment
from tests.directory.conftest import make_service, make_structure
from tests.matrix import row


def _refer(user, service):
    referral = directory_services.referral_create(
        user=user, service=service, first_name="Amina", last_name="Diallo", consent=True, message="Le matin."
    )
    ReferralAttachment.objects.create(
        referral=referral, file=ContentFile(b"%PDF-1.4 cv", name="cv.pdf"), name="cv.pdf", size=11
    )
    return referral


def build(world):
    world.structure = make_structure(world.commune_a, name="France Travail Évreux", organisation=world.france_travail)
    world.service = make_service(world.structure, name="Atelier CV et entretien")
    world.referral = _refer(world.user("facilitator"), world.service)
    world.attachment = world.referral.attachments.get()
    world.far_structure = make_structure(
        world.commune_b, name="PLIE Seine-Eure, accompagnement", organisation=world.plie
    )
    world.far_structure.editor_links.create(user=world.user("other_epci"))
    world.far_service = make_service(world.far_structure, name="Accompagnement renforcé PLIE")
    world.far_referral = _refer(world.user("other_epci"), world.far_service)
    world.far_attachment = world.far_referral.attachments.get()
    world.directory_import = ImportRun.objects.create(
        kind="data-inclusion", filename="structures.json", created_by=world.user("admin")
    )


# codes: anonymous admin facilitator charge_mission partner company buyer elu other_company other_epci candidate
MATRIX = {
    "directory-data-inclusion-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-data-inclusion-services": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-data-inclusion-structures": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    # The MDE's facilitator sent ``referral``: her colleague the chargé de mission (whole perimeter) follows
    # it too; only the receiving structure (``partner``) answers it.
    "directory-referral-answer": row({"pk": "referral"}, "401 403 403 403 400 404 404 404 404 404 404", method="POST"),
    "directory-referral-detail": row({"pk": "referral"}, "401 200 200 200 200 404 404 404 404 404 404"),
    "directory-referral-list": row({}, "401 200 200 200 200 403 403 403 403 200 403"),
    "directory-service-detail": row({"pk": "service"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-service-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-structure-detail": row({"pk": "structure"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory-structure-list": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:attachment_download": row({"pk": "attachment"}, "302 200 200 200 200 404 404 404 404 404 404"),
    "directory:counts": row({}, "302 200 200 200 200 403 200 200 403 200 403"),
    "directory:guide": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:import_detail": row({"pk": "directory_import"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:import_list": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:import_mapping": row({"token": "=inconnu"}, "302 404 403 404 403 403 403 403 403 403 403"),
    "directory:import_report": row({"pk": "directory_import"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:questionnaire": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    # Only the receiving structure's editors answer (403 for the other readers); an empty answer comes back
    # on the referral's page with its errors (200).
    "directory:referral_answer": row({"pk": "referral"}, "302 403 403 403 200 404 404 404 404 404 404", method="POST"),
    "directory:referral_create": row({"service_pk": "service"}, "302 200 200 200 200 403 403 403 403 200 403"),
    "directory:referral_detail": row({"pk": "referral"}, "302 200 200 200 200 404 404 404 404 404 404"),
    "directory:referral_list": row({}, "302 200 200 200 200 403 403 403 403 200 403"),
    "directory:search": row({}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:service_create": row({"structure_pk": "structure"}, "302 200 403 200 200 403 403 403 403 403 403"),
    "directory:service_detail": row({"pk": "service"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:service_edit": row(
        {"structure_pk": "structure", "pk": "service"}, "302 200 403 200 200 403 403 403 403 403 403"
    ),
    "directory:service_rules": row({"pk": "service"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:structure_checked": row(
        {"pk": "structure"}, "302 302 403 302 302 403 403 403 403 403 403", method="POST"
    ),
    "directory:structure_create": row({}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:structure_detail": row({"pk": "structure"}, "200 200 200 200 200 200 200 200 200 200 200"),
    "directory:structure_edit": row({"pk": "structure"}, "302 200 403 200 200 403 403 403 403 403 403"),
    "directory:structure_list": row({}, "302 200 200 200 200 200 200 200 200 200 200"),
}

# The far side: the PLIE's structure in EPCI B, its service, the referral its facilitator sent there.
OBJECTS = {
    "directory-referral-answer": row(
        {"pk": "far_referral"}, "401 403 404 404 404 404 404 404 404 400 404", method="POST"
    ),
    "directory-referral-detail": row({"pk": "far_referral"}, "401 200 404 404 404 404 404 404 404 200 404"),
    "directory:attachment_download": row({"pk": "far_attachment"}, "302 200 404 404 404 404 404 404 404 200 404"),
    "directory:referral_answer": row(
        {"pk": "far_referral"}, "302 403 404 404 404 404 404 404 404 200 404", method="POST"
    ),
    "directory:referral_create": row(
        {"service_pk": "far_service"}, "302 200 200 200 200 403 403 403 403 200 403", method="POST"
    ),
    "directory:referral_detail": row({"pk": "far_referral"}, "302 200 404 404 404 404 404 404 404 200 404"),
    "directory:service_create": row(
        {"structure_pk": "far_structure"}, "302 200 403 200 403 403 403 403 403 200 403", method="POST"
    ),
    "directory:service_edit": row(
        {"structure_pk": "far_structure", "pk": "far_service"},
        "302 200 403 200 403 403 403 403 403 200 403",
        method="POST",
    ),
    "directory:service_rules": row({"pk": "far_service"}, "302 200 403 200 403 403 403 403 403 403 403"),
    "directory:structure_checked": row(
        {"pk": "far_structure"}, "302 302 403 302 403 403 403 403 403 302 403", method="POST"
    ),
    "directory:structure_edit": row(
        {"pk": "far_structure"}, "302 200 403 200 403 403 403 403 403 200 403", method="POST"
    ),
}
