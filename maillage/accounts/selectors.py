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


def audit_events(
    *,
    object_type: str = "",
    actor_id: int | None = None,
    actor: str = "",
    action: str = "",
    since=None,
    until=None,
    person_id: int | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log, filtered by who (account or e-mail fragment), what (action, object type), when
    (dates, inclusive) and which person (every part of a ``people.Person``: its clause path, its job
    search file, the person record itself)."""
    queryset = AuditEvent.objects.select_related("actor")
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if actor_id:
        queryset = queryset.filter(actor_id=actor_id)
    if actor:
        queryset = queryset.filter(actor__email__icontains=actor.strip())
    if action:
        queryset = queryset.filter(action=action)
    if since:
        queryset = queryset.filter(at__date__gte=since)
    if until:
        queryset = queryset.filter(at__date__lte=until)
    if person_id:
        queryset = queryset.filter(_person_events(person_id))
    return queryset


def _person_events(person_id: int):
    from django.db.models import Q

    from maillage.people.parts import part_relations

    condition = Q(object_type="people.person", object_id=str(person_id))
    for rel in part_relations():
        model = rel.related_model
        ids = [
            str(pk) for pk in model._default_manager.filter(**{rel.field.name: person_id}).values_list("pk", flat=True)
        ]
        if ids:
            condition |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    return condition


def audit_object_types() -> list[str]:
    return list(AuditEvent.objects.order_by("object_type").values_list("object_type", flat=True).distinct())
