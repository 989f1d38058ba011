"""Writes of company relations: one function per use case, each in a transaction."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.accounts import audit
from maillage.accounts.models import AuditAction, Organisation, OrganisationKind
from maillage.common_files import open_text

from .models import (
    Agreement,
    AgreementAction,
    CommitteeMeeting,
    Contact,
    Establishment,
    Interaction,
    NeedStatus,
    PlanAction,
    RecruitmentNeed,
    RecruitmentPlan,
)
from .validators import clean_siret, normalise_naf


def _assign(instance, data: dict):
    m2m = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            m2m[name] = value
        else:
            setattr(instance, name, value)
    return m2m


def _save(instance, data: dict):
    m2m = _assign(instance, data)
    instance.full_clean()
    instance.save()
    for name, value in m2m.items():
        getattr(instance, name).set(value)
    return instance


# Establishments -------------------------------------------------------------------------------


@transaction.atomic
def create_establishment(actor, **data) -> Establishment:
    establishment = Establishment()
    data.setdefault("organisation", organisation_for_siret(data.get("siret", "")))
    return _save(establishment, data)


@transaction.atomic
def update_establishment(actor, establishment: Establishment, **data) -> Establishment:
    return _save(establishment, data)


def organisation_for_siret(siret: str) -> Organisation | None:
    """The company organisation of Maillage that has this SIRET, if any."""
    siret = clean_siret(siret)
    if not siret:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.COMPANY, siret=siret).first()


@transaction.atomic
def link_establishments_to_organisations() -> int:
    """Link unlinked establishments to the company organisation with the same SIRET; returns the count."""
    organisations = dict(
        Organisation.objects.filter(kind=OrganisationKind.COMPANY).exclude(siret="").values_list("siret", "pk")
    )
    linked = 0
    for establishment in Establishment.objects.filter(organisation__isnull=True, siret__in=organisations):
        establishment.organisation_id = organisations[establishment.siret]
        establishment.save(update_fields=["organisation", "updated_at"])
        linked += 1
    return linked


# Contacts (personal data of professionals: every write is audit-logged) ----------------------


@transaction.atomic
def save_contact(actor, establishment: Establishment, contact: Contact | None = None, **data) -> Contact:
    creating = contact is None
    contact = contact or Contact(establishment=establishment)
    if data.get("is_main"):
        establishment.contacts.exclude(pk=contact.pk).filter(is_main=True).update(is_main=False)
    _save(contact, data)
    audit.record_instance(actor, AuditAction.CREATE if creating else AuditAction.UPDATE, contact)
    return contact


@transaction.atomic
def delete_contact(actor, contact: Contact) -> None:
    audit.record_instance(actor, AuditAction.DELETE, contact)
    contact.delete()


# Interactions ----------------------------------------------------------------------------------


@transaction.atomic
def save_interaction(actor, establishment: Establishment, interaction: Interaction | None = None, **data):
    if interaction is None:
        interaction = Interaction(establishment=establishment, author=actor if actor.is_authenticated else None)
    if data.get("contact") is not None and data["contact"].establishment_id != establishment.pk:
        raise ValueError("Le contact n'appartient pas à cet établissement.")
    if "follow_up_on" in data and data["follow_up_on"] != interaction.follow_up_on:
        interaction.follow_up_done_at = None
    return _save(interaction, data)


@transaction.atomic
def mark_follow_up_done(actor, interaction: Interaction) -> Interaction:
    if interaction.follow_up_done_at is None:
        interaction.follow_up_done_at = timezone.now()
        interaction.save(update_fields=["follow_up_done_at"])
    return interaction


# Recruitment needs and plans -------------------------------------------------------------------


@transaction.atomic
def save_need(actor, establishment: Establishment, need: RecruitmentNeed | None = None, **data) -> RecruitmentNeed:
    if need is None:
        need = RecruitmentNeed(establishment=establishment, created_by=actor if actor.is_authenticated else None)
    if data.get("status") == NeedStatus.FILLED and not data.get("positions_filled", need.positions_filled):
        data["positions_filled"] = data.get("positions", need.positions)
    return _save(need, data)


@transaction.atomic
def set_need_status(actor, need: RecruitmentNeed, status: str) -> RecruitmentNeed:
    if status not in NeedStatus.values:
        raise ValueError(f"État inconnu : {status}")
    need.status = status
    if status == NeedStatus.FILLED and not need.positions_filled:
        need.positions_filled = need.positions
    need.save(update_fields=["status", "positions_filled", "updated_at"])
    return need


@transaction.atomic
def get_or_create_plan(establishment: Establishment, year: int) -> RecruitmentPlan:
    plan, _ = RecruitmentPlan.objects.get_or_create(establishment=establishment, year=year)
    return plan


@transaction.atomic
def save_plan(actor, plan: RecruitmentPlan, **data) -> RecruitmentPlan:
    return _save(plan, data)


@transaction.atomic
def save_plan_action(actor, plan: RecruitmentPlan, action: PlanAction | None = None, **data) -> PlanAction:
    action = action or PlanAction(plan=plan)
    need = data.get("need")
    if need is not None and need.establishment_id != plan.establishment_id:
        raise ValueError("Le besoin ne concerne pas cet établissement.")
    planned_on = data.get("planned_on")
    if planned_on and not data.get("quarter"):
        data["quarter"] = (planned_on.month - 1) // 3 + 1
    return _save(action, data)


@transaction.atomic
def delete_plan_action(actor, action: PlanAction) -> None:
    action.delete()


# Agreements -----------------------------------------------------------------------------------


@transaction.atomic
def save_agreement(actor, agreement: Agreement | None = None, **data) -> Agreement:
    return _save(agreement or Agreement(), data)


@transaction.atomic
def save_agreement_action(actor, agreement: Agreement, action: AgreementAction | None = None, **data):
    return _save(action or AgreementAction(agreement=agreement), data)


@transaction.atomic
def save_committee_meeting(actor, agreement: Agreement, meeting: CommitteeMeeting | None = None, **data):
    return _save(meeting or CommitteeMeeting(agreement=agreement), data)


# Hiring weights (La Bonne Boite ROME v3 × NAF) ------------------------------------------------


def default_hiring_weights_path() -> Path:
    return Path(settings.REFERENCE_DATA_DIR) / "labour-market" / "rome_naf_mapping.csv.gz"


@dataclass
class LoadReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    errors: list[str] | None = None


def read_hiring_weights(path: Path) -> tuple[dict[tuple[str, str], tuple[str, str, int]], list[str]]:
    with open_text(path) as handle:
        return _read_hiring_rows(csv.DictReader(handle), path)


def _read_hiring_rows(reader, path: Path) -> tuple[dict[tuple[str, str], tuple[str, str, int]], list[str]]:
    rows: dict[tuple[str, str], tuple[str, str, int]] = {}
    errors: list[str] = []
    missing = {"rome_id", "naf_id", "hirings"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"Colonnes manquantes dans {path.name} : {', '.join(sorted(missing))}.")
    for line, row in enumerate(reader, start=2):
        rome = (row.get("rome_id") or "").strip().upper()
        naf = normalise_naf(row.get("naf_id") or "")
        try:
            hirings = int(float((row.get("hirings") or "").strip()))
        except ValueError:
            errors.append(f"ligne {line}, colonne hirings : « {row.get('hirings')} » n'est pas un nombre.")
            continue
        if len(rome) != 5 or len(naf) != 6 or hirings < 0:
            errors.append(f"ligne {line} : code ROME « {rome} » ou NAF « {row.get('naf_id')} » invalide.")
            continue
        rows[(rome, naf)] = ((row.get("rome_label") or "").strip(), (row.get("naf_label") or "").strip(), hirings)
    return rows, errors


@transaction.atomic
def load_hiring_weights(path: Path | None = None, *, dry_run: bool = False) -> LoadReport:
    """Idempotent: creates missing pairs, updates changed ones, deletes pairs absent from the file."""
    from .models import HiringWeight

    path = Path(path or default_hiring_weights_path())
    rows, errors = read_hiring_weights(path)
    report = LoadReport(read=len(rows), errors=errors)
    existing = {(w.rome_v3, w.naf): w for w in HiringWeight.objects.all()}
    to_create, to_update = [], []
    for key, (rome_label, naf_label, hirings) in rows.items():
        weight = existing.get(key)
        if weight is None:
            to_create.append(
                HiringWeight(rome_v3=key[0], naf=key[1], rome_label=rome_label, naf_label=naf_label, hirings=hirings)
            )
        elif (weight.rome_label, weight.naf_label, weight.hirings) != (rome_label, naf_label, hirings):
            weight.rome_label, weight.naf_label, weight.hirings = rome_label, naf_label, hirings
            to_update.append(weight)
        else:
            report.unchanged += 1
    stale = [w.pk for key, w in existing.items() if key not in rows]
    report.created, report.updated, report.deleted = len(to_create), len(to_update), len(stale)
    if dry_run:
        return report
    HiringWeight.objects.bulk_create(to_create, batch_size=1000)
    HiringWeight.objects.bulk_update(to_update, ["rome_label", "naf_label", "hirings"], batch_size=1000)
    HiringWeight.objects.filter(pk__in=stale).delete()
    return report


UNKNOWN_COMPANY = "Entreprise à identifier (titulaire d'un marché public)"


@transaction.atomic
def establishment_for_holder(*, siret: str, name: str, commune=None) -> Establishment | None:
    """The establishment of a public-market holder, by SIRET (one company in Maillage).

    An establishment already known keeps its name and is returned; an unknown one is created with the
    name the DECP record gives (``denominationSociale``) and the market's place as a commune to check.
    Without a valid SIRET, a name or a commune nothing is created: a company is never named by its SIRET."""
    siret = clean_siret(siret)
    if len(siret) != 14:
        return None
    existing = Establishment.objects.filter(siret=siret).first()
    if existing is not None:
        return existing
    name = (name or "").strip()
    if not name or commune is None:
        return None
    establishment = Establishment(
        siret=siret,
        name=name[:200],
        legal_name=name[:200],
        commune=commune,
        address="Commune à vérifier : lieu d'exécution du marché (DECP)",
        organisation=organisation_for_siret(siret),
    )
    try:
        establishment.full_clean(exclude=["organisation", "referent"])
    except ValidationError:
        return None  # an invalid SIRET in the open data: no establishment rather than a wrong one
    establishment.save()
    return establishment
