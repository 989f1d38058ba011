"""REST API resources of this module, registered on the /api/v1/ router by ``maillage.api.urls``.

Read-only: ROME fiches (filters ``grand_domaine``, ``domaine``, ``q``), appellations (``q``,
accent-insensitive, by relevance), CPV and NAF codes. Same policy as the pages
(``Perm.VIEW_REFERENTIALS``).
"""

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from maillage.accounts.policies import Perm, has_perm

from . import selectors
from .models import Appellation, CpvCode, FicheSkill, NafCode, RomeFiche


class CanViewReferentials(permissions.BasePermission):
    message = "Vous n'avez pas accès aux référentiels."

    def has_permission(self, request, view):
        return has_perm(request.user, Perm.VIEW_REFERENTIALS)


PERMISSIONS = [permissions.IsAuthenticated, CanViewReferentials]

# --- serializers -------------------------------------------------------------------------------


class AppellationSerializer(serializers.ModelSerializer):
    fiche_code = serializers.CharField(source="fiche_id", read_only=True)
    fiche_label = serializers.CharField(source="fiche.label", read_only=True)

    class Meta:
        model = Appellation
        fields = [
            "code",
            "label",
            "short_label",
            "fiche_code",
            "fiche_label",
            "is_main",
            "rarely_used",
            "emploi_cadre",
            "emploi_reglemente",
        ]


class FicheAppellationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appellation
        fields = ["code", "label", "is_main", "rarely_used"]


class FicheSkillSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="skill_id", read_only=True)
    label = serializers.CharField(source="skill.label", read_only=True)
    kind = serializers.CharField(source="skill.kind", read_only=True)
    category = serializers.CharField(source="skill.category", read_only=True)

    class Meta:
        model = FicheSkill
        fields = ["code", "label", "kind", "category", "importance"]


class RomeFicheSerializer(serializers.ModelSerializer):
    grand_domaine = serializers.CharField(source="grand_domaine_code", read_only=True)
    domaine = serializers.CharField(source="domaine_id", read_only=True, allow_null=True)
    domaine_label = serializers.SerializerMethodField()

    class Meta:
        model = RomeFiche
        fields = [
            "code",
            "label",
            "ogr",
            "grand_domaine",
            "domaine",
            "domaine_label",
            "code_rome_parent",
            "emploi_cadre",
            "emploi_reglemente",
            "transition_eco",
            "transition_num",
            "transition_demo",
            "riasec_major",
            "riasec_minor",
        ]

    def get_domaine_label(self, fiche) -> str:
        return fiche.domaine.label if fiche.domaine else ""


class RomeFicheDetailSerializer(RomeFicheSerializer):
    appellations = FicheAppellationSerializer(many=True, read_only=True)
    skills = FicheSkillSerializer(source="fiche_skills", many=True, read_only=True)
    fap = serializers.SerializerMethodField()

    class Meta(RomeFicheSerializer.Meta):
        fields = [*RomeFicheSerializer.Meta.fields, "definition", "access", "fap", "appellations", "skills"]

    def get_fap(self, fiche) -> list[str]:
        return [fap.code for fap in selectors.fap_for_fiche(fiche.code)]


class CpvSerializer(serializers.ModelSerializer):
    market_kind = serializers.CharField(read_only=True)

    class Meta:
        model = CpvCode
        fields = ["code", "check_digit", "label", "division", "market_kind"]


class NafSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = NafCode
        fields = ["code", "label", "level", "parent"]


# --- filters -----------------------------------------------------------------------------------


