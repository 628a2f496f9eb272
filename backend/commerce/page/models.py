"""CMS pages and page types with attributes (legal pages, the digital roadmap), after Saleor's page domain."""

from django.db import models
from django.utils import timezone

from backend.core.models import ModelWithMetadata


class PageType(ModelWithMetadata):
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    attributes = models.ManyToManyField("attribute.Attribute", blank=True, related_name="page_types")

    class Meta:
        ordering = ["slug"]
        verbose_name = "type de page"
        verbose_name_plural = "types de page"
        permissions = (
            ("manage_pages", "Gérer les pages"),
            ("manage_page_types_and_attributes", "Gérer les types de page et leurs attributs"),
        )

    def __str__(self) -> str:
        return self.name


class Page(ModelWithMetadata):
    page_type = models.ForeignKey(PageType, related_name="pages", on_delete=models.CASCADE)
    title = models.CharField("titre", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    content = models.JSONField(blank=True, null=True)  # EditorJS
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)
    is_published = models.BooleanField("publiée", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sort_order = models.IntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = "page"
        verbose_name_plural = "pages"

    def __str__(self) -> str:
        return self.title


class PageTranslation(models.Model):
    page = models.ForeignKey(Page, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    title = models.CharField(max_length=255, blank=True, null=True)
    slug = models.SlugField(max_length=255, blank=True, null=True, allow_unicode=True)
    content = models.JSONField(blank=True, null=True)
    seo_title = models.CharField(max_length=70, blank=True, null=True)
    seo_description = models.CharField(max_length=300, blank=True, null=True)

    class Meta:
        unique_together = [("language_code", "page")]


class AssignedPageAttributeValue(models.Model):
    page = models.ForeignKey(Page, related_name="attributevalues", on_delete=models.CASCADE)
    value = models.ForeignKey("attribute.AttributeValue", related_name="pagevalueassignment",
                              on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        unique_together = [("value", "page")]
        ordering = ["sort_order", "pk"]
