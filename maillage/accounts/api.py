"""REST API: organisations, scoped by the policy (companies see only their own)."""

import django_filters
from rest_framework import mixins, serializers, viewsets

from maillage.accounts import policies
from maillage.accounts.permissions import HasPerm

from .models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    commune = serializers.CharField(source="commune_id", allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kind_label", "siret", "naf", "commune", "website", "is_active"]


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="nom contient")

    class Meta:
        model = Organisation
        fields = ["kind", "is_active", "siret"]


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Organisations of the territory visible to the caller."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    permission_classes = [HasPerm.of(policies.Perm.VIEW_DASHBOARD)]

    def get_queryset(self):
        return policies.visible_organisations(self.request.user).order_by("name")


def register(router) -> None:
    router.register("organisations", OrganisationViewSet, basename="organisation")
