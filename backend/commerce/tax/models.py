from decimal import Decimal

from django.db import models

from backend.core.models import ModelWithMetadata


class TaxClass(ModelWithMetadata):
    """A French VAT class: 5,5 % (alimentation), 10 % (taux intermédiaire), 20 % (taux normal)."""

    name = models.CharField("nom", max_length=255, unique=True)
    rate = models.DecimalField("taux de TVA (%)", max_digits=5, decimal_places=2, default=Decimal("20"))

    class Meta:
        ordering = ["rate", "name"]
        verbose_name = "classe de TVA"
        verbose_name_plural = "classes de TVA"
        permissions = (("handle_taxes", "Traiter les taxes"), ("manage_taxes", "Gérer les taxes"))

    def __str__(self) -> str:
        return f"{self.name} ({self.rate:g} %)".replace(".", ",")
