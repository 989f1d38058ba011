"""Demo offers, candidates and applications around Évreux (deterministic and idempotent).

Shows the journey of the issue: a chargé de mission records an offer in a shortage or little-known
job and finds, ranked and explained, candidates from other trades whose skills transfer — a
seamstress (couturière) for electronic wiring, a cashier for customer service, a baker for food
production.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Organisation, OrganisationKind, User
from maillage.kernel.plugins import DemoPersona
from maillage.referentials.models import Appellation, FicheSkill, Skill
from maillage.territories.models import Commune

from ..models import Application, ApplicationState, Candidate, ConsentPurpose, Offer, OfferSource
from ..search import refresh_candidates
from ..services import applications as application_services
from ..services.ft_import import import_ft_offers
from ..services.offers import save_offer
from .people import Crowd, create_people, people_pool
from .synthetic import generate_ft_offers

SEED = 2027
DEMO_TAG = "demo-offre-"
COMPANY_EMAIL = "entreprise@demo.maillage.fr"

# (key, title, fiche, appellation label contains, commune, contract, shortage by hand, little-known, description)
LOCAL_OFFERS = [
    (
        "cablage",
        "Monteur-câbleur / Monteuse-câbleuse électronique (H/F) – débutant·e formé·e",
        "H2605",
        "Monteur-câbleur",
        "27229",
        "CDI",
        True,
        True,
        "Au sein de notre atelier de cartes électroniques, vous assemblez et câblez des sous-ensembles selon "
        "des plans : pose de composants, sertissage, soudure à l'étain, contrôle visuel. Travail minutieux, "
        "assis, sur poste ergonomique. Formation interne de 6 semaines : la dextérité et la précision comptent "
        "plus que le diplôme.",
    ),
    (
        "soudeur",
        "Soudeur TIG/MIG H/F",
        "H2913",
        "Soudeur",
        "27229",
        "CDI",
        None,
        False,
        "Soudure de pièces en acier et inox pour l'industrie agroalimentaire. Lecture de plans, préparation "
        "des pièces, contrôle des soudures.",
    ),
    (
        "aide-soignant",
        "Aide-soignant(e) EHPAD – jour",
        "J1501",
        "Aide-soignant",
        "27375",
        "CDD",
        None,
        False,
        "Soins d'hygiène et de confort aux résidents, aide aux repas, transmissions à l'équipe infirmière.",
    ),
    (
        "conduite-ligne",
        "Conducteur de ligne agroalimentaire H/F",
        "H2102",
        "Conducteur / Conductrice de ligne",
        "27229",
        "MIS",
        None,
        True,
        "Conduite d'une ligne de conditionnement de produits de boulangerie industrielle : réglages, "
        "approvisionnement, contrôle qualité, nettoyage.",
    ),
    (
        "relation-client",
        "Conseiller clientèle à distance (H/F)",
        "D1408",
        "Téléconseiller",
        "27229",
        "CDI",
        None,
        False,
        "Accueil téléphonique des clients d'un fournisseur d'énergie : information, traitement des "
        "réclamations, vente de services.",
    ),
]

# (first name, last name, commune, radius, held fiche, sought fiche, skill hints from held fiche)
PEOPLE = [
    ("Fatima", "Haddad", "27229", 25, "B1803", "D1207", ["montage", "précision", "couture", "assemblage"]),
    ("Sandrine", "Leclerc", "27375", 30, "D1505", "D1408", ["clients", "encaissement", "accueil"]),
    ("Mickaël", "Vasseur", "27229", 20, "D1102", "H2102", ["pâte", "hygiène", "fabrication"]),
    ("Kevin", "Marchand", "27681", 35, "N1103", "N1101", ["charger", "colis", "stock"]),
    ("Aurélie", "Dumont", "27056", 25, "K1302", "J1501", ["hygiène", "aide", "repas"]),
    ("Yannick", "Perrot", "27229", 40, "H2913", "H2913", ["soud", "plans", "métal"]),
]

# Skills written out where the story depends on them: the wiring workshop asks for dexterity and
# precision as much as for wiring, and the seamstress has them.
OFFER_SKILLS = {"cablage": ["300233", "105778", "100958", "105775", "300490", "403019"]}
PERSON_SKILLS = {
    ("Fatima", "Haddad"): ["300233", "300490", "403019", "101171", "100753", "101177", "100904", "101178"],
}

# Enough names that the 3,000 people of the crowd are not twenty « Camille Bernard » in a row.
FIRST_NAMES = [
    "Léa", "Hugo", "Inès", "Lucas", "Manon", "Nathan", "Chloé", "Yanis", "Camille", "Théo", "Sarah", "Enzo",
    "Aïcha", "Mamadou", "Nadia", "Kevin", "Sandrine", "Patrick", "Julie", "Mehdi", "Émilie", "Jordan", "Fatou",
    "Sébastien", "Laetitia", "Rayan", "Océane", "Thierry", "Samia", "Dylan", "Valérie", "Bilal", "Aurélie",
    "Romain", "Kenza", "Christophe", "Mélissa", "Adama", "Stéphanie", "Julien",
]  # fmt: skip
LAST_NAMES = [
    "Martin", "Bernard", "Petit", "Robert", "Richard", "Durand", "Moreau", "Simon", "Laurent", "Michel",
    "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
    "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc",
    "Guérin", "Boyer", "Garnier", "Chevalier", "Benali", "Diallo", "Traoré", "Nguyen", "Haddad", "Lemaire",
    "Duval", "Leclerc", "Marchand", "Lebrun", "Vasseur", "Caron", "Poirier", "Hébert", "Lecomte", "Renard",
]  # fmt: skip


CROWD_SIZE = 3000


def _appellation(fiche: str, contains: str = "") -> Appellation | None:
    queryset = Appellation.objects.filter(fiche_id=fiche).order_by("-is_main", "code")
    return (queryset.filter(label__icontains=contains).first() if contains else None) or queryset.first()


def _skills_for(fiche: str, hints, rng: random.Random, extra: int = 4) -> list[Skill]:
    rows = list(
        FicheSkill.objects.filter(fiche_id=fiche)
        .select_related("skill")
        .order_by("skill_id")
        .values_list("skill_id", "skill__label", "importance")
    )
    chosen = [code for code, label, _ in rows if any(h.lower() in label.lower() for h in hints)][:4]
    core = [code for code, _, importance in rows if importance == FicheSkill.Importance.CORE and code not in chosen]
    chosen += rng.sample(core, k=min(extra, len(core)))
    return list(Skill.objects.filter(code__in=chosen))


def _company_establishment():
    from maillage.companies.selectors import demo_establishment

    return demo_establishment(COMPANY_EMAIL)


def _seed_local_offers(actor) -> list[Offer]:
    establishment = _company_establishment()
    offers = []
    for key, title, fiche, contains, commune, contract, shortage, little_known, description in LOCAL_OFFERS:
        appellation = _appellation(fiche, contains)
        commune_obj = Commune.objects.filter(code=commune).first()
        if appellation is None or commune_obj is None:
            continue
        existing = Offer.objects.filter(source=OfferSource.LOCAL, external_id=f"{DEMO_TAG}{key}").first()
        if existing:
            offers.append(existing)
            continue
        rng = random.Random(f"{SEED}-{key}")
        offer = save_offer(
            user=actor,
            data={
                "title": title,
                "description": description,
                "appellation": appellation,
                "contract_type": contract,
                "hours_label": "35H Horaires normaux",
                "working_time": "plein",
                "positions": 2,
                "commune": commune_obj,
                "establishment": establishment if key in {"cablage", "soudeur"} else None,
                "company_name": "" if key in {"cablage", "soudeur"} and establishment else "Employeur local (fictif)",
                "is_little_known": little_known,
                "start_date": date.today() + timedelta(days=21),
            },
            skills=Skill.objects.filter(code__in=OFFER_SKILLS[key])
            if key in OFFER_SKILLS
            else _skills_for(fiche, ["soud", "plans", "hygiène", "ligne", "client"], rng, 2),
            shortage_override=shortage,
        )
        offer.external_id = f"{DEMO_TAG}{key}"
        offer.save(update_fields=["external_id", "updated_at"])
        offers.append(offer)
    return offers


CANDIDATE_EMAIL = "candidate@demo.maillage.fr"


def personas() -> list[DemoPersona]:
    """The demo job seeker (the seamstress and her personal account), for the other modules' demos."""
    candidate = Candidate.objects.select_related("user", "person").filter(user__email=CANDIDATE_EMAIL).first()
    return [DemoPersona(key="job_seeker", account=candidate.user, person=candidate.person)] if candidate else []


