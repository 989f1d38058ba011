"""Who may open the territories module (its pages ask the same permission)."""

from maillage.accounts.policies import Perm, has_perm


def can_open(user) -> bool:
    return has_perm(user, Perm.VIEW_TERRITORIES)
