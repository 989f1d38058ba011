"""Demo: the observatory's real bundled data (BMO, job seekers, tensions: not fictional), then a
fictional shared diagnostic, two GPECT projects and a branch partnership, idempotently, so
``make run`` shows real figures for the Eure and the Évreux perimeter."""

import datetime


def seed(stdout=None) -> None:
    from .. import services

    def say(message):
        if stdout is not None:
            stdout.write(f"  observatoire : {message}")

    services.load_bundled(progress=say)
    seed_examples()
    say("diagnostic partagé, projets GPECT et partenariat de branche de démonstration")


ARRIVAL_NEEDS = [("N1103", 40), ("N1101", 15), ("N1303", 6), ("I1304", 4)]
CLOSURE_NEEDS = [("B1803", 25), ("H2909", 30), ("H3302", 12)]


def seed_examples() -> None:
    from maillage.accounts.models import User
    from maillage.referentials.models import RomeFiche
    from maillage.territories.models import Commune

    from .. import documents, services
    from ..models import BranchPartnership, CompanyProject, DiagnosticDocument, ProjectAction

    author = (
        User.objects.filter(email="charge.mission@demo.maillage.fr").first()
        or User.objects.filter(is_superuser=True).first()
        or User.objects.order_by("pk").first()
    )
    evreux = Commune.objects.filter(code="27229").first()
    if author is None or evreux is None:
        return
    if not DiagnosticDocument.objects.filter(title="Diagnostic territorial partagé 2025").exists():
        document = documents.document_create(user=author, title="Diagnostic territorial partagé 2025")
        version = document.latest
        version.sections[0]["text"] = (
            "Le nombre de demandeurs d'emploi inscrits a peu évolué sur un an ; il reste inférieur à son niveau "
            "de janvier 2020. (Texte de démonstration.)"
        )
        version.save(update_fields=["sections"])
        documents.version_validate(version=version, committee_date=datetime.date(2026, 11, 15), publish=True)
    fiches = set(RomeFiche.objects.values_list("code", flat=True))
    arrival = CompanyProject.Kind.ARRIVAL
    closure = CompanyProject.Kind.CLOSURE
    projects = [
        ("Implantation d'une plateforme logistique (démo)", arrival, "Logistique Seine-Eure (démo)", ARRIVAL_NEEDS),
        ("Fermeture d'un atelier de confection (démo)", closure, "Confection normande (démo)", CLOSURE_NEEDS),
    ]
    for name, kind, company, needs in projects:
        project = CompanyProject.objects.filter(name=name).first()
        if project is None:
            project = services.project_create(
                user=author,
                data={"name": name, "kind": kind, "company_name": company, "commune": evreux, "radius_km": 30},
            )
            for code, quantity in needs:
                if code in fiches:
                    fiche = RomeFiche.objects.get(code=code)
                    services.project_add_need(project=project, fiche=fiche, quantity=quantity)
            if kind == CompanyProject.Kind.ARRIVAL:
                services.project_add_action(
                    project=project,
                    data={"kind": ProjectAction.Kind.POEC, "label": "POEC préparateurs de commandes (démo)",
                          "partner": "France Travail Évreux", "planned_people": 12},
                )  # fmt: skip
    if not BranchPartnership.objects.exists():
        branch = services.branch_create(
            data={"branch": "Transports et logistique (démo)", "opco": "OPCO Mobilités",
                  "notes": "Partenariat de démonstration : partage des études de l'observatoire de branche."}
        )  # fmt: skip
        services.study_add(
            partnership=branch,
            data={"title": "Panorama emploi-formation de la branche (démo)", "year": 2025,
                  "key_figure": "Chiffre de démonstration", "fap_code": "J1X80"},
        )  # fmt: skip
