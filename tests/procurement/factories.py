"""Contracts made directly in the database, for the radar, pages and API tests."""

import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone

from maillage.procurement.models import Buyer, Contract

_serial = itertools.count(1)


def buyer(siret="21270229400014", name="Commune d'Évreux") -> Buyer:
    obj, _ = Buyer.objects.get_or_create(siret=siret, defaults={"name": name})
    return obj


def contract(
    *,
    buyer_siret="21270229400014",
    buyer_name="Commune d'Évreux",
    cpv="45210000",
    amount=100000,
    epci=None,
    departement="27",
    commune=None,
    year=2023,
    social=None,
    **extra,
) -> Contract:
    """``social``: None (unknown), "" (none), or any of "clause", "criterion", "reserved" joined by "+"."""
    flags = {"social_clause": None, "social_criterion": None, "reserved": None, "has_social": None}
    if social is not None:
        parts = set(social.split("+")) if social else set()
        flags = {
            "social_clause": "clause" in parts,
            "social_criterion": "criterion" in parts,
            "reserved": "reserved" in parts,
            "has_social": bool(parts),
        }
    now = timezone.now()
    values = {
        "buyer": buyer(buyer_siret, buyer_name),
        "ref": f"T{next(_serial):05d}",
        "data_format": "2019" if social is None else "2022",
        "object": "Travaux de rénovation",
        "cpv_code": cpv,
        "cpv_division": cpv[:2],
        "commune_id": commune,
        "epci_id": epci,
        "departement_id": departement,
        "amount": Decimal(amount) if amount is not None else None,
        "notified_on": date(year, 3, 1),
        "year": year,
        "duration_months": 12,
        "holders": [{"type": "SIRET", "id": "51635553544168", "name": "Bâti Normand"}],
        "holder_count": 1,
        "checksum": "test",
        "imported_at": now,
        "updated_at": now,
        **flags,
    }
    values.update(extra)
    return Contract.objects.create(**values)


def rebuild() -> None:
    """The radar reads pre-aggregated cells, rebuilt by imports: tests that make contracts by hand call this."""
    from maillage.procurement.services import rebuild_radar_cells

    rebuild_radar_cells()
