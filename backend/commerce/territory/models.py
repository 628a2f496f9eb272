"""The real territory: the 52 communes of the CC du Pays de Mormal and its public places (reference data).

Sources (Licence Ouverte Etalab): INSEE COG and populations légales, DGCL, La Poste, IGN ADMIN EXPRESS; Ministère de
la Culture (bibliothèques publiques); ANCT (France services). See data/SOURCES.md.
"""

from django.db import models


class Commune(models.Model):
    insee = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    postcodes = models.JSONField("codes postaux", default=list)
    population = models.PositiveIntegerField("population municipale")
    latitude = models.DecimalField(max_digits=8, decimal_places=5)
    longitude = models.DecimalField(max_digits=8, decimal_places=5)
    is_bourg_centre = models.BooleanField("bourg-centre", default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"
        verbose_name_plural = "communes"

    def __str__(self) -> str:
        return f"{self.name} ({self.insee})"

    @property
    def main_postcode(self) -> str:
        return self.postcodes[0] if self.postcodes else ""


class PublicPlace(models.Model):
    class Kind(models.TextChoices):
        LIBRARY = "library", "Bibliothèque publique"
        FRANCE_SERVICES = "france_services", "France services"
        TIERS_LIEU = "tiers_lieu", "Tiers-lieu"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    source_id = models.CharField("identifiant dans la source", max_length=40)
    name = models.CharField("nom", max_length=200)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="public_places")
    address = models.CharField("adresse", max_length=255, blank=True)
    postcode = models.CharField("code postal", max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    location_doubtful = models.BooleanField("position douteuse", default=False)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField("site web", blank=True)
    opening_hours = models.TextField("horaires", blank=True)
    source = models.CharField("source", max_length=255)
    note = models.TextField("remarque", blank=True)

    class Meta:
        ordering = ["kind", "commune__name", "name"]
        verbose_name = "lieu public"
        verbose_name_plural = "lieux publics"
        constraints = [models.UniqueConstraint(fields=["kind", "source_id"], name="unique_public_place_source")]

    def __str__(self) -> str:
        return self.name
