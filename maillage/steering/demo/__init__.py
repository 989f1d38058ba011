"""Demo data of the steering module for the Eure MDE (idempotent, deterministic).

Runs after the modules whose figures the plan shows (``demo_after`` in ``module.py``): the actions
pick their indicators, whose values those modules compute; nothing here types a figure twice.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from maillage.accounts.models import Organisation, OrganisationKind, User
from maillage.people.models import Person

from .. import services
from ..models import (
    Action,
    ActionIndicator,
    Axis,
    AxisKind,
    Cohort,
    Commitment,
    Committee,
    CommitteeMember,
    Convention,
    Decision,
    FollowUpAction,
    FseParticipant,
    Funder,
    FunderKind,
    FundingLine,
    Meeting,
    Member,
    Milestone,
    PathStep,
    Programme,
    ProgrammeParticipant,
    TimeEntry,
)
from ..selectors.fse import add_months

SEED = "steering-eure"
MDE_NAME = "Maison de l'Emploi et de la Formation d'Évreux"
MEMBERS = [
    ("Préfecture de l'Eure – DDETS (fictif)", OrganisationKind.FUNDER, "etat"),
    ("CA Évreux Portes de Normandie", OrganisationKind.LOCAL_AUTHORITY, "collectivites"),
    ("Département de l'Eure", OrganisationKind.BUYER, "collectivites"),
    ("Région Normandie – service emploi", OrganisationKind.FUNDER, "collectivites"),
    ("France Travail Évreux", OrganisationKind.FRANCE_TRAVAIL, "france_travail"),
    ("Club des entreprises de l'Eure (fictif)", OrganisationKind.ASSOCIATION, "entreprises"),
    ("Association Savoirs de base 27 (fictive)", OrganisationKind.ASSOCIATION, "associations"),
    ("Fédération du BTP de l'Eure (fictive)", OrganisationKind.ASSOCIATION, "branches"),
]
FIELDS = [
    "Recrutement et mise en relation avec les entreprises du réseau",
    "Diversité et égalité des chances (« 100 chances – 100 emplois »)",
    "Alternance et apprentissage",
    "Découverte des métiers auprès des scolaires (CLEE)",
    "Parrainage des demandeurs d'emploi seniors",
    "Clauses sociales dans les achats des entreprises",
    "Recherche conjointe de financements et guide des bonnes pratiques",
]
# (axis code, title, objectives, [(indicator key, target)], fse, [(funder key, budget)])
ACTIONS = [
    (
        "1",
        "Diagnostic territorial partagé et GPECT",
        "Partager un diagnostic de l'emploi et des compétences avec les élus et les branches.",
        [
            ("companies.needs", 150),
            ("companies.positions", 400),
            ("observatory.diagnostic_published", 1),
            ("observatory.gpect_projects", 10),
        ],
        False,
        [("state", 60000), ("epci", 35000)],
    ),
    (
        "1",
        "Accompagnement des mutations économiques : revitalisation",
        "Suivre les conventions de revitalisation et recréer les emplois supprimés.",
        [("companies.revitalisation_jobs_target", 120), ("companies.revitalisation_jobs_created", 60)],
        False,
        [("state", 20000), ("revitalisation", 45000)],
    ),
    (
        "2",
        "Clauses sociales et demande publique : une réponse solidaire",
        "Promouvoir et faciliter les clauses sociales dans la commande publique du territoire.",
        [("clauses.hours", 60000), ("clauses.people", 200), ("clauses.companies", 60)],
        False,
        [("state", 55000), ("epci", 25000), ("department", 10000)],
    ),
    (
        "2",
        "Relations entreprises et offres d'emploi",
        "Rencontrer les entreprises, recueillir leurs besoins et les rapprocher des candidats.",
        [
            ("companies.met", 250),
            ("jobs.offers", 600),
            ("jobs.hires", 120),
            ("jobs.candidates", 900),
            ("events.events_held", 12),
            ("events.hires", 40),
            ("directory.referrals_sent", 300),
        ],
        False,
        [("state", 40000), ("epci", 30000)],
    ),
    (
        "L1",
        "100 chances – 100 emplois",
        "Accompagner vers l'emploi des jeunes de 18 à 35 ans des quartiers prioritaires.",
        [("steering.paths.100_chances", 40), ("steering.jobs.100_chances", 25), ("steering.fse_participants", 40)],
        True,
        [("fse", 48000), ("epci", 12000), ("revitalisation", 20000)],
    ),
    (
        "L1",
        "Parrainage des seniors",
        "Mettre en relation des demandeurs d'emploi de 50 ans et plus avec des parrains et marraines.",
        [("steering.paths.parrainage", 20), ("steering.jobs.parrainage", 10)],
        False,
        [("region", 15000)],
    ),
]
FUNDERS = {
    "state": ("État – DDETS de l'Eure", FunderKind.STATE),
    "epci": ("CA Évreux Portes de Normandie", FunderKind.LOCAL_AUTHORITY),
    "department": ("Département de l'Eure", FunderKind.LOCAL_AUTHORITY),
    "region": ("Région Normandie", FunderKind.LOCAL_AUTHORITY),
    "fse": ("Fonds social européen plus (FSE+)", FunderKind.FSE),
    "revitalisation": ("Laboratoires Normandie Santé (revitalisation)", FunderKind.REVITALISATION),
}
FUNDER_ORGANISATIONS = {"region": "Région Normandie – service emploi"}
FIRST_NAMES = ["Inès", "Yanis", "Sarah", "Mehdi", "Léa", "Moussa", "Chloé", "Nassim", "Awa", "Lucas", "Aya", "Hugo"]
LAST_NAMES = ["Benali", "Diallo", "Martin", "Traoré", "Lefebvre", "Haddad", "Moreau", "Camara", "Petit", "Nguyen"]


def _organisation(name: str, kind: str) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    return organisation or Organisation.objects.create(name=name, kind=kind)


def _director() -> User | None:
    return User.objects.filter(email="admin@demo.maillage.fr").first()


@transaction.atomic
def seed(stdout=None) -> None:
    rng = random.Random(SEED)
    year = date.today().year
    services.ensure_state_axes()
    local, _ = Axis.objects.get_or_create(
        code="L1", defaults={"kind": AxisKind.LOCAL, "label": "Égalité des chances et emploi des jeunes", "order": 3}
    )
    director = _director()
    organisations = {}
    for name, kind, college in MEMBERS:
        organisation = _organisation(name, kind)
        organisations[name] = organisation
        Member.objects.get_or_create(
            organisation=organisation,
            college=college,
            defaults={
                "joined_on": date(2008, 1, 1) + timedelta(days=rng.randint(0, 4000)),
                "fee": Decimal(rng.choice([0, 500, 1500])),
            },
        )
    mde = Organisation.objects.filter(name=MDE_NAME).first() or _organisation(MDE_NAME, OrganisationKind.MDE)
    network = organisations["Club des entreprises de l'Eure (fictif)"]
    convention, created = Convention.objects.get_or_create(
        title="Convention de coopération MDE – Club des entreprises de l'Eure",
        defaults={
            "object": "Faire travailler ensemble les deux réseaux pour l'emploi et la diversité sur le territoire.",
            "fields_of_cooperation": "\n".join(FIELDS),
            "signed_on": date(year - 2, 3, 15),
            "end_on": date(year + 1, 3, 14),
        },
    )
    if created:
        convention.parties.set([mde, network])
        Commitment.objects.create(
            convention=convention,
            label="Rencontrer les entreprises du réseau",
            indicator_key="companies.met",
            target=120,
        )
        Commitment.objects.create(
            convention=convention, label="Offres recueillies auprès du réseau", indicator_key="jobs.offers", target=300
        )
    copil, created = Committee.objects.get_or_create(
        name="COPIL de la convention MDE – Club des entreprises", defaults={"kind": "copil", "convention": convention}
    )
    if created:
        people = [
            CommitteeMember.objects.create(committee=copil, name=name, function=function, organisation=org)
            for name, function, org in [
                ("Alice Durand", "Directrice", mde),
                ("Marc Lemaire", "Président", network),
                ("Sophie Caron", "Chargée de mission emploi", organisations["CA Évreux Portes de Normandie"]),
            ]
        ]
        meeting = Meeting.objects.create(
            committee=copil,
            date=date(year, 3, 20),
            place="Évreux, hôtel d'agglomération",
            agenda="1. Bilan de l'année écoulée\n2. Programme 100 chances\n3. Groupes de travail",
            minutes="Le COPIL valide le bilan et lance un groupe de travail sur l'alternance.",
        )
        meeting.attendees.set(people)
        decision = Decision.objects.create(meeting=meeting, text="Créer un groupe de travail alternance")
        FollowUpAction.objects.create(
            decision=decision, title="Réunir les branches et les CFA", owner=director, due_on=date(year, 9, 30)
        )
        Committee.objects.get_or_create(
            name="Groupe de travail alternance", defaults={"kind": "groupe", "convention": convention}
        )
        Committee.objects.get_or_create(name="Conseil d'administration", defaults={"kind": "ca"})
    funders = {
        key: Funder.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for key, (name, kind) in FUNDERS.items()
    }
    # The Region's funder row names its organisation: the demo's elected reader (elu@demo) exports the
    # Region's justification, and only it (policies.can_export_justification).
    region = Organisation.objects.filter(name=FUNDER_ORGANISATIONS["region"]).first()
    if region is not None and funders["region"].organisation_id is None:
        funders["region"].organisation = region
        funders["region"].save(update_fields=["organisation"])
    axes = {axis.code: axis for axis in Axis.objects.all()}
    fse_action = None
    for axis_code, title, objectives, indicators, fse, lines in ACTIONS:
        action, created = Action.objects.get_or_create(
            title=title,
            year=year,
            defaults={
                "axis": axes[axis_code],
                "objectives": objectives,
                "owner": director,
                "status": "en_cours",
                "is_fse_cofunded": fse,
                "fse_smes_supported": 12 if fse else 0,
            },
        )
        if fse:
            fse_action = action
        if not created:
            continue
        action.partners.set([network, organisations["France Travail Évreux"]])
        for key, target in indicators:
            ActionIndicator.objects.create(action=action, indicator_key=key, target=target)
        Milestone.objects.create(action=action, label="Bilan intermédiaire au COPIL", due_on=date(year, 6, 30))
        for funder_key, budget in lines:
            FundingLine.objects.create(
                action=action,
                funder=funders[funder_key],
                year=year,
                budget=Decimal(budget),
                actual=Decimal(budget) * Decimal("0.6"),
                cofinancing_rate=Decimal("60") if funder_key == "fse" else None,
            )
        for month in range(1, 7):
            TimeEntry.objects.create(
                action=action,
                staff=director,
                month=date(year, month, 1),
                hours=Decimal(rng.randint(8, 40)),
                hourly_cost=Decimal("38.50"),
            )
    if fse_action is not None and not fse_action.fse_participants.exists():
        _fse_participants(rng, fse_action, year)
    _programmes(rng, year, network, fse_action)
    if stdout:
        stdout.write("Pilotage : plan d'action, conventions, COPIL, financements, FSE+ et programmes.\n")


def _person(rng, index: int, low: int, high: int) -> Person:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = f"{LAST_NAMES[(index * 7) % len(LAST_NAMES)]}"
    birth = date(date.today().year - rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))
    return Person.objects.create(first_name=first, last_name=f"{last} (démo {index})", birth_date=birth)


def _fse_participants(rng, action: Action, year: int) -> None:
    today = date.today()
    for index in range(40):
        person = _person(rng, index, 18, 35)
        entry = date(year, 1, 8) + timedelta(days=rng.randint(0, 150))
        entry = min(entry, today)
        consent = rng.random() < 0.6
        participant = FseParticipant(
            action=action,
            person=person,
            entry_date=entry,
            sex=rng.choice(["f", "m", "f", "m", "nr"]),
            age_at_entry=entry.year - person.birth_date.year,
            labour_status=rng.choice(["chomeur", "chomeur_ld", "inactif", "chomeur", "nr"]),
            education=rng.choice(["0_2", "3_4", "3_4", "5_8"]),
            rural=rng.choice(["oui", "non", "non"]),
            sensitive_consent=consent,
            disability=rng.choice(["oui", "non", "non", "nr"]) if consent else "",
            homeless=rng.choice(["non", "non", "nr"]) if consent else "",
        )
        exit_day = entry + timedelta(days=rng.randint(60, 150))
        if exit_day <= today and rng.random() < 0.7:
            participant.exit_date = exit_day
            participant.exit_situation = rng.choice(["emploi", "emploi", "formation", "recherche", "inactif"])
            participant.qualification_gained = rng.choice(["oui", "non"])
            followup = add_months(exit_day, 6)
            if followup <= today:
                participant.followup_date = followup
                participant.employed_six_months = rng.choice(["oui", "oui", "non", "nr"])
        services.save_fse_participant(participant=participant, user=None, stage="démo")


def _programmes(rng, year: int, network: Organisation, fse_action: Action | None) -> None:
    actions = {a.title: a for a in Action.objects.filter(year=year)}
    specs = [
        ("100 chances – 100 emplois", "100_chances", "100 chances – 100 emplois", 18, 35, 24),
        ("Parrainage des seniors", "parrainage", "Parrainage des seniors", 50, 64, 12),
        ("CLEE du bassin d'Évreux", "clee", None, None, None, 0),
        ("Découverte des métiers de l'industrie", "decouverte", None, None, None, 0),
    ]
    from maillage.companies.selectors import agreement_choices

    agreements = agreement_choices()
    for name, kind, action_title, age_min, age_max, size in specs:
        programme, created = Programme.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "action": actions.get(action_title) if action_title else None,
                "pilot_partner": network,
                "age_min": age_min,
                "age_max": age_max,
                "agreement_id": agreements[0][0] if kind == "100_chances" and agreements else None,
            },
        )
        if not created or not size:
            continue
        cohort = Cohort.objects.create(programme=programme, label=f"Promotion {year}", start=date(year, 2, 1))
        for index in range(size):
            person = _person(rng, 100 + index + (50 if kind == "parrainage" else 0), age_min, age_max)
            outcome = rng.choice(["en_cours", "emploi", "emploi", "formation", "abandon"])
            path = ProgrammeParticipant.objects.create(
                cohort=cohort,
                person=person,
                mentor=_person(rng, 300 + index, 45, 65) if kind == "parrainage" else None,
                joined_on=date(year, 2, 1) + timedelta(days=rng.randint(0, 20)),
                outcome=outcome,
                outcome_on=None
                if outcome == "en_cours"
                else min(date.today(), date(year, 2, 1) + timedelta(days=rng.randint(60, 200))),
            )
            PathStep.objects.create(participant=path, date=path.joined_on, label="Semaine de mobilisation")
