"""REST API of the events module (``/api/v1/evenements/…``), same policies as the pages.

- ``evenements``: published events for every authenticated user (field names documented with their
  France Travail equivalent); staff create and change; the figures (``kpis``) for professionals.
- ``evenements-stands``: the stands a user may see; a company changes its own stand's presentation.
- ``evenements-candidatures``: applications on stands (staff, organiser partners, the company of the
  stand); ``decide`` records the shortlist decision.
"""

from drf_spectacular.utils import extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from . import policies, selectors
from .choices import ApplicationDecision, NotRetainedReason
from .models import Event, Stand, StandApplication
from .services import EventsError
from .services.stands import decide, save_event


class EventSerializer(serializers.ModelSerializer):
    commune_name = serializers.CharField(source="commune.name", read_only=True, allow_null=True)
    registrations_count = serializers.IntegerField(read_only=True, help_text="FT : nombreInscrit*.")

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "description",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "modality",
            "capacity_on_site",
            "capacity_remote",
            "registered_on_site",
            "registered_remote",
            "registrations_count",
            "commune",
            "commune_name",
            "address",
            "rome_codes",
            "sector",
            "multisectoral",
            "publics",
            "objectives",
            "applications_open",
            "applications_close",
            "organiser",
            "join_url",
            "replay_url",
        ]
        read_only_fields = ["registered_on_site", "registered_remote"]


class StandSerializer(serializers.ModelSerializer):
    establishment_name = serializers.CharField(source="establishment.name", read_only=True)
    offers = serializers.SerializerMethodField()

    class Meta:
        model = Stand
        fields = ["id", "event", "establishment", "establishment_name", "presentation", "recruiters", "offers"]
        read_only_fields = ["event", "establishment"]

    def get_offers(self, stand) -> list[dict]:
        return [{"id": so.pk, "offer": so.offer_id, "title": so.offer.title} for so in stand.offers.all()]


@extend_schema_serializer(component_name="StandApplication")  # jobs has its own "Application"
class ApplicationSerializer(serializers.ModelSerializer):
    offer_title = serializers.CharField(source="stand_offer.offer.title", read_only=True)
    candidate = serializers.CharField(source="registrant.__str__", read_only=True)

    class Meta:
        model = StandApplication
        fields = [
            "id",
            "stand_offer",
            "offer_title",
            "candidate",
            "passes_questions",
            "decision",
            "reason",
            "created_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ApplicationDecision.choices)
    reason = serializers.ChoiceField(choices=NotRetainedReason.choices, required=False, allow_blank=True)


@extend_schema_view(list=extend_schema(summary="Événements visibles"))
class EventViewSet(viewsets.ModelViewSet):
    serializer_class = EventSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self):
        return [AllowAny()] if self.action in ("list", "retrieve") else super().get_permissions()

    def get_queryset(self):
        return policies.visible_events(self.request.user).select_related("commune").order_by("start_date", "id")

    def perform_create(self, serializer):
        if not policies.can_create_event(self.request.user):
            raise PermissionDenied("Seule l'équipe de la Maison de l'Emploi crée des événements.")
        try:
            serializer.instance = save_event(user=self.request.user, data=serializer.validated_data)
        except Exception as exc:  # ValidationError of the model
            raise ValidationError(getattr(exc, "message_dict", str(exc))) from exc

    def perform_update(self, serializer):
        if not policies.can_change_event(self.request.user, serializer.instance):
            raise PermissionDenied("Vous ne pouvez pas modifier cet événement.")
        try:
            serializer.instance = save_event(
                user=self.request.user, event=serializer.instance, data=serializer.validated_data
            )
        except Exception as exc:
            raise ValidationError(getattr(exc, "message_dict", str(exc))) from exc

    @action(detail=True, methods=["get"])
    def kpis(self, request, pk=None):
        event = self.get_object()
        if not policies.can_view_aggregates(request.user):
            raise PermissionDenied("Vous n'avez pas accès aux chiffres de cet événement.")
        figures = selectors.kpis(Event.objects.filter(pk=event.pk))
        data = {k: v for k, v in figures.__dict__.items() if k not in ("per_offer", "by_public", "by_epci")}
        data["by_public"] = figures.by_public
        data["by_epci"] = figures.by_epci
        return Response(data)


class StandViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = StandSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return (
            policies.visible_stands(self.request.user).select_related("establishment").prefetch_related("offers__offer")
        )

    def perform_update(self, serializer):
        if not policies.can_manage_stand(self.request.user, serializer.instance):
            raise PermissionDenied("Ce stand n'est pas le vôtre.")
        serializer.save()


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return policies.visible_applications(self.request.user).select_related(
            "stand_offer__offer", "stand_offer__stand__establishment", "registrant__person"
        )

    @extend_schema(request=DecisionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        application = self.get_object()
        if not policies.can_manage_stand(request.user, application.stand_offer.stand):
            raise PermissionDenied("Seul le recruteur du stand ou l'équipe décide.")
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            decide(user=request.user, application=application, **payload.validated_data)
        except EventsError as exc:
            raise ValidationError({"reason": str(exc)}) from exc
        return Response(ApplicationSerializer(application).data)


def register(router) -> None:
    router.register("evenements", EventViewSet, basename="event")
    router.register("evenements-stands", StandViewSet, basename="event-stand")
    router.register("evenements-candidatures", ApplicationViewSet, basename="event-application")
