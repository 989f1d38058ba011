"""Who may merge people: the platform's administrators only (identity is shared by every module)."""

from maillage.accounts.policies import is_platform_admin


def can_merge_people(user) -> bool:
    return is_platform_admin(user)
