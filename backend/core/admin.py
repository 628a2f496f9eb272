"""Admin helpers shared by the domains' admin.py files.

`register_remaining_models(app_label)` ends every domain's admin.py: the models a domain adds later get a plain but
usable admin page (list of fields, search, foreign keys as raw ids so pages stay fast) without waiting for someone to
write a custom one. Models shown only as inlines are passed in `inline_only`; index tables that nobody reads or edits by
hand (the search postings) are passed in `internal` and get no page.
"""

from decimal import Decimal

from django.apps import apps
from django.contrib import admin
from django.db import models

from backend.core.money import format_eur

SEARCHABLE_NAMES = ("name", "title", "email", "slug", "sku", "number", "token", "psp_reference", "code")
LISTABLE_FIELDS = (models.CharField, models.IntegerField, models.DecimalField, models.BooleanField,
                   models.DateTimeField, models.DateField, models.UUIDField, models.ForeignKey)


def euros(amount: Decimal | None) -> str:
    """'12,50 €' for the admin lists, '—' when there is no price."""
    return "—" if amount is None else format_eur(amount)


def column(path: str, label: str, *, boolean: bool = False):
    """A list_display column with a French header, for model fields declared without a French verbose_name.

    (Changing the fields' verbose_name at run time would leak into other domains' migrations.)
    """

    def display(obj):
        if "__" not in path and hasattr(obj, f"get_{path}_display"):
            return getattr(obj, f"get_{path}_display")()  # the French label of a choice, not its code
        value = obj
        for part in path.split("__"):
            value = getattr(value, part, None) if value is not None else None
        return value

    display.short_description = label
    display.admin_order_field = path
    display.boolean = boolean
    display.__name__ = path
    return display


def titled_filter(title: str) -> type[admin.FieldListFilter]:
    """A list_filter entry `(field, titled_filter("catégorie"))`: Django's own filter for the field, French title."""

    class TitledFilter(admin.FieldListFilter):
        def __new__(cls, field, request, params, model, model_admin, field_path):
            list_filter = admin.FieldListFilter.create(field, request, params, model, model_admin, field_path)
            list_filter.title = title
            return list_filter

    return TitledFilter


def generic_model_admin(model: type[models.Model]) -> type[admin.ModelAdmin]:
    fields = [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]
    listed = [f.name for f in fields if isinstance(f, LISTABLE_FIELDS) and not f.primary_key][:6]
    relations = [f.name for f in fields if isinstance(f, models.ForeignKey | models.OneToOneField)]
    many = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
    attributes = {
        "list_display": ["__str__", *listed],
        "search_fields": [f.name for f in fields if f.name in SEARCHABLE_NAMES],
        "list_filter": [f.name for f in fields if isinstance(f, models.BooleanField)][:4],
        "raw_id_fields": relations + many,
        "list_select_related": [f.name for f in fields if isinstance(f, models.ForeignKey) and not f.null][:3],
        "list_per_page": 50,
    }
    return type(f"{model.__name__}Admin", (admin.ModelAdmin,), attributes)


def register_remaining_models(app_label: str, *, inline_only: tuple[type[models.Model], ...] = (),
                              internal: tuple[type[models.Model], ...] = ()) -> None:
    for model in apps.get_app_config(app_label).get_models():
        if (model._meta.managed and model not in inline_only and model not in internal
                and not admin.site.is_registered(model)):
            admin.site.register(model, generic_model_admin(model))
