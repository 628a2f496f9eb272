"""Shared abstract models and the permissions that have no model of their own yet (Saleor's PermissionEnum)."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models


class ModelWithMetadata(models.Model):
    metadata = models.JSONField(blank=True, default=dict)
    private_metadata = models.JSONField(blank=True, default=dict)

    class Meta:
        abstract = True
        indexes = [GinIndex(fields=["metadata"], name="%(app_label)s_%(class)s_meta_idx")]


class CorePermissions(models.Model):
    """Holds permissions of domains that have no model yet, so that every PermissionEnum member exists."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = (
            ("manage_apps", "Gérer les applications"),
            ("manage_observability", "Gérer l'observabilité"),
            ("manage_checkouts", "Gérer les paniers"),
            ("handle_checkouts", "Traiter les paniers"),
            ("manage_discounts", "Gérer les promotions et bons"),
            ("manage_gift_card", "Gérer les cartes cadeaux"),
            ("manage_orders", "Gérer les commandes"),
            ("manage_orders_import", "Importer des commandes"),
            ("handle_payments", "Traiter les paiements"),
            ("manage_plugins", "Gérer les extensions"),
            ("manage_shipping", "Gérer la livraison"),
        )
