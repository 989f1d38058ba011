"""REST API of the social clauses (/api/v1/clauses/…), with the same policies as the pages.

- ``clauses/operations``: operations visible to the user (read);
- ``clauses/lots``: lots with target, hours due and done (counting rules applied) (read);
- ``clauses/releves``: monthly hours statements (read; create for facilitators — validated at once — and
  for company members on their lots — to validate; ``valider`` / ``rejeter`` actions for facilitators,
  and ``valider-plusieurs`` for up to 200 at once, each checked as in the declarations queue);
- ``clauses/bilans``: the yearly bilan of a territory or buyer (read), same figures as the screen and exports.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from maillage.accounts.models import BUYER_KINDS, Organisation
from maillage.clauses import policies as policy
from maillage.territories.models import Commune

from . import selectors, services
from .models import Contract, HoursStatement, Lot, Operation, SizingMethod, StatementStatus
from .models.limits import (
    MAX_AMOUNT,
    MAX_EUROS_PER_HOUR,
    MAX_HOURLY_COST,
    MAX_MONTH_AMOUNT,
    MAX_MONTH_HOURS,
    MAX_PERCENT,
    MAX_TARGET_HOURS,
)
from .services.declarations import MAX_BULK, validate_many


def _require(condition: bool, message: str = "Vous n'avez pas accès à cette ressource.") -> None:
    if not condition:
        raise PermissionDenied(message)


class OperationSerializer(serializers.ModelSerializer):
    buyer = serializers.CharField(source="buyer.name")
    epci = serializers.CharField(source="epci_id", allow_null=True)
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Operation
        fields = ["id", "name", "buyer", "epci", "status", "status_label", "start_on", "end_on"]


class OperationWriteSerializer(serializers.ModelSerializer):
    buyer = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind__in=BUYER_KINDS))
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True, help_text="Code INSEE."
    )

    class Meta:
        model = Operation
        fields = ["id", "name", "buyer", "commune", "status", "start_on", "end_on", "description"]

    def validate(self, attrs):
        start, end = attrs.get("start_on"), attrs.get("end_on")
        if start and end and end < start:
            raise serializers.ValidationError({"end_on": "La fin précède le début."})
        return attrs


class OperationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Operations the user may see (facilitators: their territory; buyers: theirs; companies: their lots').
    Facilitators create and update them (they then follow the operations they create)."""

    queryset = Operation.objects.none()  # for the schema; the real one is scoped below

    def get_serializer_class(self):
        return OperationSerializer if self.action in {"list", "retrieve"} else OperationWriteSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Operation.objects.none()
        _require(policy.can_use_module(self.request.user))
        return policy.visible_operations(self.request.user).select_related("buyer").order_by("-start_on", "pk")

    def perform_create(self, serializer):
        _require(policy.is_facilitator(self.request.user), "Réservé aux facilitateurs.")
        serializer.instance = services.save_operation(self.request.user, _Saved(serializer))

    def perform_update(self, serializer):
        _require(policy.can_edit_operation(self.request.user, serializer.instance), "Opération non modifiable.")
        services.save_operation(self.request.user, _Saved(serializer))


class _Saved:
    """Adapts a DRF serializer to the ``form.save()`` / ``form.instance`` protocol of the services."""

    def __init__(self, serializer):
        self.serializer = serializer
        self.instance = serializer.instance or Operation()

    def save(self):
        return self.serializer.save()


class LotSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="lot.pk")
    operation = serializers.IntegerField(source="lot.market.operation_id")
    market = serializers.IntegerField(source="lot.market_id")
    number = serializers.IntegerField(source="lot.number")
    label = serializers.CharField(source="lot.label")
    cpv_code = serializers.CharField(source="lot.cpv_code")
    epci = serializers.CharField(source="lot.epci_id", allow_null=True)
    amount = serializers.DecimalField(source="lot.amount", max_digits=14, decimal_places=2, allow_null=True)
    start_on = serializers.DateField(source="lot.start_on", allow_null=True)
    end_on = serializers.DateField(source="lot.end_on", allow_null=True)
    target_hours = serializers.FloatField(source="target")
    due_hours = serializers.FloatField(source="due")
    done_hours = serializers.FloatField(source="done")
    rate = serializers.FloatField(allow_null=True)
    behind_schedule = serializers.BooleanField(source="behind")


class SizingSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=SizingMethod.choices)
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, max_value=MAX_AMOUNT, required=False, allow_null=True
    )
    labour_share = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=MAX_PERCENT, required=False, allow_null=True
    )
    insertion_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=MAX_PERCENT, required=False, allow_null=True
    )
    hourly_cost = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=1, max_value=MAX_HOURLY_COST, required=False, allow_null=True
    )
    euros_per_hour = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=1, max_value=MAX_EUROS_PER_HOUR, required=False, allow_null=True
    )
    manual_hours = serializers.DecimalField(
        max_digits=10, decimal_places=0, min_value=0, max_value=MAX_TARGET_HOURS, required=False, allow_null=True
    )


class LotViewSet(viewsets.GenericViewSet):
    """Lots with their progress: target, hours due by the schedule, hours done (counting rules applied)."""

    serializer_class = LotSerializer

    queryset = Lot.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Lot.objects.none()
        _require(policy.can_use_module(self.request.user))
        return policy.visible_lots(self.request.user).select_related("market").order_by("pk")

    def list(self, request):
        queryset = self.get_queryset()
        operation = request.query_params.get("operation")
        if operation and operation.isdigit():
            queryset = queryset.filter(market__operation_id=int(operation))
        page = self.paginate_queryset(queryset)
        rows = selectors.progress_rows(page)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, pk=None):
        lot = get_object_or_404(self.get_queryset(), pk=pk)
        row = selectors.progress_rows(Lot.objects.filter(pk=lot.pk).select_related("market"))[0]
        return Response(self.get_serializer(row).data)

    @extend_schema(request=SizingSerializer, responses={200: LotSerializer})
    @action(detail=True, methods=["post"], url_path="dimensionner")
    def size(self, request, pk=None):
        """Size the lot's clause (same calculator as the page) and store the target and its schedule."""
        lot = get_object_or_404(self.get_queryset(), pk=pk)
        _require(policy.can_follow_up(request.user, lot), "Réservé au facilitateur du lot.")
        serializer = SizingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.size_lot(request.user, lot, services.Sizing(**serializer.validated_data))
        except DjangoValidationError as error:
            raise ValidationError(error.message_dict if hasattr(error, "message_dict") else error.messages) from error
        row = selectors.progress_rows(Lot.objects.filter(pk=lot.pk).select_related("market"))[0]
        return Response(self.get_serializer(row).data)


class StatementSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.__str__", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = HoursStatement
        fields = [
            "id",
            "contract",
            "lot",
            "participant",
            "participant_name",
            "month",
            "hours",
            "amount",
            "status",
            "status_label",
            "rejection_reason",
        ]
        read_only_fields = ["lot", "participant", "status", "rejection_reason"]


class StatementCreateSerializer(serializers.Serializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.select_related("lot__market__operation"))
    month = serializers.DateField(help_text="Un jour du mois (le premier jour est retenu).")
    hours = serializers.DecimalField(max_digits=7, decimal_places=2, min_value=0, max_value=MAX_MONTH_HOURS)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, max_value=MAX_MONTH_AMOUNT, required=False, allow_null=True
    )
    training_centre_hours = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, max_value=MAX_MONTH_HOURS, required=False, allow_null=True
    )


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)


class BulkValidateSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        allow_empty=False,
        max_length=MAX_BULK,
        help_text=f"Identifiants des relevés à valider ({MAX_BULK} au plus).",
    )


BulkOutcomeSerializer = inline_serializer(
    name="StatementBulkOutcome",
    fields={
        "validated": serializers.ListField(child=serializers.IntegerField()),
        "refused": inline_serializer(
            name="StatementRefusal",
            fields={"id": serializers.IntegerField(), "reason": serializers.CharField()},
            many=True,
        ),
    },
)


class StatementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Monthly hours statements: facilitators on their operations, company members on their lots."""

    serializer_class = StatementSerializer

    queryset = HoursStatement.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return HoursStatement.objects.none()
        _require(policy.can_view_statements(self.request.user))
        queryset = (
            policy.visible_statements(self.request.user).select_related("participant__person").order_by("-month", "pk")
        )
        params = self.request.query_params
        if params.get("lot", "").isdigit():
            queryset = queryset.filter(lot_id=int(params["lot"]))
        if params.get("status") in StatementStatus.values:
            queryset = queryset.filter(status=params["status"])
        return queryset

    @extend_schema(request=StatementCreateSerializer, responses={201: StatementSerializer})
    def create(self, request):
        serializer = StatementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contract = serializer.validated_data["contract"]
        as_facilitator = policy.can_follow_up(request.user, contract.lot)
        _require(as_facilitator or policy.can_declare_for(request.user, contract), "Ce contrat ne vous concerne pas.")
        try:
            statement = services.record_statement(
                request.user,
                contract,
                month=serializer.validated_data["month"],
                hours=serializer.validated_data["hours"],
                amount=serializer.validated_data.get("amount"),
                training_centre_hours=serializer.validated_data.get("training_centre_hours"),
                by_company=not as_facilitator,
            )
        except DjangoValidationError as error:
            raise ValidationError(error.messages) from error
        return Response(StatementSerializer(statement).data, status=status.HTTP_201_CREATED)

    def _for_validation(self, pk) -> HoursStatement:
        statement = get_object_or_404(HoursStatement.objects.select_related("lot__market__operation"), pk=pk)
        _require(policy.can_follow_up(self.request.user, statement.lot), "Réservé au facilitateur du lot.")
        return statement

    @extend_schema(request=None, responses={200: StatementSerializer})
    @action(detail=True, methods=["post"], url_path="valider")
    def validate(self, request, pk=None):
        statement = services.validate_statement(request.user, self._for_validation(pk))
        return Response(StatementSerializer(statement).data)

    @extend_schema(request=BulkValidateSerializer, responses={200: BulkOutcomeSerializer})
    @action(detail=False, methods=["post"], url_path="valider-plusieurs")
    def validate_several(self, request):
        """Validate several statements: each is checked (scope, state, lot still open); a refused one does
        not block the others and comes back with its reason, without the person's name."""
        _require(policy.is_facilitator(request.user), "Réservé aux facilitateurs des clauses sociales.")
        serializer = BulkValidateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = validate_many(request.user, serializer.validated_data["ids"])
        return Response(
            {
                "validated": [statement.pk for statement in outcome.validated],
                "refused": [{"id": pk, "reason": reason} for _statement, pk, reason in outcome.refused],
            }
        )

    @extend_schema(request=RejectSerializer, responses={200: StatementSerializer})
    @action(detail=True, methods=["post"], url_path="rejeter")
    def reject(self, request, pk=None):
        statement = self._for_validation(pk)
        serializer = RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        statement = services.reject_statement(request.user, statement, serializer.validated_data["reason"])
        return Response(StatementSerializer(statement).data)


PAIRS = serializers.ListField(child=serializers.ListField())

BilanSerializer = inline_serializer(
    name="ClauseBilan",
    fields={
        "year": serializers.IntegerField(),
        "hours": serializers.FloatField(help_text="Heures comptabilisées (règles appliquées)."),
        "raw_hours": serializers.FloatField(),
        "fte": serializers.FloatField(help_text="Équivalents temps plein (1 ETP = 1 607 h)."),
        "participants": serializers.IntegerField(),
        "contracts": serializers.IntegerField(),
        "companies": serializers.IntegerField(),
        "buyers": serializers.IntegerField(),
        "operations": serializers.IntegerField(),
        "markets": serializers.IntegerField(),
        "lots": serializers.IntegerField(),
        "by_month": PAIRS,
        "by_modality": PAIRS,
        "by_sex": PAIRS,
        "by_age": PAIRS,
        "by_qualification": PAIRS,
        "by_public": PAIRS,
        "markets_by_amount": PAIRS,
        "markets_by_division": PAIRS,
    },
)


set_override(BilanSerializer, "many", False)  # one bilan object, not a list (the action is "list")


class BilanViewSet(viewsets.ViewSet):
    """Yearly bilan (aggregates only): the same computation as the bilan page and its exports."""

    @extend_schema(
        parameters=[
            OpenApiParameter("annee", OpenApiTypes.INT, description="Année (défaut : la plus récente)."),
            OpenApiParameter("epci", OpenApiTypes.STR, description="SIREN de l'EPCI (défaut : tout le territoire)."),
            OpenApiParameter("acheteur", OpenApiTypes.INT, description="Identifiant du donneur d'ordre."),
        ],
        responses={200: BilanSerializer},
    )
    def list(self, request):
        scope = selectors.bilan_scope(request.user, request.query_params)
        data = selectors.bilan(scope).as_dict()
        data["by_month"] = [(m.isoformat(), h) for m, h in data["by_month"]]
        return Response(data)


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
    router.register("clauses/operations", OperationViewSet, basename="clauses-operation")
    router.register("clauses/lots", LotViewSet, basename="clauses-lot")
    router.register("clauses/releves", StatementViewSet, basename="clauses-statement")
    router.register("clauses/bilans", BilanViewSet, basename="clauses-bilan")
