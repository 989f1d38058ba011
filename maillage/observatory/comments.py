"""Partners' comments on the figures of a diagnostic page (shared diagnostic)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from maillage.accounts.policies import active_memberships

from .models import Comment


def for_page(page: str) -> dict[str, list[Comment]]:
    result: dict[str, list[Comment]] = {}
    for comment in Comment.objects.filter(page=page).select_related("author", "organisation"):
        result.setdefault(comment.topic, []).append(comment)
    return result


@transaction.atomic
def add(*, user, page: str, topic: str, text: str) -> Comment:
    text = (text or "").strip()
    if not text or not page or not topic:
        raise ValidationError("Un commentaire ne peut pas être vide.")
    memberships = active_memberships(user)
    comment = Comment(
        page=page,
        topic=topic,
        text=text[:2000],
        author=user,
        organisation=memberships[0].organisation if memberships else None,
    )
    comment.full_clean()
    comment.save()
    return comment
