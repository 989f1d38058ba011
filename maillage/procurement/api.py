"""REST API of the public-procurement module (/api/v1/procurement/…), read-only, same policies as the pages.

- ``procurement/contracts``: DECP contracts with filters (territory, buyer, CPV division, year, social
  considerations, amount);
- ``procurement/radar``: the radar's aggregates for a territory and filters (same figures as the page).
"""

import math

from django.db.models import Q
from drf_spectacular.drainage import set_override
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from maillage.procurement import policies as policy

from . import selectors
from .forms import RadarFilterForm
from .models import Contract


def _require_radar(user) -> None:
    if not policy.can_view_radar(user):
        raise PermissionDenied("Vous n'avez pas accès aux données des marchés publics.")


FILTER_PARAMETERS = [
    OpenApiParameter("territoire", str, description="« france » pour la France entière ; par défaut le périmètre."),
    OpenApiParameter("departement", str, description="Code du département (ex. 27)."),
    OpenApiParameter("epci", str, description="Code SIREN de l'EPCI."),
    OpenApiParameter("acheteur", str, description="SIRET de l'acheteur (14 chiffres) ou partie de son nom."),
    OpenApiParameter("division", str, description="Division CPV (2 chiffres, ex. 45 pour les travaux)."),
    OpenApiParameter("annee", int, description="Année de notification."),
]


def _query(request) -> selectors.RadarQuery:
    form = RadarFilterForm(request.query_params)
    if request.query_params and not form.is_valid():
        raise ValidationError(form.errors)
    return form.to_query(policy.default_epcis(request.user))


class HolderSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="SIRET, TVA, HORS-UE…")
    id = serializers.CharField()
    name = serializers.CharField(required=False, help_text="Dénomination (format 2019 seulement)")


class ContractSerializer(serializers.ModelSerializer):
    buyer_siret = serializers.CharField(source="buyer_id")
    buyer_name = serializers.CharField(source="buyer.name")
    commune = serializers.CharField(source="commune_id", allow_null=True)
    epci = serializers.CharField(source="epci_id", allow_null=True)
    departement = serializers.CharField(source="departement_id", allow_null=True)
    holders = HolderSerializer(many=True)
    social_status = serializers.CharField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "buyer_siret",
            "buyer_name",
            "ref",
            "data_format",
            "object",
            "cpv_code",
            "cpv_division",
            "nature",
            "procedure",
            "place_type",
            "place_code",
            "commune",
            "epci",
            "departement",
            "amount",
            "initial_amount",
            "notified_on",
            "year",
            "duration_months",
            "holders",
            "social_clause",
            "social_criterion",
            "reserved",
            "has_social",
            "social_status",
            "env_clause",
            "env_criterion",
            "subcontracting_declared",
            "modifications_count",
            "followed_market_pk",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Marchés publics (DECP)",
        description="Les marchés du territoire et des filtres demandés, du plus récent au plus ancien.",
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "social", str, enum=["oui", "non", "inconnu"], description="Considération sociale présente ou non."
            ),
            OpenApiParameter("montant_min", float, description="Montant HT minimal (€)."),
            OpenApiParameter("titulaire", str, description="Identifiant d'un titulaire (SIRET…) : ses marchés."),
        ],
    ),
    retrieve=extend_schema(summary="Un marché public"),
)
class ContractViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ContractSerializer
    queryset = Contract.objects.none()
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Contract.objects.none()
        _require_radar(self.request.user)
        if self.action == "retrieve":
            return Contract.objects.select_related("buyer")
        queryset = selectors.contracts(_query(self.request)).select_related("buyer")
        social = self.request.query_params.get("social")
        if social in ("oui", "non"):
            queryset = queryset.filter(has_social=social == "oui")
        elif social == "inconnu":
            queryset = queryset.filter(has_social=None)
        holder = self.request.query_params.get("titulaire", "").strip()
        if holder:
            queryset = selectors.won_by(queryset, holder.replace(" ", ""))
        minimum = self.request.query_params.get("montant_min")
        if minimum:
            try:
                value = float(minimum)
            except ValueError:
                raise ValidationError({"montant_min": "Nombre attendu."}) from None
            if not math.isfinite(value) or abs(value) > 1e13:  # NaN, infinite or absurd: 400, not 500
                raise ValidationError({"montant_min": "Nombre attendu (entre -10¹³ et 10¹³)."})
            queryset = queryset.filter(Q(amount__gte=value))
        return queryset.order_by("-notified_on", "-pk")


class FigureSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Nombre de marchés")
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, help_text="Montant HT total (€)")
    known = serializers.IntegerField(help_text="Marchés dont les considérations sociales sont connues (format 2022)")
    social = serializers.IntegerField(help_text="Marchés avec au moins une considération sociale")
    clause = serializers.IntegerField(help_text="Dont clause sociale")
    criterion = serializers.IntegerField(help_text="Dont critère social")
    reserved = serializers.IntegerField(help_text="Dont marché réservé")
    share = serializers.FloatField(allow_null=True, help_text="Part (%) avec considération sociale parmi les connus")


class EpciFigureSerializer(FigureSerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class BuyerFigureSerializer(FigureSerializer):
    siret = serializers.CharField()
    name = serializers.CharField()


class DivisionFigureSerializer(FigureSerializer):
    code = serializers.CharField()
    label = serializers.CharField()
    labour = serializers.BooleanField(help_text="Type de marché à forte intensité de main-d'œuvre")


class YearFigureSerializer(FigureSerializer):
    year = serializers.IntegerField(allow_null=True)


class ScopeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    epcis = serializers.ListField(child=serializers.CharField())
    departement = serializers.CharField()


class RadarSerializer(serializers.Serializer):
    scope = ScopeSerializer()
    summary = FigureSerializer()
    by_epci = EpciFigureSerializer(many=True)
    epcis_without_clause = serializers.ListField(child=serializers.CharField())
    by_buyer = BuyerFigureSerializer(many=True)
    by_division = DivisionFigureSerializer(many=True)
    by_year = YearFigureSerializer(many=True)
    national_target = serializers.IntegerField()


set_override(RadarSerializer, "many", False)  # one radar object, not a list (the action is "list")


class RadarViewSet(viewsets.GenericViewSet):
    """Aggregates of the "clausable markets" radar, computed in SQL."""

    serializer_class = RadarSerializer
    queryset = Contract.objects.none()
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="Radar des marchés clausables",
        description=(
            "Nombre et montant des marchés, part avec une considération sociale (clause, critère, marché réservé), "
            "par EPCI, acheteur (25 premiers), division CPV et année ; EPCI sans aucune considération sociale."
        ),
        parameters=FILTER_PARAMETERS,
        responses={200: RadarSerializer},
    )
    def list(self, request):
        _require_radar(request.user)
        data = selectors.radar(_query(request))
        scope = data["query"].scope
        payload = {
            "scope": {
                "kind": scope.kind,
                "label": scope.label,
                "epcis": list(scope.epcis),
                "departement": scope.departement,
            },
            "summary": data["summary"],
            "by_epci": data["by_epci"],
            "epcis_without_clause": [row["code"] for row in data["epcis_without_clause"]],
            "by_buyer": data["by_buyer"],
            "by_division": data["by_division"],
            "by_year": data["by_year"],
            "national_target": data["national_target"],
        }
        return Response(RadarSerializer(payload).data)


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
    router.register("procurement/contracts", ContractViewSet, basename="procurement-contract")
    router.register("procurement/radar", RadarViewSet, basename="procurement-radar")
