"""Shop settings (Saleor's `shop` query): one row."""

from django.db import models


class SiteSettings(models.Model):
    name = models.CharField("nom de la boutique", max_length=255, default="Comptoir de Mormal")
    domain = models.CharField("domaine", max_length=255, default="127.0.0.1:8000")
    description = models.CharField(max_length=500, blank=True,
                                   default="Les produits des fermes et artisans du Pays de Mormal, près de chez vous.")
    header_text = models.CharField(max_length=200, blank=True, default="Le marché en ligne du Pays de Mormal")
    default_mail_sender_name = models.CharField(max_length=78, blank=True, default="Comptoir de Mormal")
    default_mail_sender_address = models.EmailField(blank=True, default="bonjour@comptoir-de-mormal.fr")
    company_name = models.CharField(max_length=256, blank=True, default="Communauté de communes du Pays de Mormal")
    company_street_address = models.CharField(max_length=256, blank=True, default="")
    company_postal_code = models.CharField(max_length=20, blank=True, default="59530")
    company_city = models.CharField(max_length=256, blank=True, default="Le Quesnoy")
    default_weight_unit = models.CharField(max_length=30, default="KG")
    include_taxes_in_prices = models.BooleanField(default=True)
    display_gross_prices = models.BooleanField(default=True)
    track_inventory_by_default = models.BooleanField(default=True)
    enable_account_confirmation_by_email = models.BooleanField(default=True)
    allow_login_without_confirmation = models.BooleanField(default=False)
    limit_quantity_per_checkout = models.PositiveIntegerField(default=50)
    data_sources_credit = models.TextField(
        "sources des données",
        default=("Sources : INSEE (COG, populations légales), DGCL, La Poste (base officielle des codes postaux), "
                 "IGN ADMIN EXPRESS, Ministère de la Culture (bibliothèques publiques), ANCT (France services) — "
                 "Licence Ouverte Etalab."),
    )

    class Meta:
        verbose_name = "réglages de la boutique"
        verbose_name_plural = "réglages de la boutique"
        permissions = (("manage_settings", "Gérer les réglages"), ("manage_translations", "Gérer les traductions"))

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> "SiteSettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
