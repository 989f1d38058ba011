"""Forms of the company's declarations (the monthly grid's proof) and of the facilitator's queue."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator

from .models import DeclarationCalendar

MAX_PROOF_BYTES = 15 * 1024 * 1024
PROOF_EXTENSIONS = ["pdf", "zip", "jpg", "jpeg", "png"]


def check_proof_size(upload) -> None:
    if upload.size > MAX_PROOF_BYTES:
        raise ValidationError(
            f"Le justificatif dépasse {MAX_PROOF_BYTES // (1024 * 1024)} Mo : compressez-le ou scindez la déclaration."
        )


class GridProofForm(forms.Form):
    proof = forms.FileField(
        label="Justificatif de la déclaration (bulletins de salaire, factures), en un seul fichier",
        help_text="PDF, ZIP, JPEG ou PNG, 15 Mo au plus. Seuls le facilitateur du lot et votre entreprise y ont accès.",
        validators=[
            FileExtensionValidator(PROOF_EXTENSIONS, message="Format refusé : PDF, ZIP, JPEG ou PNG."),
            check_proof_size,
        ],
        error_messages={
            "required": "Joignez le justificatif de la déclaration (un seul fichier pour toute la grille)."
        },
    )


class CalendarForm(forms.ModelForm):
    class Meta:
        model = DeclarationCalendar
        fields = ["deadline_day", "reminder_days", "reminders_enabled"]
