"""Demo directory of the Eure: about 150 services of fictional but plausible structures (savoirs de base,
FLE/ASL, digital, mobility, childcare, housing, business creation, IAE), with eligibility rules and an
editor account for the basic-skills association. Deterministic and idempotent (keys ``demo--…``)."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Organisation, OrganisationKind, Role
from maillage.territories.models import Commune

from ..models import EligibilityRule, RuleKind, Service, Structure, StructureEditor
from .referrals import seed_referrals

EDITOR_EMAIL = "association.savoirs@demo.maillage.fr"
EDITED_STRUCTURES = ["Association Savoirs de base 27 (fictive)", "Plateforme Mobilité de l'Eure (fictive)"]

# key: (name, thématiques, type, publics, fees, weekly hours, description, rules, mobilisation)
TEMPLATES = {
    "savoirs": (
        "Atelier savoirs de base : lire, écrire, compter",
        ["lecture-ecriture-calcul--maitriser-le-francais", "lecture-ecriture-calcul--maitriser-le-calcul"],
        "formation",
        ["tous-publics"],
        "gratuit",
        6,
        "Ateliers en petit groupe pour reprendre confiance à l'écrit et en calcul, à partir des situations de la vie "
        "quotidienne et du travail. Entrée et sortie permanentes, positionnement à l'entrée.",
        [(RuleKind.AGE_MIN, 16, ""), (RuleKind.LANGUAGE_MIN, None, "B1"), (RuleKind.DIPLOMA_MAX, None, "3")],
    ),
    "clea": (
        "Remise à niveau compétences clés (certificat CléA)",
        ["lecture-ecriture-calcul--maitriser-le-francais", "numerique--maitriser-les-fondamentaux-du-numerique"],
        "formation",
        ["demandeurs-emploi"],
        "gratuit",
        20,
        "Parcours de 3 mois pour acquérir le socle de connaissances et de compétences professionnelles (CléA) : "
        "français, calcul, numérique, travail en équipe. Financé par la Région.",
        [(RuleKind.JOB_SEEKER, None, ""), (RuleKind.DIPLOMA_MAX, None, "4"), (RuleKind.AGE_MIN, 18, "")],
    ),
    "asl": (
        "Ateliers sociolinguistiques (ASL)",
        ["lecture-ecriture-calcul--maitriser-le-francais"],
        "atelier",
        ["tous-publics"],
        "gratuit",
        4,
        "Apprendre le français utile au quotidien : école, santé, transports, administrations. Ateliers de "
        "proximité animés par des formateurs et des bénévoles.",
        [(RuleKind.LANGUAGE_MAX, None, "A2"), (RuleKind.AGE_MIN, 18, "")],
    ),
    "fle_pro": (
        "Français langue étrangère à visée professionnelle",
        ["lecture-ecriture-calcul--maitriser-le-francais", "se-former--trouver-sa-formation"],
        "formation",
        ["demandeurs-emploi", "personnes-exilees"],
        "gratuit",
        15,
        "Progresser en français pour accéder à l'emploi ou à une formation qualifiante : vocabulaire des métiers, "
        "entretiens, écrits professionnels. Niveau A1 acquis à l'oral.",
        [(RuleKind.LANGUAGE_MIN, None, "A1"), (RuleKind.LANGUAGE_MAX, None, "B1"), (RuleKind.AGE_MIN, 18, "")],
    ),
    "num_permanence": (
        "Permanence numérique : démarches en ligne accompagnées",
        ["numerique--acceder-a-des-services-en-ligne"],
        "accompagnement",
        ["tous-publics"],
        "gratuit",
        None,
        "Un conseiller numérique aide à créer ses comptes (CAF, France Travail, impots.gouv, Ameli) et à réaliser "
        "ses démarches. Sans rendez-vous le mardi, sur rendez-vous les autres jours.",
        [],
    ),
    "num_initiation": (
        "Initiation à l'ordinateur et au smartphone",
        ["numerique--maitriser-les-fondamentaux-du-numerique"],
        "atelier",
        ["tous-publics"],
        "gratuit",
        2,
        "Cycle de 8 séances pour prendre en main un ordinateur ou un smartphone : courriels, internet, sécurité, "
        "visioconférence.",
        [],
    ),
    "num_equipement": (
        "Ordinateurs reconditionnés à prix solidaire",
        ["numerique--acquerir-un-equipement"],
        "aide-materielle",
        ["beneficiaires-des-minimas-sociaux", "demandeurs-emploi", "jeunes"],
        "payant",
        None,
        "Ordinateurs portables reconditionnés et garantis un an, à partir de 50 €, sur prescription d'un "
        "professionnel.",
        [],
    ),
    "mob_plateforme": (
        "Plateforme mobilité : diagnostic et accompagnement",
        ["mobilite--etre-accompagne-dans-son-parcours-mobilite"],
        "accompagnement",
        ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"],
        "gratuit",
        None,
        "Un conseiller mobilité fait le point sur vos déplacements (bilan de compétences mobilité) et construit avec "
        "vous un plan : transports en commun, vélo, covoiturage, permis, location de véhicule.",
        [],
    ),
    "mob_autoecole": (
        "Auto-école sociale",
        ["mobilite--preparer-un-permis"],
        "formation",
        ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"],
        "payant",
        6,
        "Préparation au permis B avec une pédagogie adaptée (code et conduite), pour les personnes en parcours "
        "d'insertion. Tarif solidaire selon les ressources, financement possible par France Travail.",
        [(RuleKind.NO_DRIVING_LICENCE, None, ""), (RuleKind.AGE_MIN, 17, ""), (RuleKind.LANGUAGE_MIN, None, "A2")],
    ),
    "mob_location": (
        "Location solidaire de scooters et voitures",
        ["mobilite--acceder-a-un-vehicule"],
        "aide-materielle",
        ["demandeurs-emploi", "actifs"],
        "payant",
        None,
        "Location à 2 € par jour d'un scooter ou d'une voiture pour se rendre à un emploi, un stage ou une "
        "formation, pour trois mois au plus.",
        [(RuleKind.DRIVING_LICENCE, None, "permis B pour une voiture")],
    ),
    "mob_garage": (
        "Garage solidaire",
        ["mobilite--entretenir-reparer-son-vehicule"],
        "aide-materielle",
        ["beneficiaires-des-minimas-sociaux", "demandeurs-emploi"],
        "payant",
        None,
        "Réparations et entretien à prix coûtant, pièces d'occasion, sur orientation d'un travailleur social ou "
        "d'un conseiller emploi.",
        [],
    ),
    "mob_aide_permis": (
        "Aide départementale au permis de conduire des jeunes",
        ["mobilite--financer-ma-mobilite", "mobilite--preparer-un-permis"],
        "aide-financiere",
        ["jeunes"],
        "gratuit",
        None,
        "Aide de 500 € à 1 000 € pour financer le permis B, en contrepartie d'un engagement citoyen de 35 heures.",
        [(RuleKind.AGE_MIN, 18, ""), (RuleKind.AGE_MAX, 25, ""), (RuleKind.NO_DRIVING_LICENCE, None, "")],
    ),
    "mob_velo": (
        "Vélos à assistance électrique en prêt pour la reprise d'emploi",
        ["mobilite--mobilite-douce-partagee-collective"],
        "aide-materielle",
        ["demandeurs-emploi", "actifs"],
        "gratuit",
        None,
        "Prêt d'un vélo à assistance électrique pendant trois mois, avec casque et antivol, pour les personnes qui "
        "reprennent un emploi ou une formation.",
        [],
    ),
    "garde_avip": (
        "Crèche à vocation d'insertion professionnelle (AVIP)",
        ["famille--garde-denfants"],
        "accompagnement",
        ["familles", "demandeurs-emploi"],
        "payant",
        None,
        "Places d'accueil réservées aux enfants de 0 à 3 ans de parents en recherche d'emploi, en contrepartie d'un "
        "accompagnement renforcé vers l'emploi.",
        [(RuleKind.JOB_SEEKER, None, "")],
    ),
    "garde_rpe": (
        "Relais petite enfance : trouver un mode de garde",
        ["famille--garde-denfants"],
        "information",
        ["familles"],
        "gratuit",
        None,
        "Information sur les modes d'accueil du jeune enfant (assistants maternels, crèches), aide aux démarches "
        "et aux contrats.",
        [],
    ),
    "log_jeunes": (
        "Accompagnement logement des jeunes",
        [
            "logement-hebergement--louer-un-logement",
            "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
        ],
        "accompagnement",
        ["jeunes"],
        "gratuit",
        None,
        "Aide à la recherche d'un logement autonome, aux demandes d'aides (Loca-Pass, Visale, APL) et à "
        "l'installation, pour les jeunes en formation ou en emploi.",
        [(RuleKind.AGE_MAX, 30, "")],
    ),
    "log_residence": (
        "Résidence sociale : logement temporaire",
        ["logement-hebergement--rechercher-une-solution-dhebergement-temporaire"],
        "aide-materielle",
        ["tous-publics"],
        "payant",
        None,
        "Logements meublés pour quelques mois, avec un accompagnement social, le temps de trouver un logement durable.",
        [(RuleKind.AGE_MIN, 18, "")],
    ),
    "crea_couveuse": (
        "Couveuse d'entreprises : tester son activité",
        ["creer-une-entreprise--structurer-son-projet-de-creation-dentreprise"],
        "accompagnement",
        ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"],
        "gratuit",
        None,
        "Tester son activité en conditions réelles, sans créer d'entreprise, avec un contrat CAPE et un "
        "accompagnement hebdomadaire.",
        [(RuleKind.JOB_SEEKER, None, "")],
    ),
    "crea_quartiers": (
        "Entreprendre dans les quartiers",
        ["creer-une-entreprise--definir-son-projet-de-creation-dentreprise"],
        "accompagnement",
        ["residents-qpv-frr"],
        "gratuit",
        None,
        "Un chargé de mission accueille les habitants des quartiers prioritaires qui ont une idée d'entreprise et les "
        "oriente vers les bons partenaires.",
        [(RuleKind.QPV, None, "")],
    ),
    "crea_pret": (
        "Prêt d'honneur pour la création d'entreprise",
        ["creer-une-entreprise--developper-son-entreprise"],
        "aide-financiere",
        ["tous-publics"],
        "gratuit",
        None,
        "Prêt personnel à taux zéro, sans garantie, de 3 000 € à 30 000 €, et parrainage par un chef d'entreprise.",
        [],
    ),
    "iae_aci": (
        "Chantier d'insertion : espaces verts et maraîchage",
        [
            "trouver-un-emploi--repondre-a-des-offres-demploi",
            "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
        ],
        "accompagnement",
        ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"],
        "gratuit",
        26,
        "Contrat à durée déterminée d'insertion de 26 heures par semaine, avec un accompagnement social et "
        "professionnel et des formations.",
        [(RuleKind.AGE_MIN, 18, ""), (RuleKind.JOB_SEEKER, None, "")],
    ),
    "iae_etti": (
        "Missions de travail temporaire d'insertion",
        ["trouver-un-emploi--repondre-a-des-offres-demploi"],
        "accompagnement",
        ["demandeurs-emploi"],
        "gratuit",
        None,
        "Missions d'intérim dans le BTP, l'industrie et la logistique, avec un accompagnement vers l'emploi durable.",
        [(RuleKind.AGE_MIN, 18, ""), (RuleKind.JOB_SEEKER, None, "")],
    ),
    "iae_ai": (
        "Mises à disposition par une association intermédiaire",
        ["trouver-un-emploi--repondre-a-des-offres-demploi", "preparer-sa-candidature--valoriser-ses-competences"],
        "accompagnement",
        ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux"],
        "gratuit",
        None,
        "Premières missions chez des particuliers, des associations et des entreprises (ménage, jardinage, "
        "manutention) pour reprendre pied dans l'emploi.",
        [(RuleKind.AGE_MIN, 16, "")],
    ),
}

# name, commune, organisation kind (for the name), linked demo organisation, templates
STRUCTURES = [
    (
        "Association Savoirs de base 27 (fictive)",
        "27229",
        "Association Savoirs de base 27 (fictive)",
        ["savoirs", "asl", "fle_pro", "num_initiation"],
    ),
    ("Centre social de la Madeleine (fictif)", "27229", None, ["asl", "num_permanence", "garde_rpe", "savoirs"]),
    ("Centre social de Nétreville (fictif)", "27229", None, ["asl", "num_permanence", "crea_quartiers"]),
    ("Plateforme Mobilité de l'Eure (fictive)", "27229", None, ["mob_plateforme", "mob_location", "mob_velo"]),
    ("Auto-école sociale En Route (fictive)", "27229", None, ["mob_autoecole"]),
    ("Garage solidaire de l'Iton (fictif)", "27229", None, ["mob_garage"]),
    ("Jardins de l'Iton (ACI, fictif)", "27229", "Jardins de l'Iton (ACI, fictif)", ["iae_aci"]),
    (
        "Intérim Solidaire Normandie (ETTI, fictive)",
        "27229",
        "Intérim Solidaire Normandie (ETTI, fictive)",
        ["iae_etti"],
    ),
    ("Coup de Main Services (AI, fictive)", "27375", "Coup de Main Services (AI, fictive)", ["iae_ai"]),
    ("Couveuse Eure Entreprendre (fictive)", "27229", None, ["crea_couveuse", "crea_pret"]),
    ("Initiative Eure Seine (fictive)", "27375", None, ["crea_pret", "crea_quartiers"]),
    ("Crèche Les Petits Pas (AVIP, fictive)", "27229", None, ["garde_avip"]),
    ("Crèche Les Loupiots (AVIP, fictive)", "27701", None, ["garde_avip"]),
    ("Relais petite enfance Seine-Eure (fictif)", "27375", None, ["garde_rpe"]),
    ("Comité local pour le logement autonome des jeunes de l'Eure (fictif)", "27229", None, ["log_jeunes"]),
    ("Résidence sociale Le Phare (fictive)", "27229", None, ["log_residence"]),
    ("Résidence sociale Les Tilleuls (fictive)", "27681", None, ["log_residence", "log_jeunes"]),
    ("Lire et Dire en Seine-Eure (fictive)", "27375", None, ["savoirs", "asl", "fle_pro", "clea"]),
    ("Espace Langues de Val-de-Reuil (fictif)", "27701", None, ["asl", "fle_pro", "savoirs"]),
    (
        "Maison des services de Vernon (fictive)",
        "27681",
        None,
        ["num_permanence", "num_initiation", "asl", "savoirs", "mob_plateforme"],
    ),
    ("Centre de formation Pays de Bernay (fictif)", "27056", None, ["clea", "savoirs", "fle_pro", "num_initiation"]),
    (
        "Espace solidaire de Pont-Audemer (fictif)",
        "27467",
        None,
        ["asl", "num_permanence", "mob_velo", "garde_rpe", "savoirs"],
    ),
    ("Association Mobil'Andelys (fictive)", "27016", None, ["mob_plateforme", "mob_location", "mob_garage"]),
    ("Gisors Vexin Insertion (fictive)", "27284", None, ["iae_aci", "iae_ai", "savoirs", "num_permanence"]),
    ("Centre social du Neubourg (fictif)", "27428", None, ["asl", "num_initiation", "garde_rpe", "mob_velo"]),
    (
        "Pays d'Ouche Solidarités (fictive)",
        "27165",
        None,
        ["mob_plateforme", "savoirs", "num_permanence", "log_residence"],
    ),
    ("Espace emploi de Saint-André (fictif)", "27507", None, ["num_permanence", "mob_location", "clea"]),
    ("Eure Numérique Solidaire (fictive)", "27229", None, ["num_equipement", "num_initiation", "num_permanence"]),
    ("Eure Numérique Solidaire – antenne de Louviers (fictive)", "27375", None, ["num_equipement", "num_initiation"]),
    ("Tremplin Bâtiment 27 (EI, fictive)", "27229", "Tremplin Bâtiment 27 (EI, fictive)", ["iae_etti", "clea"]),
    ("Pacy Entraide (fictive)", "27448", None, ["asl", "mob_velo", "num_permanence", "garde_rpe"]),
    ("Gaillon Solidarité Emploi (fictive)", "27275", None, ["iae_ai", "savoirs", "mob_plateforme", "asl"]),
    ("Brionne Avenir (fictive)", "27116", None, ["num_permanence", "savoirs", "mob_location", "log_jeunes"]),
    (
        "Verneuil Accueil Insertion (fictive)",
        "27679",
        None,
        ["asl", "savoirs", "iae_aci", "mob_plateforme", "num_initiation"],
    ),
    ("Breteuil Services (fictive)", "27112", None, ["iae_ai", "num_permanence", "mob_garage"]),
    (
        "Val-de-Reuil Quartiers d'Avenir (fictive)",
        "27701",
        None,
        ["crea_quartiers", "num_permanence", "mob_autoecole", "clea", "log_jeunes"],
    ),
    ("Louviers Mobilité (fictive)", "27375", None, ["mob_autoecole", "mob_plateforme", "mob_velo"]),
    ("Bernay Mobilité Solidaire (fictive)", "27056", None, ["mob_autoecole", "mob_location", "mob_garage"]),
    ("Vernon Entreprendre (fictive)", "27681", None, ["crea_couveuse", "crea_pret"]),
    ("Pont-Audemer Emploi Insertion (fictive)", "27467", None, ["iae_aci", "iae_etti", "clea", "mob_autoecole"]),
    ("Centre social de Gravigny (fictif)", "27299", None, ["asl", "savoirs", "num_permanence", "garde_rpe"]),
    ("Saint-Sébastien Solidarités (fictive)", "27602", None, ["num_initiation", "mob_velo", "asl", "log_residence"]),
    ("Pont-de-l'Arche Initiatives (fictive)", "27469", None, ["savoirs", "num_permanence", "mob_location", "iae_ai"]),
    ("Étrépagny Emploi Services (fictive)", "27226", None, ["iae_ai", "asl", "num_permanence", "mob_plateforme"]),
    ("Beuzeville Accueil (fictive)", "27065", None, ["savoirs", "num_permanence", "garde_rpe", "mob_velo"]),
    ("Bourg-Achard Entraide (fictive)", "27103", None, ["asl", "num_initiation", "mob_location"]),
    (
        "Évreux Quartiers Numériques (fictive)",
        "27229",
        None,
        ["num_equipement", "num_permanence", "crea_quartiers", "clea"],
    ),
    (
        "Mission savoirs de base du Vexin (fictive)",
        "27213",
        None,
        ["savoirs", "asl", "mob_plateforme", "num_permanence"],
    ),
    ("Le Val d'Hazey Solidarités (fictive)", "27022", None, ["savoirs", "iae_aci", "log_jeunes"]),
]

STREETS = [
    "rue de la République", "rue Victor Hugo", "place du Marché", "avenue Aristide Briand", "rue Jean Jaurès",
    "rue de la Gare", "boulevard de Normandie", "rue Pasteur", "allée des Tilleuls", "rue du Général de Gaulle",
]  # fmt: skip
HOURS = [
    "Mo-Fr 09:00-12:00,14:00-17:00", "Mo-Th 09:00-12:30,13:30-17:00; Fr 09:00-12:00", "Tu,Th 14:00-17:30",
    "Mo-Fr 08:30-12:30; PH off", "We 09:00-12:00; Sa 09:00-12:00",
]  # fmt: skip


def _slug(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:60]


@transaction.atomic
def seed(stdout=None) -> None:
    rng = random.Random(27)
    codes = {code for _n, code, _o, _t in STRUCTURES}
    communes = Commune.objects.in_bulk(list(codes))
    if not communes:
        if stdout:
            stdout.write("  Annuaire : communes de l'Eure absentes, démo ignorée (charger les référentiels).")
        return
    today = timezone.localdate()
    now = timezone.now()
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=[s[2] for s in STRUCTURES if s[2]])}
    count = 0
    for name, code, org_name, templates in STRUCTURES:
        commune = communes.get(code)
        if commune is None:
            continue
        jitter = lambda: rng.uniform(-0.006, 0.006)  # noqa: E731
        # Some listings were checked long ago: the six-month reminder and the stale flag have something to show.
        checked = now - timedelta(days=rng.choice([10, 40, 90, 150, 200, 260, 400]))
        structure, _ = Structure.objects.update_or_create(
            di_id=f"demo--{_slug(name)}",
            defaults={
                "source": "maillage",
                "name": name,
                "description": f"{name} accompagne les habitants du territoire : "
                + ", ".join(TEMPLATES[t][0].lower() for t in templates[:3])
                + ".",
                "commune": commune,
                "commune_name": commune.name,
                "postal_code": (commune.postcodes or "27000").split()[0][:5],
                "address": f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
                "latitude": commune.latitude + jitter() if commune.latitude else None,
                "longitude": commune.longitude + jitter() if commune.longitude else None,
                "phone": f"02 32 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                "email": f"contact@{_slug(name).replace('-', '')[:20]}.example.org",
                "opening_hours": rng.choice(HOURS),
                "organisation": organisations.get(org_name),
                "updated_on": today - timedelta(days=rng.randint(5, 300)),
                "last_checked_at": checked,
            },
        )
        for key in templates:
            title, thematiques, kind, publics, fees, hours, description, rules = TEMPLATES[key]
            service, _ = Service.objects.update_or_create(
                di_id=f"demo--{_slug(name)}--{key}",
                defaults={
                    "structure": structure,
                    "source": "maillage",
                    "name": title,
                    "description": description,
                    "updated_on": structure.updated_on,
                    "type": kind,
                    "thematiques": thematiques,
                    "publics": publics,
                    "fees": fees,
                    "fees_details": "Tarif solidaire selon les ressources" if fees == "payant" else "",
                    "commune": commune,
                    "commune_name": commune.name,
                    "postal_code": structure.postal_code,
                    "address": structure.address,
                    "latitude": structure.latitude,
                    "longitude": structure.longitude,
                    "phone": structure.phone,
                    "email": structure.email,
                    "reception_modes": ["en-presentiel"],
                    "eligibility_zone": [commune.epci_id] if commune.epci_id else ["27"],
                    "mobilisation_modes": ["envoyer-un-courriel", "telephoner"],
                    "mobilisable_by": ["professionnels", "usagers"] if key != "num_equipement" else ["professionnels"],
                    "weekly_hours": hours,
                    "opening_hours": structure.opening_hours,
                    "last_checked_at": checked,
                },
            )
            service.rules.all().delete()
            for kind_, number, level_or_note in rules:
                is_level = kind_ in (RuleKind.LANGUAGE_MAX, RuleKind.LANGUAGE_MIN, RuleKind.DIPLOMA_MAX)
                EligibilityRule.objects.create(
                    service=service,
                    kind=kind_,
                    number=number,
                    level=level_or_note if is_level else "",
                    note="" if is_level else level_or_note,
                )
            count += 1
    # Département-wide aid with no place (eligibility zone: the Eure).
    aid_structure, _ = Structure.objects.update_or_create(
        di_id="demo--departement-de-l-eure-insertion",
        defaults={
            "name": "Département de l'Eure – direction de l'insertion (fictive)",
            "commune": communes.get("27229"),
            "commune_name": "Évreux",
            "updated_on": today - timedelta(days=30),
            "last_checked_at": now - timedelta(days=30),
        },
    )
    title, thematiques, kind, publics, fees, hours, description, rules = TEMPLATES["mob_aide_permis"]
    service, _ = Service.objects.update_or_create(
        di_id="demo--departement-de-l-eure--aide-permis",
        defaults={
            "structure": aid_structure, "name": title, "description": description,
            "updated_on": today - timedelta(days=30),
            "type": kind, "thematiques": thematiques, "publics": publics, "fees": fees, "eligibility_zone": ["27"],
            "reception_modes": ["a-distance"], "mobilisable_by": ["professionnels"],
            "mobilisation_url": "https://www.example.org/aide-permis-eure",
        },
    )  # fmt: skip
    service.rules.all().delete()
    for kind_, number, note in rules:
        EligibilityRule.objects.create(service=service, kind=kind_, number=number, note=note)
    count += 1
    _seed_editor()
    referrals = seed_referrals(EDITED_STRUCTURES)
    if stdout:
        stdout.write(
            f"  Annuaire : {Structure.objects.filter(di_id__startswith='demo--').count()} structures, {count} services"
            + (f", {referrals} orientations." if referrals else ".")
        )


def _seed_editor() -> None:
    from maillage.accounts.demo import DEMO_PASSWORD
    from maillage.accounts.services import create_user_with_membership

    organisation = Organisation.objects.filter(name="Association Savoirs de base 27 (fictive)").first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name="Association Savoirs de base 27 (fictive)", kind=OrganisationKind.ASSOCIATION
        )
    user = create_user_with_membership(
        EDITOR_EMAIL, DEMO_PASSWORD, organisation, Role.PARTNER, first_name="Leïla", last_name="Haddad"
    )
    for structure in Structure.objects.filter(di_id__startswith="demo--").filter(name__in=EDITED_STRUCTURES):
        StructureEditor.objects.get_or_create(structure=structure, user=user)


__all__ = ["seed", "date"]
