"""REST API of the directory (/api/v1/directory/…), same policies as the pages.

- ``directory/services`` and ``directory/structures``: the directory, read-only, with the search filters;
- ``directory/referrals``: referrals the user may see; ``POST`` refers a person (consent required);
  ``POST …/answer/`` is the receiving structure's answer;
- ``directory/data-inclusion/services`` and ``…/structures``: the export in schema v1 (open data, for the
  national catalogue's harvest), validated by the package.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from maillage.accounts import audit
from maillage.accounts.models import AuditAction
from maillage.territories.forms import resolve_commune

from . import exports, policies, selectors, services
from .models import Referral, RefusalReason, Service, Structure


class StructureSerializer(serializers.ModelSerializer):
    code_insee = serializers.CharField(source="commune_id", read_only=True)

    class Meta:
        model = Structure
        fields = [
            "id", "di_id", "source", "name", "description", "siret", "commune_name", "code_insee", "postal_code",
            "address", "latitude", "longitude", "phone", "email", "website", "opening_hours", "updated_on",
            "last_checked_at",
        ]  # fmt: skip


class ServiceSerializer(serializers.ModelSerializer):
    structure = serializers.CharField(source="structure.name", read_only=True)
    code_insee = serializers.CharField(source="commune_id", read_only=True)
    distance_km = serializers.SerializerMethodField()

    class Meta:
        model = Service
        fields = [
            "id", "di_id", "structure", "name", "description", "type", "thematiques", "publics", "fees",
            "access_conditions", "commune_name", "code_insee", "postal_code", "address", "latitude", "longitude",
            "reception_modes", "eligibility_zone", "mobilisation_modes", "mobilisable_by", "opening_hours",
            "updated_on", "location_flag", "distance_km",
        ]  # fmt: skip

    def get_distance_km(self, obj) -> float | None:
        d = getattr(obj, "_distance", None)
        return round(d, 1) if d is not None else None


class StructureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StructureSerializer
    permission_classes = [AllowAny]
    queryset = Structure.objects.filter(is_active=True).order_by("name")


@extend_schema(
    parameters=[
        OpenApiParameter("thematique", str, description="Thématique v1 ou catégorie (ex. « mobilite »)."),
        OpenApiParameter("commune", str, description="Code INSEE ou nom de la commune."),
        OpenApiParameter("distance", int, description="Rayon en km autour de la commune (1 à 200, 20 par défaut)."),
        OpenApiParameter("public", str, description="Public v1 (ex. « jeunes »)."),
        OpenApiParameter("q", str, description="Mots-clés, sans tenir compte des accents."),
    ]
)
class ServiceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ServiceSerializer
    permission_classes = [AllowAny]
    queryset = Service.objects.filter(is_active=True).select_related("structure").order_by("name")

    def list(self, request, *args, **kwargs):
        params = request.query_params
        if not any(params.get(k) for k in ("thematique", "commune", "public", "q")):
            return super().list(request, *args, **kwargs)
        commune = resolve_commune(params.get("commune", "")) if params.get("commune") else None
        if params.get("commune") and commune is None:
            raise ValidationError({"commune": "Commune introuvable."})
        try:
            distance = min(200, max(1, int(params.get("distance", 20))))
        except ValueError as exc:
            raise ValidationError({"distance": "Nombre entier attendu."}) from exc
        hits = selectors.search(
            thematique=params.get("thematique", "")[:120],
            commune=commune,
            radius_km=distance,
            public=params.get("public", "")[:60],
            text=params.get("q", "")[:100],
        )
        services_ = []
        for hit in hits:
            hit.service._distance = hit.distance
            services_.append(hit.service)
        page = self.paginate_queryset(services_)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ReferralSerializer(serializers.ModelSerializer):
    service_name = serializers.CharField(source="service.name", read_only=True)
    structure = serializers.CharField(source="service.structure.name", read_only=True)
    person = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id", "service", "service_name", "structure", "person", "status", "refusal_reason", "answer_note",
            "message", "sent_at", "reminded_at", "closed_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_person(self, obj) -> str:
        return str(obj.referred.person)


class ReferralCreateSerializer(serializers.Serializer):
    service = serializers.IntegerField()
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    consent = serializers.BooleanField()
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class AnswerSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ReferralViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ReferralSerializer

    def get_queryset(self):
        return (
            policies.referrals_visible_to(self.request.user)
            .select_related("service__structure", "referred__person")
            .order_by("-sent_at")
        )

    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        audit.record_instance(request.user, AuditAction.VIEW, referral, "API")
        return Response(self.get_serializer(referral).data)

    def list(self, request, *args, **kwargs):
        if not policies.can_list_referrals(request.user):
            raise PermissionDenied("Orientations réservées à ceux qui orientent et aux structures qui reçoivent.")
        audit.record(request.user, AuditAction.VIEW, "directory.referral", "liste", "API")
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ReferralCreateSerializer, responses=ReferralSerializer)
    def create(self, request, *args, **kwargs):
        payload = ReferralCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        service = Service.objects.filter(pk=data["service"], is_active=True).first()
        if service is None:
            raise ValidationError({"service": "Service introuvable."})
        try:
            referral = services.referral_create(
                user=request.user,
                service=service,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                consent=data["consent"],
                message=data.get("message", ""),
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied("Vous ne pouvez pas orienter de personne.") from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AnswerSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        referral = self.get_object()
        payload = AnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            referral = services.referral_answer(
                referral=referral, user=request.user, accepted=data["accepted"], reason=data.get("reason", ""),
                note=data.get("note", ""),
            )  # fmt: skip
        except DjangoPermissionDenied as exc:
            raise PermissionDenied("Seule la structure qui reçoit l'orientation y répond.") from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return Response(ReferralSerializer(referral).data)


_LIST_OF_OBJECTS = build_array_type(build_basic_type(OpenApiTypes.OBJECT))  # the exports are JSON lists


class DataInclusionExportViewSet(viewsets.ViewSet):
    """The directory in data·inclusion schema v1 (open data)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
    def list(self, request):
        return Response(
            {
                "schema": "data-inclusion-schema v1 (paquet 1.0.10)",
                "structures": request.build_absolute_uri("structures/"),
                "services": request.build_absolute_uri("services/"),
            }
        )

    @extend_schema(responses={200: _LIST_OF_OBJECTS})  # a list
    @action(detail=False, methods=["get"])
    def structures(self, request):
        return Response(exports.export_structures())

    @extend_schema(responses={200: _LIST_OF_OBJECTS})  # a list
    @action(detail=False, methods=["get"])
    def services(self, request):
        return Response(exports.export_services())


def register(router) -> None:
    router.register("directory/structures", StructureViewSet, basename="directory-structure")
    router.register("directory/services", ServiceViewSet, basename="directory-service")
    router.register("directory/referrals", ReferralViewSet, basename="directory-referral")
    router.register("directory/data-inclusion", DataInclusionExportViewSet, basename="directory-data-inclusion")


__all__ = ["register", "NotFound"]
