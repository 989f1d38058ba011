"""Demo of the company's declarations (run by the module's demo after the monthly statements): the demo
company's last month declared in one grid with one proof (a PDF stating it is fictitious), still waiting
in the facilitators' queue."""

from django.core.files.base import ContentFile
from django.utils import timezone

from maillage.accounts.models import Membership, Role

from ..models import DeclarationBatch, HoursStatement, LotStatus, StatementStatus
from ..pdf import Document
from ..services.sizing import add_months

DEMO_COMPANY_EMAIL = "entreprise@demo.maillage.fr"


def _proof(month) -> bytes:
    doc = Document("Bulletins de salaire (démonstration)")
    doc.title_block(f"Déclaration des heures de {month:%m/%Y}")
    doc.paragraph("Document fictif de démonstration : il tient lieu des bulletins de salaire du mois.")
    return doc.output_bytes()


def seed_company_grid() -> int:
    """One grid for the demo company's previous month; returns the number of declarations it holds."""
    membership = (
        Membership.objects.filter(user__email=DEMO_COMPANY_EMAIL, role=Role.COMPANY_MEMBER)
        .select_related("user")
        .first()
    )
    if membership is None:
        return 0
    month = add_months(timezone.localdate().replace(day=1), -1)
    if DeclarationBatch.objects.filter(company_id=membership.organisation_id, month=month).exists():
        return 0
    statements = HoursStatement.objects.filter(
        month=month, contract__employer_id=membership.organisation_id, batch__isnull=True
    ).exclude(lot__status=LotStatus.CLOSED)
    if not statements.exists():
        return 0
    statements.exclude(status=StatementStatus.SUBMITTED).update(
        status=StatementStatus.SUBMITTED, validated_by=None, validated_at=None, rejection_reason=""
    )
    batch = DeclarationBatch.objects.create(
        company_id=membership.organisation_id, month=month, declared_by=membership.user
    )
    batch.proof.save(f"declaration-{month:%Y-%m}-{batch.pk}.pdf", ContentFile(_proof(month)), save=True)
    return statements.update(batch=batch, declared_by=membership.user)
