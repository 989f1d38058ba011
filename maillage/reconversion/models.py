"""Precomputed skill-based transitions between ROME fiches (filled by ``build_transitions``)."""

from django.db import models

from maillage.referentials.models import RomeFiche


class Transition(models.Model):
    """One ranked target of a source fiche, as computed by the transition engine.

    The engine is built from skills, texts and codes only: it never reads ROME's mobility links
    (those are ``referentials.MobilityLink``, shown separately as "Mobilités officielles").
    """

    source = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="transitions_out")
    target = models.ForeignKey(RomeFiche, on_delete=models.CASCADE, related_name="transitions_in")
    rank = models.PositiveSmallIntegerField("rang")
    score = models.FloatField("score de transférabilité")
    shared_skills = models.PositiveIntegerField("compétences communes", default=0)
    breakdown = models.JSONField("détail du score", default=dict, blank=True)

    class Meta:
        verbose_name = "passerelle entre métiers"
        verbose_name_plural = "passerelles entre métiers"
        ordering = ["source", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_transition"),
            models.UniqueConstraint(fields=["source", "rank"], name="unique_transition_rank"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="transition_not_self"),
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_id} (#{self.rank}, {self.score:.2f})"


class TransitionBuild(models.Model):
    """When and from what the transitions table was last built (one row per build)."""

    built_at = models.DateTimeField("construit le", auto_now_add=True)
    source = models.CharField("source", max_length=255)
    fiches = models.PositiveIntegerField("fiches", default=0)
    k = models.PositiveSmallIntegerField("cibles par fiche", default=0)
    engine_version = models.CharField("version du moteur", max_length=40, blank=True)

    class Meta:
        verbose_name = "construction des passerelles"
        ordering = ["-built_at"]

    def __str__(self):
        return f"{self.built_at:%Y-%m-%d %H:%M} – {self.source}"
