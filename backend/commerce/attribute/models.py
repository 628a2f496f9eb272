"""Attributes and their values, shared by product types and page types (Saleor's attribute domain)."""

from django.db import models

from backend.core.models import ModelWithMetadata


class AttributeInputType(models.TextChoices):
    DROPDOWN = "dropdown", "Liste déroulante"
    MULTISELECT = "multiselect", "Choix multiple"
    FILE = "file", "Fichier"
    REFERENCE = "reference", "Références"
    SINGLE_REFERENCE = "single-reference", "Référence"
    NUMERIC = "numeric", "Nombre"
    RICH_TEXT = "rich-text", "Texte enrichi"
    PLAIN_TEXT = "plain-text", "Texte"
    SWATCH = "swatch", "Nuancier"
    BOOLEAN = "boolean", "Oui / non"
    DATE = "date", "Date"
    DATE_TIME = "date-time", "Date et heure"


class AttributeType(models.TextChoices):
    PRODUCT_TYPE = "product-type", "Type de produit"
    PAGE_TYPE = "page-type", "Type de page"


class Attribute(ModelWithMetadata):
    slug = models.SlugField(max_length=250, unique=True)
    name = models.CharField("nom", max_length=255)
    type = models.CharField(max_length=50, choices=AttributeType.choices, default=AttributeType.PRODUCT_TYPE)
    input_type = models.CharField(max_length=50, choices=AttributeInputType.choices,
                                  default=AttributeInputType.DROPDOWN)
    entity_type = models.CharField(max_length=50, blank=True, null=True)
    unit = models.CharField("unité", max_length=100, blank=True, null=True)
    value_required = models.BooleanField(default=False)
    is_variant_only = models.BooleanField(default=False)
    visible_in_storefront = models.BooleanField(default=True)
    filterable_in_storefront = models.BooleanField(default=True)
    filterable_in_dashboard = models.BooleanField(default=True)
    storefront_search_position = models.IntegerField(default=0)
    available_in_grid = models.BooleanField(default=True)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)

    class Meta:
        ordering = ["storefront_search_position", "slug"]
        verbose_name = "attribut"
        verbose_name_plural = "attributs"

    def __str__(self) -> str:
        return self.name


class AttributeTranslation(models.Model):
    attribute = models.ForeignKey(Attribute, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=255)

    class Meta:
        unique_together = [("language_code", "attribute")]
        verbose_name = "traduction d'attribut"


class AttributeValue(models.Model):
    attribute = models.ForeignKey(Attribute, related_name="values", on_delete=models.CASCADE)
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, allow_unicode=True)
    value = models.CharField(max_length=255, blank=True, default="")  # swatch colour, numeric value...
    plain_text = models.TextField(blank=True, null=True)
    rich_text = models.JSONField(blank=True, null=True)
    boolean = models.BooleanField(blank=True, null=True)
    date_time = models.DateTimeField(blank=True, null=True)
    file_url = models.URLField(blank=True, null=True)
    content_type = models.CharField(max_length=50, blank=True, null=True)
    sort_order = models.IntegerField(default=0, db_index=True)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        unique_together = [("slug", "attribute")]
        verbose_name = "valeur d'attribut"
        verbose_name_plural = "valeurs d'attribut"

    def __str__(self) -> str:
        return self.name


class AttributeValueTranslation(models.Model):
    attribute_value = models.ForeignKey(AttributeValue, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=250)
    plain_text = models.TextField(blank=True, null=True)
    rich_text = models.JSONField(blank=True, null=True)

    class Meta:
        unique_together = [("language_code", "attribute_value")]
