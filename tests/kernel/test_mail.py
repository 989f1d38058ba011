"""Production without an SMTP server never writes messages (which name people) to the logs."""

import logging
import os
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMessage
from django.test import override_settings

from maillage.kernel.mail import UNCONFIGURED, UnconfiguredBackend, mail_is_configured

ROOT = Path(__file__).resolve().parents[2]


def _backend(**env) -> str:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("EMAIL_", "MAILLAGE_"))}
    environment.update(DJANGO_SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="config.settings", **env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_BACKEND)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    return done.stdout.strip()


def test_production_without_smtp_does_not_use_the_console():
    assert _backend(MAILLAGE_ENV="production") == UNCONFIGURED
    assert _backend(MAILLAGE_ENV="production", EMAIL_HOST="smtp.exemple.fr").endswith("smtp.EmailBackend")
    assert _backend().endswith("console.EmailBackend")  # a development machine shows its mail


def test_dropped_messages_are_counted_without_their_content(caplog):
    message = EmailMessage("Déclaration validée", "Léa Bernard, 151 h", to=["paie@exemple.fr"])
    with caplog.at_level(logging.WARNING, logger="maillage.mail"):
        assert UnconfiguredBackend().send_messages([message]) == 0
    assert "1 courriel non envoyé" in caplog.text
    assert "Léa" not in caplog.text and "exemple.fr" not in caplog.text and "Déclaration" not in caplog.text


def test_the_deploy_check_says_mail_is_not_configured():
    with override_settings(EMAIL_BACKEND=UNCONFIGURED):
        assert [warning.id for warning in mail_is_configured()] == ["maillage.W001"]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        assert mail_is_configured() == []
