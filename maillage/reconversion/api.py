"""REST API resources of this module, registered on the /api/v1/ router by ``maillage.api.urls``.

``transitions`` (GET ``?source=CODE&k=20&autres_domaines=1``): the precomputed skill-based
transitions from a ROME fiche, explained (skills kept, skills to acquire, score breakdown), and
ROME's official mobility links apart. Public, like the explorer page it mirrors.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from maillage.referentials.models import RomeFiche

from . import explorer
from .models import TransitionBuild

MAX_K = 50


class SkillSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="code OGR de la compétence ou du savoir")
    label = serializers.CharField()
    kind = serializers.CharField(help_text="savoir_faire ou savoir")
    core = serializers.BooleanField(help_text="cœur de métier de la fiche cible")


class BreakdownSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    part = serializers.FloatField(help_text="contribution au score (0..1)")
    percent = serializers.IntegerField(help_text="part du score, en %")


class TargetSerializer(serializers.Serializer):
    target = serializers.CharField(source="code", help_text="code ROME de la fiche cible")
    label = serializers.CharField()
    rank = serializers.IntegerField()
    score = serializers.FloatField(
        help_text="transférabilité 0..1 : proximité des compétences, textes et codes, reclassée par un modèle appris"
    )
    shared_skills = serializers.IntegerField(source="shared_count")
    cross_domain = serializers.BooleanField(help_text="cible dans un autre grand domaine")
    skills_kept = SkillSerializer(source="kept", many=True)
    skills_to_acquire = SkillSerializer(source="to_acquire", many=True)
    breakdown = serializers.SerializerMethodField()

    def get_breakdown(self, obj) -> list[dict]:
        return [{"criterion": label, "part": part, "percent": pct} for label, part, pct in obj.breakdown]


class OfficialMobilitySerializer(serializers.Serializer):
    target = serializers.CharField(source="target_id")
    label = serializers.CharField(source="target.label")
    order = serializers.IntegerField()


class TransitionsResponseSerializer(serializers.Serializer):
    source = serializers.CharField()
    source_label = serializers.CharField()
    engine_version = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField()
    results = TargetSerializer(many=True)
    official_mobility = OfficialMobilitySerializer(many=True)


class TransitionViewSet(viewsets.ViewSet):
    """Skill-based transitions (reconversion paths) from a ROME fiche."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Passerelles depuis une fiche ROME",
        description=(
            "Métiers cibles classés par transférabilité des compétences (moteur fondé sur les compétences, "
            "textes et codes du ROME, sans les mobilités officielles), avec les compétences conservées, "
            "les compétences à acquérir et le détail du score. Les mobilités officielles du ROME sont "
            "données à part."
        ),
        parameters=[
            OpenApiParameter("source", str, required=True, description="code ROME de la fiche de départ (ex. B1803)"),
            OpenApiParameter("k", int, description=f"nombre de cibles, 1 à {MAX_K} (20 par défaut)"),
            OpenApiParameter("autres_domaines", bool, description="seulement des cibles d'un autre grand domaine"),
            OpenApiParameter("details", int, description="compétences listées par cible (10 par défaut, 0 = toutes)"),
        ],
        responses=TransitionsResponseSerializer,
    )
    def list(self, request):
        source = request.query_params.get("source", "").strip().upper()
        if not source:
            raise ValidationError({"source": "Paramètre obligatoire : code ROME de la fiche de départ."})
        fiche = RomeFiche.objects.filter(code=source).only("code", "label").first()
        if fiche is None:
            raise NotFound(f"Fiche ROME inconnue : {source}")
        k = _bounded_int(request.query_params.get("k"), "k", 20, 1, MAX_K)
        details = _bounded_int(request.query_params.get("details"), "details", 10, 0, 200)
        other_domains = request.query_params.get("autres_domaines", "").lower() in {"1", "true", "oui"}
        targets = explorer.ranked_targets(source, k=k, other_domains_only=other_domains, preview=details)
        build = TransitionBuild.objects.order_by("-id").values_list("engine_version", flat=True).first()
        payload = {
            "source": fiche.code,
            "source_label": fiche.label,
            "engine_version": build or "",
            "count": len(targets),
            "results": targets,
            "official_mobility": explorer.official_mobility(source),
        }
        return Response(TransitionsResponseSerializer(payload).data)


def _bounded_int(value, name: str, default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({name: "Nombre entier attendu."}) from None
    if not low <= number <= high:
        raise ValidationError({name: f"Valeur attendue entre {low} et {high}."})
    return number


def register(router) -> None:
    """Add this module's viewsets to ``router``."""
    router.register("transitions", TransitionViewSet, basename="transition")
