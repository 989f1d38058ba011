"""REST API resources of this module, registered on the /api/v1/ router by ``maillage.api.urls``.

Same rules as the pages (``maillage.companies.policies``): staff and partners read the
establishments of their territory, MDE staff write, company members read and change only their own
establishments and their recruitment needs.
"""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from maillage.companies import policies as policy
from maillage.referentials.models import Appellation
from maillage.territories.models import Commune

from . import services
from .models import OPEN_NEED_STATUSES, Establishment, RecruitmentNeed
from .selectors import naf_prefix


class EstablishmentSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", queryset=Commune.objects.all(), help_text="Code INSEE.")
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    epci = serializers.CharField(
        source="commune.epci_id", read_only=True, allow_null=True, help_text="SIREN de l'EPCI."
    )

    class Meta:
        model = Establishment
        fields = [
            "id",
            "siret",
            "name",
            "legal_name",
            "naf",
            "size_band",
            "commune",
            "commune_name",
            "epci",
            "address",
            "organisation",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class CompanyMemberEstablishmentSerializer(EstablishmentSerializer):
    """What a company member may change on their own establishment (not its SIRET nor its link)."""

    class Meta(EstablishmentSerializer.Meta):
        read_only_fields = ["siret", "organisation", "created_at", "updated_at"]


class RecruitmentNeedSerializer(serializers.ModelSerializer):
    appellation = serializers.SlugRelatedField(
        slug_field="code", queryset=Appellation.objects.all(), help_text="Code OGR de l'appellation ROME."
    )
    appellation_label = serializers.CharField(source="appellation.label", read_only=True)
    rome_code = serializers.CharField(source="appellation.fiche_id", read_only=True, help_text="Fiche ROME 4.0.")

    class Meta:
        model = RecruitmentNeed
        fields = [
            "id",
            "establishment",
            "appellation",
            "appellation_label",
            "rome_code",
            "positions",
            "positions_filled",
            "contract_type",
            "wanted_by",
            "difficulty",
            "reason",
            "status",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate_positions(self, value):
        if value < 1:
            raise serializers.ValidationError("Indiquez au moins un poste.")
        return value

    def validate(self, attrs):
        positions = attrs.get("positions", getattr(self.instance, "positions", 1))
        filled = attrs.get("positions_filled", getattr(self.instance, "positions_filled", 0))
        if filled > positions:
            raise serializers.ValidationError({"positions_filled": "Le nombre de postes pourvus dépasse les postes."})
        return attrs


class _Writable(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """List, read, create, update (no deletion: close or cancel instead)."""


@extend_schema_view(
    list=extend_schema(
        summary="Établissements visibles",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Nom ou début de SIRET."),
            OpenApiParameter("epci", OpenApiTypes.STR, description="SIREN de l'EPCI."),
            OpenApiParameter("naf", OpenApiTypes.STR, description="Code NAF ou son début (21.20Z, 2120, 21)."),
        ],
    ),
    retrieve=extend_schema(summary="Un établissement"),
    create=extend_schema(summary="Créer un établissement (équipe de la Maison de l'Emploi)"),
    update=extend_schema(summary="Modifier un établissement"),
    partial_update=extend_schema(summary="Modifier une partie d'un établissement"),
)
class EstablishmentViewSet(_Writable):
    filter_backends: list = []

    def get_serializer_class(self):
        if self.request and not policy.can_change_establishment_link(self.request.user):
            return CompanyMemberEstablishmentSerializer
        return EstablishmentSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return Establishment.objects.none()
        if not policy.can_list_establishments(user):
            raise PermissionDenied("Vous n'avez pas accès aux établissements.")
        queryset = policy.visible_establishments(user).select_related("commune").order_by("name", "pk")
        params = self.request.query_params
        if params.get("q"):
            queryset = queryset.filter(Q(name__icontains=params["q"]) | Q(siret__startswith=params["q"]))
        if params.get("epci"):
            queryset = queryset.filter(commune__epci_id=params["epci"])
        if params.get("naf"):
            queryset = queryset.filter(naf__startswith=naf_prefix(params["naf"]))
        return queryset

    def perform_create(self, serializer):
        if not policy.can_create_establishment(self.request.user):
            raise PermissionDenied("Vous ne pouvez pas créer d'établissement.")
        serializer.instance = services.create_establishment(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        if not policy.can_change_establishment(self.request.user, serializer.instance):
            raise PermissionDenied("Vous ne pouvez pas modifier cet établissement.")
        services.update_establishment(self.request.user, serializer.instance, **serializer.validated_data)


@extend_schema_view(
    list=extend_schema(
        summary="Besoins de recrutement visibles",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, description="État, ou « open » pour les besoins ouverts."),
            OpenApiParameter("reason", OpenApiTypes.STR, description="Motif (tension, meconnu, nouveau_site…)."),
            OpenApiParameter("establishment", OpenApiTypes.INT, description="Identifiant de l'établissement."),
            OpenApiParameter("rome", OpenApiTypes.STR, description="Code de fiche ROME 4.0."),
        ],
    ),
    retrieve=extend_schema(summary="Un besoin de recrutement"),
    create=extend_schema(summary="Déclarer un besoin de recrutement"),
    update=extend_schema(summary="Modifier un besoin de recrutement"),
    partial_update=extend_schema(summary="Modifier une partie d'un besoin de recrutement"),
)
class RecruitmentNeedViewSet(_Writable):
    serializer_class = RecruitmentNeedSerializer
    filter_backends: list = []

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return RecruitmentNeed.objects.none()
        if not policy.can_list_establishments(user):
            raise PermissionDenied("Vous n'avez pas accès aux besoins de recrutement.")
        queryset = policy.visible_needs(user).select_related("appellation").order_by("wanted_by", "pk")
        params = self.request.query_params
        status = params.get("status")
        if status == "open":
            queryset = queryset.filter(status__in=OPEN_NEED_STATUSES)
        elif status:
            queryset = queryset.filter(status=status)
        if params.get("reason"):
            queryset = queryset.filter(reason=params["reason"])
        if params.get("establishment", "").isdigit():
            queryset = queryset.filter(establishment_id=int(params["establishment"]))
        if params.get("rome"):
            queryset = queryset.filter(appellation__fiche_id=params["rome"].upper())
        return queryset

    def _check_establishment(self, establishment):
        user = self.request.user
        visible = policy.visible_establishments(user).filter(pk=establishment.pk).exists()
        if not visible or not policy.can_manage_needs(user, establishment):
            raise PermissionDenied("Vous ne pouvez pas gérer les besoins de cet établissement.")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        establishment = data.pop("establishment")
        self._check_establishment(establishment)
        serializer.instance = services.save_need(self.request.user, establishment, None, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        establishment = data.pop("establishment", serializer.instance.establishment)
        if establishment.pk != serializer.instance.establishment_id:
            raise PermissionDenied("Un besoin ne peut pas changer d'établissement.")
        self._check_establishment(establishment)
        services.save_need(self.request.user, establishment, serializer.instance, **data)


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
    router.register("establishments", EstablishmentViewSet, basename="establishment")
    router.register("recruitment-needs", RecruitmentNeedViewSet, basename="recruitment-need")
