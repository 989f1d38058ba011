"""REST API of the steering module (read-only): the plan with the modules' figures, conventions, funding.

Same rules as the pages (``policies.py``); no personal data is served (FSE+ participants stay in the UI).
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from . import policies
from .models import Action, Convention
from .selectors import plan as selectors


class CanViewPlan(BasePermission):
    message = "Vous n'avez pas accès au pilotage."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and policies.can_view_plan(request.user))


class CanViewFunding(CanViewPlan):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and policies.can_view_funding(request.user))


class IndicatorValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    actual = serializers.FloatField(allow_null=True)


class ActionSerializer(serializers.ModelSerializer):
    axis = serializers.CharField(source="axis.code")
    axis_label = serializers.CharField(source="axis.label")
    status_label = serializers.CharField(source="get_status_display")
    indicators = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = ["id", "year", "axis", "axis_label", "title", "objectives", "status", "status_label", "indicators"]

    @extend_schema_field(IndicatorValueSerializer(many=True))
    def get_indicators(self, action) -> list[dict]:
        values = selectors.action_detail(action).indicators
        return IndicatorValueSerializer(values, many=True).data


class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    """Actions of the plan; ``?annee=`` filters a year. Indicators are computed by the modules."""

    serializer_class = ActionSerializer
    permission_classes = [CanViewPlan]

    def get_queryset(self):
        queryset = Action.objects.select_related("axis").order_by("year", "axis__order", "title")
        year = self.request.query_params.get("annee")
        if year and year.isdigit():
            queryset = queryset.filter(year=int(year))
        return queryset


class ConventionSerializer(serializers.ModelSerializer):
    parties = serializers.StringRelatedField(many=True)

    class Meta:
        model = Convention
        fields = ["id", "title", "object", "parties", "field_list", "signed_on", "end_on"]


class ConventionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ConventionSerializer
    permission_classes = [CanViewPlan]
    queryset = Convention.objects.prefetch_related("parties").order_by("-signed_on")


class FundingSummaryViewSet(viewsets.ViewSet):
    """The year's funding by funder, with the State's share and the 60 % warning."""

    permission_classes = [CanViewFunding]

    @extend_schema(responses={200: dict})
    def list(self, request):
        year = request.query_params.get("annee", "")
        from datetime import date

        year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else date.today().year
        summary = selectors.funding_summary(year)
        return Response(
            {
                "year": year,
                "budget": summary.budget,
                "actual": summary.actual,
                "state_share_percent": summary.state_share_percent,
                "state_over_limit": summary.state_over_limit,
                "by_funder": [
                    {
                        "funder": r["funder__name"],
                        "kind": r["funder__kind"],
                        "budget": r["budget"],
                        "actual": r["actual"],
                    }
                    for r in summary.by_funder
                ],
            }
        )


def register(router) -> None:
    router.register("pilotage/actions", ActionViewSet, basename="steering-action")
    router.register("pilotage/conventions", ConventionViewSet, basename="steering-convention")
    router.register("pilotage/financements", FundingSummaryViewSet, basename="steering-funding")
