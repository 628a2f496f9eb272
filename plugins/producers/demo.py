"""Demo data only: a producer for each demo producer warehouse, its products, and one owner account per producer
(`<producer-slug>@demo.comptoir-de-mormal.fr`) with the password of COMPTOIR_DEMO_PASSWORD — generated and printed
once when unset. Safe to run again: nothing is duplicated, and an existing password is only changed when
COMPTOIR_DEMO_PASSWORD says so."""

import os
import secrets
import sys

from django.contrib.auth import get_user_model
from django.db import transaction

from backend.commerce.warehouse.models import Stock, Warehouse
from plugins.producers.models import (
    MemberRole,
    Producer,
    ProducerLabel,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
    ProducerWarehouse,
)
from plugins.producers.validators import luhn_valid

DEMO_DOMAIN = "demo.comptoir-de-mormal.fr"
LABEL_BY_NAME = {label.label: label.value for label in ProducerLabel}
LABEL_BY_NAME["Haute valeur environnementale"] = ProducerLabel.HVE.value


def demo_siret(index: int) -> str:
    """A fictional SIRET with a valid Luhn key (SIREN 9xxxxxxxx is not attributed to real companies here)."""
    base = f"9{index:08d}0001"
    return next(base + str(digit) for digit in range(10) if luhn_valid(base + str(digit)))


def demo_email(producer: Producer) -> str:
    return f"{producer.slug}@{DEMO_DOMAIN}"


def _producer_for(warehouse: Warehouse, index: int) -> Producer:
    link = ProducerWarehouse.objects.filter(warehouse=warehouse).select_related("producer").first()
    if link is not None:
        return link.producer
    labels = [LABEL_BY_NAME[name] for name in (warehouse.metadata.get("labels") or "").split("|") if name in
              LABEL_BY_NAME]
    commune = warehouse.commune
    producer, _ = Producer.objects.get_or_create(slug=warehouse.slug, defaults={
        "legal_name": warehouse.name, "trade_name": warehouse.name, "siret": demo_siret(index),
        "email": f"contact@{warehouse.slug}.{DEMO_DOMAIN}", "commune": commune,
        "street_address": warehouse.address.street_address_1, "postal_code": warehouse.address.postal_code,
        "latitude": warehouse.latitude if warehouse.latitude is not None else commune.latitude,
        "longitude": warehouse.longitude if warehouse.longitude is not None else commune.longitude,
        "labels": labels, "opening_hours": warehouse.opening_hours or [], "status": ProducerStatus.ACTIVE,
        "iban": "FR7630006000011234567890189", "bic": "AGRIFRPP867", "is_demo": True})
    ProducerWarehouse.objects.create(warehouse=warehouse, producer=producer)
    return producer


def demo_producers_ensure(*, password: str | None = None, out=None) -> dict:
    """Returns counts {producers, accounts_created, passwords_set}; prints a generated password once."""
    out = out or sys.stdout
    password = password if password is not None else os.environ.get("COMPTOIR_DEMO_PASSWORD", "")
    User = get_user_model()
    generated = ""
    created = passwords_set = 0
    with transaction.atomic():
        warehouses = list(Warehouse.objects.filter(is_demo=True, metadata__kind="producer", commune__isnull=False)
                          .select_related("address", "commune").order_by("external_reference"))
        producers = [_producer_for(warehouse, index) for index, warehouse in enumerate(warehouses, start=1)]
        owner_by_warehouse = dict(ProducerWarehouse.objects.filter(warehouse__in=warehouses)
                                  .values_list("warehouse_id", "producer_id"))
        owned = set(ProducerProduct.objects.values_list("product_id", flat=True))
        links = {}
        for product_id, warehouse_id in (Stock.objects.filter(warehouse__in=warehouses).order_by("pk")
                                         .values_list("product_variant__product_id", "warehouse_id")):
            if product_id not in owned and product_id not in links:
                links[product_id] = owner_by_warehouse[warehouse_id]
        ProducerProduct.objects.bulk_create([ProducerProduct(product_id=p, producer_id=o) for p, o in links.items()])
        for producer in producers:
            email = demo_email(producer)
            user = User.objects.filter(email=email).first()
            if user is None:
                if not password:
                    generated = generated or secrets.token_urlsafe(12)
                    password = generated
                user = User.objects.create_user(email=email, password=password)
                created += 1
            elif password and not generated and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                passwords_set += 1
            ProducerMember.objects.get_or_create(user=user, defaults={"producer": producer, "role": MemberRole.OWNER})
    if generated:
        out.write(f"Comptes de démonstration des producteurs (<producteur>@{DEMO_DOMAIN}) : mot de passe "
                  f"{generated} (définissez COMPTOIR_DEMO_PASSWORD pour le choisir).\n")
    return {"producers": len(producers), "accounts_created": created, "passwords_set": passwords_set}
