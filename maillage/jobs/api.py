"""REST API resources of this module, registered on the /api/v1/ router by ``maillage.api.urls``.

Same policies as the pages (``maillage.jobs.policies``): offers for everyone who uses the
module, candidates scoped and audit-logged, applications scoped to the user.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.jobs import policies as policy
from maillage.referentials.models import Appellation, Skill
from maillage.territories.models import Commune

from . import matching
from .models import Application, ApplicationState, Candidate, Offer, RefusalReason
from .selectors import candidates as candidate_selectors
from .services import applications as application_services
from .services import offers as offer_services


class OfferSerializer(serializers.ModelSerializer):
    appellation_label = serializers.CharField(source="appellation.label", read_only=True, default="")
    commune_name = serializers.CharField(source="commune.name", read_only=True, default="")
    employer = serializers.CharField(source="employer_label", read_only=True)
    skills = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "title",
            "description",
            "appellation",
            "appellation_label",
            "rome_code",
            "skills",
            "contract_type",
            "hours_label",
            "working_time",
            "start_date",
            "positions",
            "commune",
            "commune_name",
            "employer",
            "is_shortage",
            "is_little_known",
            "source",
            "external_id",
            "status",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class OfferWriteSerializer(serializers.ModelSerializer):
    """Create or change an offer (same rules as the form; writes go through ``services.offers``)."""

    appellation = serializers.SlugRelatedField(slug_field="code", queryset=Appellation.objects.all())
    skills = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Skill.objects.all(), required=False)
    commune = serializers.SlugRelatedField(slug_field="code", queryset=Commune.objects.all())

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "appellation",
            "skills",
            "contract_type",
            "contract_duration_months",
            "hours_label",
            "working_time",
            "start_date",
            "positions",
            "commune",
            "establishment",
            "company_name",
            "is_little_known",
            "status",
        ]

    def validate(self, attrs):
        if not attrs.get("establishment") and not attrs.get("company_name") and self.instance is None:
            raise serializers.ValidationError("Indiquez l'établissement ou le nom de l'entreprise.")
        establishment = attrs.get("establishment")
        user = self.context["request"].user
        foreign = establishment is not None and (
            establishment.organisation_id not in policy.company_organisation_ids(user)
        )
        if foreign and not policy.is_manager(user):
            raise serializers.ValidationError("Cet établissement n'est pas le vôtre.")
        return attrs


class CandidateSerializer(serializers.ModelSerializer):
    # Identity and contact are held on the shared person.
    first_name = serializers.CharField(read_only=True)
    last_name = serializers.CharField(read_only=True)
    email = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True, default="")
    held_appellations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    sought_appellations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    skills = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    contract_wishes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "commune",
            "commune_name",
            "mobility_radius_km",
            "held_appellations",
            "sought_appellations",
            "skills",
            "contract_wishes",
            "working_time",
            "available_from",
            "is_searching",
            "consent_at",
            "consent_purpose",
            "updated_at",
        ]
        read_only_fields = fields


class ApplicationSerializer(serializers.ModelSerializer):
    offer_title = serializers.CharField(source="offer.title", read_only=True)

    class Meta:
        model = Application
        fields = ["id", "offer", "offer_title", "candidate", "state", "refusal_reason", "origin", "created_at"]
        read_only_fields = ["id", "offer_title", "state", "refusal_reason", "origin", "created_at"]


class ApplicationMoveSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=ApplicationState.choices)
    refusal_reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)


def _explanation(match) -> dict:
    e = match.explanation
    return {
        "rank": e.rank,
        "score": e.score_display,
        "skills": e.skills_score,
        "transition": e.transition_score,
        "distance_km": e.distance_km,
        "radius_km": e.radius_km,
        "shared_skills": [label for label, _ in e.shared],
        "missing_skills": [label for label, _ in e.missing],
        "transition_from": e.transition_from,
        "reasons": e.reasons,
    }


class OfferViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OfferSerializer
    filterset_fields = ["status", "contract_type", "rome_code", "is_shortage", "source"]

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return OfferWriteSerializer
        return OfferSerializer

    def create(self, request, *args, **kwargs):
        if not policy.can_create_offer(request.user):
            raise PermissionDenied("Vous ne pouvez pas créer d'offre.")
        serializer = OfferWriteSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        if not policy.is_manager(request.user) and not serializer.validated_data.get("establishment"):
            raise ValidationError({"establishment": "Choisissez un de vos établissements."})
        offer = self._save(request, None, serializer)
        return Response(OfferSerializer(offer).data, status=201)

    def update(self, request, *args, **kwargs):
        offer = self.get_object()
        if not policy.can_change_offer(request.user, offer):
            raise PermissionDenied("Vous ne pouvez pas modifier cette offre.")
        partial = kwargs.pop("partial", False)
        serializer = OfferWriteSerializer(offer, data=request.data, partial=partial, context={"request": request})
        serializer.is_valid(raise_exception=True)
        offer = self._save(request, offer, serializer)
        return Response(OfferSerializer(offer).data)

    def _save(self, request, offer, serializer):
        data = dict(serializer.validated_data)
        skills = data.pop("skills", None)
        try:
            return offer_services.save_offer(user=request.user, offer=offer, data=data, skills=skills)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc

    def get_queryset(self):
        if not policy.can_use_module(self.request.user):
            return Offer.objects.none()
        return (
            policy.visible_offers(self.request.user)
            .select_related("appellation", "commune", "establishment")
            .prefetch_related("skills")
            .order_by("-id")
        )

    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None):
        """Ranked, explained candidates (professionals; partners see only candidates visible to them)."""
        offer = self.get_object()
        if not policy.can_match_offer(request.user, offer):
            raise PermissionDenied("Rapprochement réservé aux professionnels.")
        allowed = None if policy.is_manager(request.user) else candidate_selectors.visible_ids_filter(request.user)
        results = matching.candidates_for_offer(
            offer, k=min(50, int(request.query_params.get("k", 20))), allowed=allowed
        )
        ids = [m.object_id for m in results]
        audit.record_many(request.user, AuditAction.VIEW, "jobs.candidate", ids, f"API rapprochement {offer.pk}")
        return Response([{"candidate": m.object_id, **_explanation(m)} for m in results])


class CandidateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CandidateSerializer
    filterset_fields = ["is_searching", "commune"]

    def get_queryset(self):
        return (
            policy.visible_candidates(self.request.user)
            .filter(anonymised_at__isnull=True)
            .select_related("commune", "person")
            .prefetch_related("held_appellations", "sought_appellations", "skills")
            .order_by("id")
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else response.data
        audit.record_many(request.user, AuditAction.VIEW, "jobs.candidate", [row["id"] for row in rows], "API liste")
        return response

    def retrieve(self, request, *args, **kwargs):
        candidate = self.get_object()
        audit.record_instance(request.user, AuditAction.VIEW, candidate, "API")
        return Response(self.get_serializer(candidate).data)

    @action(detail=True, methods=["get"])
    def offers(self, request, pk=None):
        candidate = self.get_object()
        audit.record_instance(request.user, AuditAction.VIEW, candidate, "API offres rapprochées")
        results = matching.offers_for_candidate(candidate, k=min(50, int(request.query_params.get("k", 20))))
        return Response([{"offer": m.object_id, **_explanation(m)} for m in results])


class ApplicationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ApplicationSerializer
    filterset_fields = ["state", "offer", "candidate"]

    def get_queryset(self):
        return policy.visible_applications(self.request.user).select_related("offer").order_by("-id")

    def perform_create(self, serializer):
        offer = serializer.validated_data["offer"]
        candidate = serializer.validated_data["candidate"]
        if not policy.visible_offers(self.request.user).filter(pk=offer.pk).exists():
            raise PermissionDenied("Offre inaccessible.")
        if not policy.can_apply(self.request.user, candidate, offer):
            raise PermissionDenied("Vous ne pouvez pas positionner ce candidat sur cette offre.")
        is_self = policy.candidate_profile(self.request.user) == candidate
        try:
            serializer.instance = application_services.create_application(
                user=self.request.user,
                candidate=candidate,
                offer=offer,
                origin="candidat" if is_self else "prescripteur",
            )
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc

    @action(detail=True, methods=["post"], serializer_class=ApplicationMoveSerializer)
    def move(self, request, pk=None):
        application = self.get_object()
        serializer = ApplicationMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        to_state = serializer.validated_data["to_state"]
        if not policy.can_move_application(request.user, application, to_state):
            raise PermissionDenied("Vous ne pouvez pas faire avancer cette candidature.")
        try:
            application = application_services.move_application(
                user=request.user,
                application=application,
                to_state=to_state,
                refusal_reason=serializer.validated_data.get("refusal_reason", ""),
                note=serializer.validated_data.get("note", ""),
            )
        except (DjangoValidationError, DjangoPermissionDenied) as exc:
            raise ValidationError(getattr(exc, "messages", [str(exc)])) from exc
        return Response(ApplicationSerializer(application).data)


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
    router.register("offres", OfferViewSet, basename="jobs-offer")
    router.register("candidats", CandidateViewSet, basename="jobs-candidate")
    router.register("candidatures", ApplicationViewSet, basename="jobs-application")
