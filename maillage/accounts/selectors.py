from django.db.models import Count, Q, QuerySet

from maillage.common_text import fold

from . import policies
from .models import AuditEvent, Organisation, User


def organisations_for(user, *, kind: str = "", query: str = "") -> QuerySet[Organisation]:
    queryset = policies.visible_organisations(user).select_related("commune")
    if kind:
        queryset = queryset.filter(kind=kind)
    if query:
        folded = fold(query)
        queryset = queryset.filter(Q(name__icontains=query) | Q(name__icontains=folded) | Q(siret__startswith=query))
    return queryset.annotate(member_count=Count("memberships", filter=Q(memberships__is_active=True))).order_by("name")


def users_for_admin(query: str = "") -> QuerySet[User]:
    queryset = User.objects.prefetch_related("memberships__organisation")
    if query:
        queryset = queryset.filter(
            Q(email__icontains=query) | Q(last_name__icontains=query) | Q(first_name__icontains=query)
        )
    return queryset


def audit_events(*, object_type: str = "", actor_id: int | None = None) -> QuerySet[AuditEvent]:
    queryset = AuditEvent.objects.select_related("actor")
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if actor_id:
        queryset = queryset.filter(actor_id=actor_id)
    return queryset