def _seed_candidate_account(people: list[Candidate]) -> None:
    """The seamstress gets a personal account, so the candidate's home and menu can be tried."""
    from maillage.accounts.demo import DEMO_PASSWORD

    seamstress = next((c for c in people if (c.first_name, c.last_name) == ("Fatima", "Haddad")), None)
    if seamstress is None or seamstress.user_id:
        return
    account = User.objects.filter(email=CANDIDATE_EMAIL).first() or User.objects.create_user(
        email=CANDIDATE_EMAIL, password=DEMO_PASSWORD, first_name="Fatima", last_name="Haddad"
    )
    seamstress.user = account
    seamstress.save(update_fields=["user", "updated_at"])


def _seed_people(actor, organisation) -> list[Candidate]:
    people = []
    now = timezone.now()
    for first, last, commune, radius, held, sought, hints in PEOPLE:
        existing = Candidate.objects.filter(
            person__first_name=first, person__last_name=last, person__email__endswith="@exemple.demo"
        ).first()
        if existing:
            people.append(existing)
            continue
        rng = random.Random(f"{SEED}-{first}-{last}")
        commune_obj = Commune.objects.filter(code=commune).first() or Commune.objects.filter(code="27229").first()
        candidate = Candidate.objects.create(
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower()}@exemple.demo",
            commune=commune_obj,
            latitude=commune_obj.latitude if commune_obj else None,
            longitude=commune_obj.longitude if commune_obj else None,
            mobility_radius_km=radius,
            consent_at=now,
            consent_purpose=ConsentPurpose.SHARING,
            organisation=organisation,
            created_by=actor,
        )
        held_app, sought_app = _appellation(held), _appellation(sought)
        if held_app:
            candidate.held_appellations.set([held_app])
        if sought_app:
            candidate.sought_appellations.set([sought_app])
        if (first, last) in PERSON_SKILLS:
            candidate.skills.set(Skill.objects.filter(code__in=PERSON_SKILLS[(first, last)]))
        else:
            candidate.skills.set(_skills_for(held, hints, rng))
        people.append(candidate)
    refresh_candidates(ids=[person.pk for person in people])
    return people