class RomeFicheFilter(django_filters.FilterSet):
    grand_domaine = django_filters.CharFilter(method="filter_grand_domaine", label="Grand domaine (lettre)")
    domaine = django_filters.CharFilter(method="filter_domaine", label="Domaine professionnel (ex. F16)")
    q = django_filters.CharFilter(method="filter_q", label="Recherche (intitulé, appellation, code)")

    class Meta:
        model = RomeFiche
        fields = ["grand_domaine", "domaine", "q"]

    def filter_grand_domaine(self, queryset, name, value):
        return queryset.filter(code__startswith=value.upper()[:1])

    def filter_domaine(self, queryset, name, value):
        return queryset.filter(domaine_id=value.upper()[:3])

    def filter_q(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.fiche_queryset(value).values("pk"))


class CpvFilter(django_filters.FilterSet):
    division = django_filters.CharFilter(field_name="division")

    class Meta:
        model = CpvCode
        fields = ["division"]


class NafFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(field_name="level", choices=NafCode.Level.choices)
    parent = django_filters.CharFilter(field_name="parent_id")

    class Meta:
        model = NafCode
        fields = ["level", "parent"]


# --- viewsets ----------------------------------------------------------------------------------

Q_PARAMETER = OpenApiParameter("q", str, description="Recherche, sans tenir compte des accents ni des majuscules.")


class RomeFicheViewSet(viewsets.ReadOnlyModelViewSet):
    """Fiches métiers ROME 4.0."""

    permission_classes = PERMISSIONS
    filterset_class = RomeFicheFilter
    lookup_field = "code"

    def get_queryset(self):
        fiches = RomeFiche.objects.select_related("domaine").order_by("code")
        if self.action == "retrieve":
            skills = FicheSkill.objects.select_related("skill").order_by("importance", "skill__label")
            fiches = fiches.prefetch_related("appellations", Prefetch("fiche_skills", skills))
        return fiches

    def get_serializer_class(self):
        return RomeFicheDetailSerializer if self.action == "retrieve" else RomeFicheSerializer


@extend_schema_view(list=extend_schema(parameters=[Q_PARAMETER]))
class AppellationViewSet(viewsets.ReadOnlyModelViewSet):
    """Appellations ROME; ``?q=`` searches them by relevance (start of the label, then of a word)."""

    permission_classes = PERMISSIONS
    serializer_class = AppellationSerializer
    queryset = Appellation.objects.select_related("fiche").order_by("label")
    filterset_fields = ["fiche", "is_main"]

    def get_queryset(self):
        query = self.request.query_params.get("q", "").strip() if self.action == "list" else ""
        if query:
            return selectors.appellation_search_queryset(query)
        return super().get_queryset()


@extend_schema_view(list=extend_schema(parameters=[Q_PARAMETER]))
class CpvViewSet(viewsets.ReadOnlyModelViewSet):
    """Codes CPV 2008 (marchés publics)."""

    permission_classes = PERMISSIONS
    serializer_class = CpvSerializer
    filterset_class = CpvFilter
    queryset = CpvCode.objects.order_by("code")

    def get_queryset(self):
        query = self.request.query_params.get("q", "").strip() if self.action == "list" else ""
        if query:
            return selectors.cpv_search_queryset(query)
        return super().get_queryset()


@extend_schema_view(list=extend_schema(parameters=[Q_PARAMETER]))
class NafViewSet(viewsets.ReadOnlyModelViewSet):
    """Codes NAF rév. 2, tous niveaux (section, division, groupe, classe, sous-classe)."""

    permission_classes = PERMISSIONS
    serializer_class = NafSerializer
    filterset_class = NafFilter
    queryset = NafCode.objects.order_by("code")
    lookup_value_regex = r"[A-Za-z0-9.]+"

    def get_queryset(self):
        query = self.request.query_params.get("q", "").strip() if self.action == "list" else ""
        if query:
            return selectors.naf_search_queryset(query)
        return super().get_queryset()


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
    router.register("rome-fiches", RomeFicheViewSet, basename="rome-fiche")
    router.register("appellations", AppellationViewSet, basename="appellation")
    router.register("cpv", CpvViewSet, basename="cpv")
    router.register("naf", NafViewSet, basename="naf")
