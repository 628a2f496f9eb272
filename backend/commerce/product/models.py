"""The catalogue, after Saleor's product domain: categories, product types, products, variants, media, collections,
per-channel listings and prices (entered TTC), translations."""

from decimal import Decimal

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone

from backend.core.models import ModelWithMetadata


class Category(ModelWithMetadata):
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)  # EditorJS
    description_plaintext = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    background_image = models.ImageField(upload_to="category-backgrounds", blank=True, null=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["level", "name"]
        verbose_name = "catégorie"
        verbose_name_plural = "catégories"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.level = self.parent.level + 1 if self.parent_id else 0
        super().save(*args, **kwargs)


class CategoryTranslation(models.Model):
    category = models.ForeignKey(Category, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=128, blank=True, null=True)
    slug = models.SlugField(max_length=255, blank=True, null=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = [("language_code", "category")]


class ProductType(ModelWithMetadata):
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    kind = models.CharField(max_length=32, default="normal")
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    tax_class = models.ForeignKey("tax.TaxClass", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="product_types")
    weight = models.DecimalField("poids (kg)", max_digits=8, decimal_places=3, default=Decimal("0"))
    product_attributes = models.ManyToManyField("attribute.Attribute", blank=True,
                                                related_name="product_types")
    variant_attributes = models.ManyToManyField("attribute.Attribute", blank=True,
                                                related_name="variant_product_types")

    class Meta:
        ordering = ["slug"]
        verbose_name = "type de produit"
        verbose_name_plural = "types de produit"
        permissions = (
            ("manage_products", "Gérer les produits"),
            ("manage_product_types_and_attributes", "Gérer les types de produit et les attributs"),
        )

    def __str__(self) -> str:
        return self.name


class Product(ModelWithMetadata):
    product_type = models.ForeignKey(ProductType, related_name="products", on_delete=models.CASCADE)
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)  # EditorJS
    description_plaintext = models.TextField(blank=True)
    category = models.ForeignKey(Category, related_name="products", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    tax_class = models.ForeignKey("tax.TaxClass", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="products")
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    weight = models.DecimalField("poids (kg)", max_digits=8, decimal_places=3, null=True, blank=True)
    rating = models.FloatField(null=True, blank=True)
    default_variant = models.OneToOneField("ProductVariant", null=True, blank=True, related_name="+",
                                           on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)
    # Search (issue 7): maintained by a service call, never by signals
    search_vector = SearchVectorField(null=True, blank=True)
    search_document = models.TextField(blank=True, default="")
    search_index_dirty = models.BooleanField(default=True, db_index=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "produit"
        verbose_name_plural = "produits"
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search_vector_idx"),
            GinIndex(fields=["metadata"], name="product_meta_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class ProductTranslation(models.Model):
    product = models.ForeignKey(Product, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=250, blank=True, null=True)
    slug = models.SlugField(max_length=255, blank=True, null=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = [("language_code", "product")]


class ProductVariant(ModelWithMetadata):
    product = models.ForeignKey(Product, related_name="variants", on_delete=models.CASCADE)
    sku = models.CharField(max_length=255, unique=True, null=True, blank=True)
    name = models.CharField("nom", max_length=255, blank=True)
    weight = models.DecimalField("poids net (kg)", max_digits=8, decimal_places=3, null=True, blank=True)
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    is_preorder = models.BooleanField(default=False)
    sort_order = models.IntegerField(default=0, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)

    class Meta:
        ordering = ["sort_order", "sku", "pk"]
        verbose_name = "variante"
        verbose_name_plural = "variantes"

    def __str__(self) -> str:
        return self.name or self.sku or f"#{self.pk}"


class ProductVariantTranslation(models.Model):
    product_variant = models.ForeignKey(ProductVariant, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        unique_together = [("language_code", "product_variant")]


class ProductChannelListing(models.Model):
    product = models.ForeignKey(Product, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channel.Channel", related_name="product_listings", on_delete=models.CASCADE)
    visible_in_listings = models.BooleanField(default=True)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    # Cheapest variant price TTC in this channel, kept by the services for sorting and price filters
    discounted_price_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        unique_together = [("product", "channel")]
        ordering = ["pk"]
        verbose_name = "publication du produit"
        verbose_name_plural = "publications du produit"


class ProductVariantChannelListing(models.Model):
    variant = models.ForeignKey(ProductVariant, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channel.Channel", related_name="variant_listings", on_delete=models.CASCADE)
    currency = models.CharField(max_length=3, default="EUR")
    price_amount = models.DecimalField("prix TTC", max_digits=12, decimal_places=2, null=True, blank=True)
    cost_price_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    discounted_price_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    prior_price_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        unique_together = [("variant", "channel")]
        ordering = ["pk"]
        verbose_name = "prix de la variante"
        verbose_name_plural = "prix des variantes"


class ProductMedia(models.Model):
    class MediaType(models.TextChoices):
        IMAGE = "IMAGE", "Image"
        VIDEO = "VIDEO", "Vidéo"

    product = models.ForeignKey(Product, related_name="media", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="products", blank=True, null=True)
    alt = models.CharField("texte alternatif", max_length=250, blank=True)
    type = models.CharField(max_length=32, choices=MediaType.choices, default=MediaType.IMAGE)
    external_url = models.CharField(max_length=256, blank=True, null=True)
    oembed_data = models.JSONField(blank=True, default=dict)
    sort_order = models.IntegerField(default=0, db_index=True)
    metadata = models.JSONField(blank=True, default=dict)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "média"
        verbose_name_plural = "médias"


class VariantMedia(models.Model):
    variant = models.ForeignKey(ProductVariant, related_name="variant_media", on_delete=models.CASCADE)
    media = models.ForeignKey(ProductMedia, related_name="variant_media", on_delete=models.CASCADE)

    class Meta:
        unique_together = [("variant", "media")]


class AssignedProductAttributeValue(models.Model):
    product = models.ForeignKey(Product, related_name="attributevalues", on_delete=models.CASCADE)
    value = models.ForeignKey("attribute.AttributeValue", related_name="productvalueassignment",
                              on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        unique_together = [("value", "product")]
        ordering = ["sort_order", "pk"]


class AssignedVariantAttributeValue(models.Model):
    variant = models.ForeignKey(ProductVariant, related_name="attributevalues", on_delete=models.CASCADE)
    value = models.ForeignKey("attribute.AttributeValue", related_name="variantvalueassignment",
                              on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        unique_together = [("value", "variant")]
        ordering = ["sort_order", "pk"]


class Collection(ModelWithMetadata):
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    products = models.ManyToManyField(Product, blank=True, related_name="collections", through="CollectionProduct")
    background_image = models.ImageField(upload_to="collection-backgrounds", blank=True, null=True)
    background_image_alt = models.CharField(max_length=128, blank=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "collection"
        verbose_name_plural = "collections"

    def __str__(self) -> str:
        return self.name


class CollectionProduct(models.Model):
    collection = models.ForeignKey(Collection, related_name="collectionproduct", on_delete=models.CASCADE)
    product = models.ForeignKey(Product, related_name="collectionproduct", on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        unique_together = [("collection", "product")]
        ordering = ["sort_order", "pk"]


class CollectionChannelListing(models.Model):
    collection = models.ForeignKey(Collection, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channel.Channel", related_name="collection_listings", on_delete=models.CASCADE)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("collection", "channel")]
        ordering = ["pk"]


class CollectionTranslation(models.Model):
    collection = models.ForeignKey(Collection, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=128, blank=True, null=True)
    slug = models.SlugField(max_length=255, blank=True, null=True, allow_unicode=True)
    description = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = [("language_code", "collection")]