def _seed_crowd(actor, organisation, count: int) -> int:
    """Ordinary job seekers of the Eure, drawn from real data (``demo.people``), for realistic rankings."""
    if Candidate.objects.filter(person__email__endswith="@foule.demo").exists():
        return 0
    crowd = Crowd(
        email=lambda i: f"personne{i}@foule.demo",
        first_names=FIRST_NAMES,
        last_names=LAST_NAMES,
        organisation=organisation,
        created_by=actor,
        consent_share=0.9,
        sharing_share=0.7,
    )
    return len(create_people(count, random.Random(SEED), people_pool(["27"]), crowd))


def _seed_applications(actor, offers, people) -> int:
    if not offers or not people or Application.objects.filter(candidate__in=people).exists():
        return 0
    by_key = {o.external_id.removeprefix(DEMO_TAG): o for o in offers}
    plan = [
        ("cablage", 0, [ApplicationState.IN_REVIEW, ApplicationState.INTERVIEW]),
        ("relation-client", 1, [ApplicationState.IN_REVIEW]),
        ("conduite-ligne", 2, []),
        ("aide-soignant", 4, [ApplicationState.IN_REVIEW, ApplicationState.INTERVIEW, ApplicationState.ACCEPTED]),
        ("soudeur", 5, [ApplicationState.REFUSED]),
    ]
    count = 0
    for key, person, moves in plan:
        offer = by_key.get(key)
        if offer is None or person >= len(people):
            continue
        application = application_services.create_application(
            user=actor, candidate=people[person], offer=offer, origin="prescripteur"
        )
        for state in moves:
            reason = "poste_pourvu" if state == ApplicationState.REFUSED else ""
            application = application_services.move_application(
                user=actor, application=application, to_state=state, refusal_reason=reason
            )
        count += 1
    return count


@transaction.atomic
def seed(stdout=None) -> None:
    if not Appellation.objects.exists() or not Commune.objects.filter(code="27229").exists():
        if stdout:
            stdout.write("  Offres : référentiels ROME ou communes non chargés, rien à faire.")
        return
    actor = User.objects.filter(email="charge.mission@demo.maillage.fr").first()
    organisation = Organisation.objects.filter(kind=OrganisationKind.FRANCE_TRAVAIL).order_by("pk").first()
    report = import_ft_offers(generate_ft_offers(60, seed=SEED, departements=["27"]))
    offers = _seed_local_offers(actor)
    people = _seed_people(actor, organisation)
    crowd = _seed_crowd(actor, organisation, CROWD_SIZE)
    applications = _seed_applications(actor, offers, people)
    _seed_candidate_account(people)
    if stdout:
        stdout.write(
            f"  Offres : {len(offers)} offres locales, {report.total_ok} offres France Travail, "
            f"{len(people) + crowd} candidats, {applications} candidatures."
        )
