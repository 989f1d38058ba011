"""Mail when no SMTP server is configured.

Django's console backend writes every message, body included, to the process's output: in production
that output is the system journal, and Maillage's messages name people (a participant's hours in a
declaration's notice, a referral). In production without ``EMAIL_HOST`` messages are therefore
dropped, counted in one warning without any content, and ``manage.py check --deploy`` says that mail
is not configured. The console backend stays the default of a development machine.
"""

import logging

from django.conf import settings
from django.core import checks
from django.core.mail.backends.base import BaseEmailBackend

from maillage.common_text import count_of

logger = logging.getLogger("maillage.mail")

UNCONFIGURED = "maillage.kernel.mail.UnconfiguredBackend"


class UnconfiguredBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        messages = list(email_messages or [])
        if messages:
            unsent = count_of(len(messages), "courriel non envoyé")
            logger.warning("Aucun serveur SMTP configuré (EMAIL_HOST) : %s.", unsent)
        return 0


@checks.register(checks.Tags.security, deploy=True)
def mail_is_configured(app_configs=None, **kwargs):
    if settings.EMAIL_BACKEND != UNCONFIGURED:
        return []
    return [
        checks.Warning(
            "Aucun serveur SMTP n'est configuré : les courriels (avis de déclaration, orientations, "
            "réinitialisation de mot de passe) ne partent pas.",
            hint="Définir EMAIL_HOST (et EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) ; voir docs/deployment.md.",
            id="maillage.W001",
        )
    ]
