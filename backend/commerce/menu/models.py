from django.db import models

from backend.core.models import ModelWithMetadata


class Menu(ModelWithMetadata):
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "menu"
        verbose_name_plural = "menus"
        permissions = (("manage_menus", "Gérer la navigation"),)

    def __str__(self) -> str:
        return self.name


class MenuItem(ModelWithMetadata):
    menu = models.ForeignKey(Menu, related_name="items", on_delete=models.CASCADE)
    name = models.CharField("nom", max_length=128)
    parent = models.ForeignKey("self", null=True, blank=True, related_name="children", on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.IntegerField(default=0, db_index=True)
    url = models.URLField(max_length=256, blank=True, null=True)
    category = models.ForeignKey("product.Category", blank=True, null=True, on_delete=models.CASCADE)
    collection = models.ForeignKey("product.Collection", blank=True, null=True, on_delete=models.CASCADE)
    page = models.ForeignKey("page.Page", blank=True, null=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "entrée de menu"
        verbose_name_plural = "entrées de menu"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.level = self.parent.level + 1 if self.parent_id else 0
        super().save(*args, **kwargs)


class MenuItemTranslation(models.Model):
    menu_item = models.ForeignKey(MenuItem, related_name="translations", on_delete=models.CASCADE)
    language_code = models.CharField(max_length=35)
    name = models.CharField(max_length=128)

    class Meta:
        unique_together = [("language_code", "menu_item")]
