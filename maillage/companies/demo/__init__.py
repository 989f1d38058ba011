"""Company-relations demo: establishments of the Eure around Évreux, contacts, interactions,
recruitment needs (shortage jobs included), recruitment plans and revitalisation / PSE agreements.

Deterministic (each establishment draws from its own ``random.Random`` seeded by its SIRET) and
idempotent (rows are looked up by natural keys; an establishment's children are created once).
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from maillage.common_text import fold
from maillage.kernel.mde import perimeter_epcis
from maillage.referentials.models import Appellation
from maillage.referentials.tension import shortage_v3_codes
from maillage.territories.models import Commune

from .. import services
from ..models import (
    Agreement,
    AgreementAction,
    AgreementKind,
    AgreementStatus,
    CommitteeMeeting,
    Contact,
    ContractType,
    Difficulty,
    Establishment,
    HiringWeight,
    Interaction,
    InteractionKind,
    NeedReason,
    NeedStatus,
    PlanAction,
    RecruitmentNeed,
    RecruitmentPlan,
)
from ..validators import make_siret, normalise_naf
from . import data as D

SEED = 2027
PLANNING_SIZE_BANDS = {"12", "21", "22", "31", "32", "41", "42", "51", "52", "53"}
PHARMA_SIRET = make_siret("51427000", "0024")
PSE_SIRET = make_siret("38211500", "0031")
RCC_SIRET = make_siret("44903200", "0015")


def _communes() -> tuple[list[Commune], list[int]]:
    queryset = Commune.objects.filter(epci__in=perimeter_epcis())
    if not queryset.exists():
        queryset = Commune.objects.filter(departement_id="27")
    communes = list(queryset.order_by("code"))
    return communes, [max(c.population, 150) for c in communes]


def _staff() -> list[User]:
    users = Membership.objects.filter(
        is_active=True, role__in=[Role.CHARGE_MISSION, Role.ADMIN], organisation__kind=OrganisationKind.MDE
    ).values("user")
    return list(User.objects.filter(pk__in=users).order_by("email"))


def _email(first: str, last: str, company: str) -> str:
    domain = fold(company).replace(" ", "-")[:30].strip("-") or "entreprise"
    return f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '-')}@{domain}.example"


class Catalogue:
    """Appellations each sector hires for, weighted by the national hirings (La Bonne Boite)."""

    def __init__(self):
        # The main appellation of each ROME 4.0 fiche, the fiche that kept the v3 code first.
        by_v3: dict[str, list[str]] = {}
        rows = Appellation.objects.filter(is_main=True).order_by("fiche__code")
        for code, fiche, parent in rows.values_list("code", "fiche__code", "fiche__code_rome_parent"):
            codes = by_v3.setdefault(parent or fiche, [])
            if fiche == parent:
                codes.insert(0, code)
            else:
                codes.append(code)
        self.by_v3 = by_v3
        self.weights: dict[str, list[tuple[str, int]]] = {}
        for rome, naf, hirings in HiringWeight.objects.order_by("naf", "-hirings").values_list(
            "rome_v3", "naf", "hirings"
        ):
            if rome in self.by_v3:
                self.weights.setdefault(naf, []).append((rome, hirings))

    def pick(self, rng: random.Random, naf: str) -> tuple[str, str] | None:
        options = self.weights.get(naf, [])[:12]
        if not options:
            return None
        rome = rng.choices([r for r, _ in options], weights=[h for _, h in options])[0]
        return rome, self.by_v3[rome][0]


def _establishment_rows(extra: int, communes, weights) -> list[dict]:
    """The generated establishments (deterministic: one generator for the whole list)."""
    rng = random.Random(SEED)
    sectors = D.SECTORS
    rows, names = [], set()
    for _ in range(extra):
        naf, stems, bands, _ = rng.choices(sectors, weights=[s[3] for s in sectors])[0]
        commune = rng.choices(communes, weights=weights)[0]
        suffix = rng.choice(D.PLACES) if rng.random() < 0.6 else rng.choice(D.FAMILY_NAMES)
        name = f"{rng.choice(stems)} {suffix}"
        if name in names:
            name = f"{name} – {commune.name}"
        names.add(name)
        rows.append(
            {
                "siret": make_siret(f"{rng.randint(30000000, 99999999):08d}", f"{rng.randint(1, 99):04d}"),
                "name": name,
                "naf": naf,
                "size_band": rng.choice(bands),
                "commune": commune,
                "address": f"{rng.randint(1, 120)} {rng.choice(D.STREETS)}",
            }
        )
    return rows


def seed_establishments(extra: int = 300) -> list[Establishment]:
    communes, weights = _communes()
    if not communes:
        return []
    establishments = []
    # The company organisations of the base demo get their establishment, linked by SIRET.
    companies = Organisation.objects.filter(kind=OrganisationKind.COMPANY).exclude(siret="").order_by("pk")
    for organisation in companies.select_related("commune"):
        rng = random.Random(f"{SEED}-{organisation.siret}")
        existing = Establishment.objects.filter(siret=organisation.siret).first()
        if existing:
            if existing.organisation_id is None:
                existing.organisation = organisation
                existing.save(update_fields=["organisation", "updated_at"])
            establishments.append(existing)
            continue
        establishments.append(
            Establishment.objects.create(
                siret=organisation.siret,
                name=organisation.name,
                naf=normalise_naf(organisation.naf) or "43.99C",
                size_band=rng.choice(D.SERVICES),
                commune=organisation.commune or rng.choices(communes, weights=weights)[0],
                address=organisation.address or f"{rng.randint(1, 80)} {rng.choice(D.STREETS)}",
                organisation=organisation,
            )
        )
    for row in _establishment_rows(extra, communes, weights):
        establishment, _ = Establishment.objects.get_or_create(siret=row.pop("siret"), defaults=row)
        establishments.append(establishment)
    staff = [u for u in _staff() if u.memberships.filter(role=Role.CHARGE_MISSION).exists()] or _staff()
    for establishment in establishments:
        rng = random.Random(f"{SEED}-{establishment.siret}-referent")
        if staff and establishment.referent_id is None and rng.random() < 0.6:
            establishment.referent = rng.choice(staff)
            establishment.save(update_fields=["referent", "updated_at"])
    return establishments


def _contacts(rng, establishment):
    if establishment.contacts.exists() or rng.random() > 0.75:
        return
    for index in range(rng.choice([1, 1, 2, 3])):
        first, last = rng.choice(D.FIRST_NAMES), rng.choice(D.FAMILY_NAMES)
        Contact.objects.create(
            establishment=establishment,
            first_name=first,
            last_name=last,
            job_title=rng.choice(D.JOB_TITLES),
            email=_email(first, last, establishment.name),
            phone=f"02 32 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            is_main=index == 0,
        )


def _interactions(rng, establishment, staff, today):
    if establishment.interactions.exists() or rng.random() > 0.55:
        return
    contacts = list(establishment.contacts.all())
    for _ in range(rng.randint(1, 5)):
        kind = rng.choice(InteractionKind.values)
        date = today - datetime.timedelta(days=rng.randint(0, 540))
        follow_up, done = None, None
        if rng.random() < 0.35:
            follow_up = date + datetime.timedelta(days=rng.choice([7, 14, 30, 60]))
            if follow_up < today - datetime.timedelta(days=20) and rng.random() < 0.8:
                done = timezone.make_aware(datetime.datetime.combine(follow_up, datetime.time(10)))
        Interaction.objects.create(
            establishment=establishment,
            contact=rng.choice(contacts) if contacts and rng.random() < 0.7 else None,
            kind=kind,
            date=date,
            author=rng.choice(staff) if staff else None,
            subject=rng.choice(D.INTERACTION_SUBJECTS[kind]),
            notes=rng.choice(D.INTERACTION_NOTES) if rng.random() < 0.6 else "",
            follow_up_on=follow_up,
            follow_up_done_at=done,
        )


def _needs(rng, establishment, catalogue, shortage, staff, today, force: bool = False):
    if establishment.needs.exists() or (not force and rng.random() > 0.4):
        return
    for _ in range(rng.choice([1, 1, 2, 3])):
        picked = catalogue.pick(rng, establishment.naf)
        if not picked:
            return
        rome, appellation_code = picked
        industrial = establishment.naf[:2].isdigit() and 10 <= int(establishment.naf[:2]) <= 33
        if rome in shortage and rng.random() < 0.6:
            reason = NeedReason.SHORTAGE
        elif rome in D.LITTLE_KNOWN_ROME or (industrial and rng.random() < 0.25):
            reason = NeedReason.LITTLE_KNOWN
        else:
            reason = rng.choice([NeedReason.GROWTH, NeedReason.REPLACEMENT, NeedReason.NEW_SITE])
        wanted_by = today + datetime.timedelta(days=rng.randint(-120, 330))
        status = NeedStatus.OPEN if wanted_by >= today else rng.choice([NeedStatus.FILLED, NeedStatus.IN_PROGRESS])
        if status == NeedStatus.OPEN and rng.random() < 0.3:
            status = NeedStatus.IN_PROGRESS
        positions = rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 8])
        RecruitmentNeed.objects.create(
            establishment=establishment,
            appellation_id=appellation_code,
            positions=positions,
            positions_filled=positions if status == NeedStatus.FILLED else 0,
            contract_type=rng.choice(
                [ContractType.CDI] * 4 + [ContractType.CDD, ContractType.INTERIM, ContractType.APPRENTICESHIP]
            ),
            wanted_by=wanted_by,
            difficulty=Difficulty.HIGH if reason == NeedReason.SHORTAGE else rng.choice(Difficulty.values),
            reason=reason,
            status=status,
            created_by=rng.choice(staff) if staff else None,
        )


def _plan(rng, establishment, year):
    needs = list(establishment.needs.filter(wanted_by__year=year).exclude(status=NeedStatus.CANCELLED))
    if not needs or RecruitmentPlan.objects.filter(establishment=establishment, year=year).exists():
        return
    plan = RecruitmentPlan.objects.create(
        establishment=establishment,
        year=year,
        summary="Plan construit avec la Maison de l'Emploi et France Travail à partir des besoins déclarés.",
    )
    for need in needs[:4]:
        kind, partners = rng.choice(D.PLAN_ACTIONS)
        quarter = (need.wanted_by.month - 1) // 3 + 1
        PlanAction.objects.create(
            plan=plan,
            kind=kind,
            quarter=max(1, quarter - 1) if kind in {"poe", "mrs"} else quarter,
            need=need,
            partners=partners,
            positions_targeted=need.positions,
        )


@transaction.atomic
def seed_agreements(communes) -> int:
    evreux = next((c for c in communes if c.code == "27229"), communes[0])
    val_de_reuil = Commune.objects.filter(code="27701").first() or evreux
    pharma, _ = Establishment.objects.get_or_create(
        siret=PHARMA_SIRET,
        defaults={
            "name": "Laboratoires Normandie Santé – site d'Évreux (fictif)",
            "legal_name": "Laboratoires Normandie Santé SAS",
            "naf": "21.20Z",
            "size_band": "32",
            "commune": evreux,
            "address": "Zone industrielle n° 1, rue de l'Industrie",
        },
    )
    pse, _ = Establishment.objects.get_or_create(
        siret=PSE_SIRET,
        defaults={
            "name": "Équipements Auto Seine-Eure (fictif)",
            "naf": "29.32Z",
            "size_band": "22",
            "commune": val_de_reuil,
            "address": "Parc d'activités des Portes",
        },
    )
    rcc, _ = Establishment.objects.get_or_create(
        siret=RCC_SIRET,
        defaults={"name": "Imprimerie de l'Iton (fictive)", "naf": "18.12Z", "size_band": "21", "commune": evreux},
    )
    specs = [
        (
            pharma,
            AgreementKind.REVITALISATION,
            "Convention de revitalisation – Laboratoires Normandie Santé",
            AgreementStatus.ACTIVE,
            (datetime.date(2025, 3, 1), datetime.date(2027, 2, 28), datetime.date(2025, 2, 10)),
            (180, Decimal("1296000"), 180),
            "Suppression de 180 postes (arrêt d'une ligne de conditionnement). Convention signée avec l'État ; "
            "la Maison de l'Emploi anime les actions sur le bassin d'Évreux.",
            [
                (
                    "Programme « 100 chances – 100 emplois » (18–35 ans des quartiers prioritaires)",
                    "MEF",
                    240000,
                    150000,
                    60,
                    34,
                    112,
                ),
                (
                    "Plateforme de reconversion : métiers en tension et méconnus",
                    "MEF, France Travail",
                    180000,
                    95000,
                    50,
                    27,
                    140,
                ),
                (
                    "Aide à l'implantation et au développement des PME (prêts d'honneur)",
                    "Initiative Eure",
                    520000,
                    310000,
                    60,
                    41,
                    18,
                ),
                (
                    "POEC « opérateur de production pharmaceutique »",
                    "OPCO 2i, organisme de formation",
                    96000,
                    48000,
                    24,
                    12,
                    24,
                ),
            ],
            [
                (datetime.date(2025, 3, 20), "engagement", "Validation du plan d'actions et des opérateurs."),
                (
                    datetime.date(2025, 10, 9),
                    "suivi",
                    "Premier bilan : 38 emplois recréés. Ouverture d'une deuxième POEC.",
                ),
                (datetime.date(2026, 4, 16), "suivi", "Réaffectation de 60 000 € vers la plateforme de reconversion."),
            ],
        ),
        (
            pse,
            AgreementKind.PSE,
            "PSE Équipements Auto Seine-Eure – reclassement",
            AgreementStatus.ACTIVE,
            (datetime.date(2025, 9, 1), datetime.date(2026, 12, 31), datetime.date(2025, 7, 15)),
            (95, Decimal("380000"), 95),
            "Cellule de reclassement ; la plateforme de reconversion présente les salariés aux entreprises "
            "qui recrutent sur des métiers proches (compétences transférables).",
            [
                ("Cellule de reclassement", "Cabinet de reclassement", 250000, 160000, 70, 38, 95),
                (
                    "Job datings métiers en tension avec les entreprises du territoire",
                    "MEF, France Travail",
                    30000,
                    12000,
                    25,
                    14,
                    61,
                ),
            ],
            [
                (
                    datetime.date(2025, 12, 4),
                    "suivi",
                    "41 salariés accompagnés ; 14 reclassés en CDI ou CDD de plus de 6 mois.",
                )
            ],
        ),
        (
            rcc,
            AgreementKind.RCC,
            "RCC Imprimerie de l'Iton",
            AgreementStatus.CLOSED,
            (datetime.date(2023, 6, 1), datetime.date(2024, 12, 31), datetime.date(2023, 5, 2)),
            (22, Decimal("88000"), 22),
            "",
            [("Accompagnement des départs volontaires", "MEF", 88000, 86500, 22, 19, 22)],
            [(datetime.date(2025, 1, 23), "bilan", "Bilan final : 19 emplois recréés sur 22, convention close.")],
        ),
    ]
    for establishment, kind, title, status, dates, figures, notes, actions, meetings in specs:
        agreement, created = Agreement.objects.get_or_create(
            title=title,
            defaults={
                "establishment": establishment,
                "kind": kind,
                "status": status,
                "start_date": dates[0],
                "end_date": dates[1],
                "signed_on": dates[2],
                "jobs_cut": figures[0],
                "amount": figures[1],
                "jobs_target": figures[2],
                "notes": notes,
            },
        )
        if not created:
            continue
        if establishment.commune.epci_id:
            agreement.epcis.set([establishment.commune.epci_id])
        for title_, operator, committed, spent, target, created_jobs, beneficiaries in actions:
            AgreementAction.objects.create(
                agreement=agreement,
                title=title_,
                operator=operator,
                amount_committed=committed,
                amount_spent=spent,
                jobs_target=target,
                jobs_created=created_jobs,
                beneficiaries=beneficiaries,
            )
        territory = establishment.commune.epci.name if establishment.commune.epci else "l'EPCI"
        for date, meeting_kind, decisions in meetings:
            CommitteeMeeting.objects.create(
                agreement=agreement,
                date=date,
                kind=meeting_kind,
                attendees=f"DDETS, {territory}, France Travail, l'entreprise, la MEF",
                decisions=decisions,
            )
    return Agreement.objects.count()


@transaction.atomic
def seed(stdout=None, *, extra: int = 300) -> None:
    if not HiringWeight.objects.exists():
        services.load_hiring_weights()
    communes, _ = _communes()
    if not communes:
        if stdout:
            stdout.write("  Entreprises : pas de communes chargées, rien à faire.")
        return
    establishments = seed_establishments(extra)
    agreements = seed_agreements(communes)
    establishments += list(Establishment.objects.filter(agreements__isnull=False).distinct().order_by("siret"))
    catalogue, shortage, staff = Catalogue(), shortage_v3_codes(), _staff()
    today = timezone.localdate()
    demo_company_ids = set(Organisation.objects.filter(kind=OrganisationKind.COMPANY).values_list("pk", flat=True)[:1])
    for establishment in establishments:
        # One generator per establishment and per kind of row: a row already there (re-run) never
        # shifts the draws of the others.
        def rng(kind, siret=establishment.siret):
            return random.Random(f"{SEED}-{siret}-{kind}")

        _contacts(rng("contacts"), establishment)
        _interactions(rng("interactions"), establishment, staff, today)
        _needs(
            rng("needs"),
            establishment,
            catalogue,
            shortage,
            staff,
            today,
            force=establishment.organisation_id in demo_company_ids,
        )
        if establishment.size_band in PLANNING_SIZE_BANDS:
            _plan(rng("plan"), establishment, today.year)
    if stdout:
        stdout.write(
            f"  Entreprises : {Establishment.objects.count()} établissements, {Contact.objects.count()} contacts, "
            f"{Interaction.objects.count()} échanges, {RecruitmentNeed.objects.count()} besoins, "
            f"{RecruitmentPlan.objects.count()} plans, {agreements} conventions."
        )
