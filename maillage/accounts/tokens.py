"""API tokens that expire: a token older than ``API_TOKEN_LIFETIME_DAYS`` is refused (and deleted).

The user creates a new one from their profile page.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


def token_expires_at(token):
    return token.created + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


def token_expired(token) -> bool:
    return timezone.now() >= token_expires_at(token)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed("Jeton d'API expiré : créez-en un nouveau depuis votre profil.")
        return user, token
