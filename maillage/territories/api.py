"""REST API: communes (search by name or postcode) and EPCI (with their perimeter flag)."""

import django_filters
from rest_framework import mixins, serializers, viewsets

from maillage.accounts import policies
from maillage.accounts.permissions import HasPerm
from maillage.kernel.mde import perimeter_codes

from . import selectors
from .models import Commune, Epci


class CommuneSerializer(serializers.ModelSerializer):
    departement = serializers.CharField(source="departement_id")
    epci = serializers.CharField(source="epci_id", allow_null=True)
    codes_postaux = serializers.ListField(source="postcode_list", child=serializers.CharField())

    class Meta:
        model = Commune
        fields = ["code", "name", "departement", "epci", "population", "codes_postaux", "latitude", "longitude"]


class EpciSerializer(serializers.ModelSerializer):
    class Meta:
        model = Epci
        fields = ["code", "name", "kind", "population"]


class CommuneFilter(django_filters.FilterSet):
    departement = django_filters.CharFilter(field_name="departement_id")
    epci = django_filters.CharFilter(field_name="epci_id")

    class Meta:
        model = Commune
        fields = ["departement", "epci"]


class CommuneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Communes (INSEE COG). ``?q=`` searches the name (accents ignored) or a postcode."""

    serializer_class = CommuneSerializer
    filterset_class = CommuneFilter
    permission_classes = [HasPerm.of(policies.Perm.VIEW_TERRITORIES)]
    queryset = Commune.objects.order_by("code")

    def list(self, request, *args, **kwargs):
        query = request.query_params.get("q", "").strip()
        if query:
            codes = [c.code for c in selectors.search_communes(query, limit=50)]
            order = {code: index for index, code in enumerate(codes)}
            self.queryset = Commune.objects.filter(code__in=codes)
            response = super().list(request, *args, **kwargs)
            response.data["results"].sort(key=lambda row: order[row["code"]])
            return response
        return super().list(request, *args, **kwargs)


class EpciFilter(django_filters.FilterSet):
    departement = django_filters.CharFilter(method="filter_departement", label="code département")
    perimetre = django_filters.BooleanFilter(method="filter_perimeter", label="dans le périmètre de la MDE")

    class Meta:
        model = Epci
        fields = ["kind"]

    def filter_departement(self, queryset, name, value):
        return queryset.filter(communes__departement_id=value).distinct()

    def filter_perimeter(self, queryset, name, value):
        codes = perimeter_codes()
        return queryset.filter(code__in=codes) if value else queryset.exclude(code__in=codes)


class EpciViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EpciSerializer
    filterset_class = EpciFilter
    permission_classes = [HasPerm.of(policies.Perm.VIEW_TERRITORIES)]
    queryset = Epci.objects.order_by("name")


def register(router) -> None:
    router.register("communes", CommuneViewSet, basename="commune")
    router.register("epci", EpciViewSet, basename="epci")
