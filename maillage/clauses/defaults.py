"""Default catalogues of a territory (DOMAIN.md §2), loaded once and then edited by facilitators."""

from decimal import Decimal as D

ELIGIBILITY_CRITERIA = [
    # code, label, health data, proof hint, needs prescriber opinion
    (
        "deld",
        "Demandeur d'emploi de longue durée (inscrit depuis plus de 12 mois)",
        False,
        "Attestation d'inscription France Travail",
        False,
    ),
    ("rsa", "Bénéficiaire du RSA", False, "Attestation CAF / MSA", False),
    ("ass", "Bénéficiaire de l'ASS", False, "Notification France Travail", False),
    ("aah", "Bénéficiaire de l'AAH", True, "Notification CAF", False),
    ("rqth", "Travailleur handicapé (RQTH)", True, "Notification MDPH", False),
    (
        "jeune",
        "Jeune de moins de 26 ans peu ou pas qualifié, ou sorti du système scolaire",
        False,
        "Attestation Mission locale",
        False,
    ),
    ("senior", "Demandeur d'emploi de 50 ans et plus", False, "Attestation d'inscription France Travail", False),
    ("siae", "Salarié d'une SIAE, de l'EPIDE, d'une E2C ou d'un GEIQ", False, "Contrat ou attestation", False),
    ("qpv", "Résident d'un quartier prioritaire de la ville (QPV)", False, "Justificatif de domicile", False),
    ("avis", "Autre situation, sur avis motivé d'un prescripteur", False, "Fiche de prescription motivée", True),
]

# Age conditions of the default criteria (age from, under): « moins de 26 ans », « 50 ans et plus ».
ELIGIBILITY_AGES = {"jeune": (None, 26), "senior": (50, None)}

# The CPV group (more digits) each default preset is chosen for: a lot's most specific preset wins.
PRESET_CPV_PREFIXES = {
    "Bâtiment – gros œuvre, maçonnerie": "45262",
    "Bâtiment – second œuvre (plâtrerie, menuiserie)": "4541",
    "Peinture, revêtements de sols et murs": "4544",
    "Charpente, structure métallique": "45223",
    "Voirie et réseaux divers (VRD)": "4523",
    "Propreté, nettoyage de locaux": "9091",
    "Collecte et tri des déchets": "905",
    "Espaces verts, entretien paysager": "7731",
    "Restauration collective": "555",
    "Transport de personnes": "601",
    "Accueil, gardiennage, services aux bâtiments": "797",
    "Maintenance et réparation": "50",
}

SIZING_PRESETS = [
    # division, trade, method, labour share %, rate %, hourly cost €, € per hour (ratio)
    ("45", "Bâtiment – gros œuvre, maçonnerie", "taux", D("50"), D("5"), D("30"), None),
    ("45", "Bâtiment – second œuvre (plâtrerie, menuiserie)", "taux", D("55"), D("5"), D("28"), None),
    ("45", "Peinture, revêtements de sols et murs", "taux", D("70"), D("7"), D("28"), None),
    ("45", "Charpente, structure métallique", "taux", D("20"), D("5"), D("30"), None),
    ("45", "Voirie et réseaux divers (VRD)", "taux", D("40"), D("5"), D("30"), None),
    ("90", "Propreté, nettoyage de locaux", "taux", D("80"), D("10"), D("25"), None),
    ("90", "Collecte et tri des déchets", "taux", D("60"), D("7"), D("27"), None),
    ("77", "Espaces verts, entretien paysager", "taux", D("75"), D("10"), D("25"), None),
    ("55", "Restauration collective", "taux", D("50"), D("5"), D("25"), None),
    ("60", "Transport de personnes", "taux", D("45"), D("5"), D("28"), None),
    ("79", "Accueil, gardiennage, services aux bâtiments", "ratio", D("70"), D("5"), D("25"), D("2000")),
    ("50", "Maintenance et réparation", "ratio", D("40"), D("5"), D("30"), D("2000")),
]


def load_defaults(criterion_model, preset_model, rule_model) -> None:
    """Create the default catalogues when missing; never overwrite what a territory edited."""
    # Early migrations load the defaults into a criterion model without age conditions.
    has_ages = any(f.name == "age_under" for f in criterion_model._meta.get_fields())
    for order, (code, label, health, proof, opinion) in enumerate(ELIGIBILITY_CRITERIA):
        ages = ELIGIBILITY_AGES.get(code, (None, None))
        criterion_model.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "is_health_data": health,
                "proof_hint": proof,
                "needs_prescriber_opinion": opinion,
                "order": order,
                **({"age_from": ages[0], "age_under": ages[1]} if has_ages else {}),
            },
        )
    for division, trade, method, share, rate, cost, ratio in SIZING_PRESETS:
        if not preset_model.objects.filter(epci__isnull=True, cpv_division=division, trade=trade).exists():
            # Early migrations load the defaults into a preset model without CPV groups.
            has_prefix = any(f.name == "cpv_prefix" for f in preset_model._meta.get_fields())
            extra = {"cpv_prefix": PRESET_CPV_PREFIXES.get(trade, division)} if has_prefix else {}
            preset_model.objects.create(
                **extra,
                cpv_division=division,
                trade=trade,
                method=method,
                labour_share=share,
                insertion_rate=rate,
                hourly_cost=cost,
                euros_per_hour=ratio,
            )
    if not rule_model.objects.filter(epci__isnull=True, buyer__isnull=True).exists():
        rule_model.objects.create(name="Règle par défaut (1 heure payée = 1 heure comptée)")
