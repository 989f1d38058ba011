"""DRF permission classes backed by the base policies (``maillage.accounts.policies``)."""

from rest_framework.permissions import BasePermission

from maillage.accounts import policies


class HasPerm(BasePermission):
    """Grants access when the policy grants ``required`` to the authenticated user."""

    required: policies.Perm | None = None
    message = "Vous n'avez pas accès à cette ressource."

    @classmethod
    def of(cls, perm: policies.Perm) -> type["HasPerm"]:
        return type(f"HasPerm_{perm.value}", (cls,), {"required": perm})

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return self.required is None or policies.has_perm(user, self.required)
