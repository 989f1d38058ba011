"""Régions, départements, EPCI and communes (INSEE COG), with centroids and contours.

Contours are heavy GeoJSON (tens of kB per EPCI): they live in their own tables (``EpciOutline``,
``DepartementOutline``) so that a page joining an EPCI to name it never reads them; the maps ask
``selectors.epci_outlines``.
"""

from django.db import models


class Region(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Departement(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"


# The INSEE « nature juridique » of an EPCI, as a page says it (the code stays in the data).
EPCI_KINDS = {
    "CA": "Communauté d'agglomération",
    "CC": "Communauté de communes",
    "CU": "Communauté urbaine",
    "METRO": "Métropole",
    "MET69": "Métropole de Lyon",
    "EPT": "Établissement public territorial",
}


class Epci(models.Model):
    code = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("nature", max_length=10, blank=True, help_text="CA, CC, CU, METRO, MET69…")
    population = models.PositiveIntegerField("population totale", default=0)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def kind_label(self) -> str:
        """« Communauté d'agglomération » for « CA »; an unknown code is shown as it is."""
        return EPCI_KINDS.get(self.kind, self.kind)


class EpciOutline(models.Model):
    epci = models.OneToOneField(Epci, on_delete=models.CASCADE, primary_key=True, related_name="contour")
    geometry = models.JSONField("contour (GeoJSON)")

    class Meta:
        verbose_name = "contour d'EPCI"
        verbose_name_plural = "contours d'EPCI"

    def __str__(self):
        return f"Contour de {self.epci_id}"


class DepartementOutline(models.Model):
    departement = models.OneToOneField(Departement, on_delete=models.CASCADE, primary_key=True, related_name="contour")
    geometry = models.JSONField("contour (GeoJSON)")

    class Meta:
        verbose_name = "contour de département"
        verbose_name_plural = "contours de départements"

    def __str__(self):
        return f"Contour de {self.departement_id}"


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(Epci, null=True, blank=True, on_delete=models.SET_NULL, related_name="communes")
    population = models.PositiveIntegerField("population", default=0)
    postcodes = models.CharField("codes postaux", max_length=400, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def postcode_list(self) -> list[str]:
        return self.postcodes.split()


class PostalCode(models.Model):
    """One row per (postcode, commune): a postcode can serve several communes and vice versa."""

    code = models.CharField("code postal", max_length=5, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postal_codes")

    class Meta:
        verbose_name = "code postal"
        constraints = [models.UniqueConstraint(fields=["code", "commune"], name="unique_postcode_commune")]

    def __str__(self):
        return f"{self.code} {self.commune.name}"


class FormerCommuneCode(models.Model):
    """An INSEE code of a commune that merged into a current one (``anciensCodes`` in the COG)."""

    code = models.CharField("ancien code INSEE", max_length=5, primary_key=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="former_codes")

    class Meta:
        verbose_name = "ancien code commune"

    def __str__(self):
        return f"{self.code} → {self.commune_id}"
