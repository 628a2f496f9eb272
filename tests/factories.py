"""Small builders for test data, written with the ORM (the demo generator builds the full catalogue)."""

import itertools
from decimal import Decimal

from django.utils import timezone

_seq = itertools.count(1)


def channel(slug="comptoir-de-mormal"):
    from backend.commerce.channel.models import Channel

    obj, _ = Channel.objects.get_or_create(slug=slug, defaults={"name": "Comptoir de Mormal"})
    return obj


def tax_class(rate="5.5"):
    from backend.commerce.tax.models import TaxClass

    names = {"5.5": "Alimentation (5,5 %)", "10": "Taux intermédiaire (10 %)", "20": "Taux normal (20 %)"}
    obj, _ = TaxClass.objects.get_or_create(name=names[str(rate)], defaults={"rate": Decimal(str(rate))})
    return obj


def category(name="Fromages", parent=None):
    from django.utils.text import slugify

    from backend.commerce.product.models import Category

    obj, _ = Category.objects.get_or_create(slug=slugify(name), defaults={"name": name, "parent": parent})
    return obj


def product_type(name="Fromage", rate="5.5"):
    from django.utils.text import slugify

    from backend.commerce.product.models import ProductType

    obj, _ = ProductType.objects.get_or_create(slug=slugify(name), defaults={"name": name,
                                                                              "tax_class": tax_class(rate)})
    return obj


def warehouse(name=None, commune=None):
    from django.utils.text import slugify

    from backend.commerce.account.models import Address
    from backend.commerce.warehouse.models import Warehouse

    name = name or f"Ferme {next(_seq)}"
    address = Address.objects.create(company_name=name, street_address_1="1 rue de la Gare", city="Le Quesnoy",
                                     postal_code="59530", country="FR")
    wh = Warehouse.objects.create(name=name, slug=slugify(name), address=address, commune=commune)
    wh.channels.add(channel())
    return wh


def product(name=None, *, price="12.50", stock=10, rate="5.5", category_name="Fromages", published=True,
            weight="0.750", chan=None, wh=None, sku=None):
    """A product with one variant priced TTC in the channel and `stock` units in a warehouse."""
    from django.utils.text import slugify

    from backend.commerce.product.models import (
        Product,
        ProductChannelListing,
        ProductVariant,
        ProductVariantChannelListing,
    )
    from backend.commerce.warehouse.models import Stock

    n = next(_seq)
    name = name or f"Maroilles fermier {n}"
    chan = chan or channel()
    ptype = product_type("Fromage" if rate == "5.5" else f"Type {rate}", rate)
    prod = Product.objects.create(name=name, slug=f"{slugify(name)}-{n}", product_type=ptype,
                                  category=category(category_name), description_plaintext=name)
    variant = ProductVariant.objects.create(product=prod, sku=sku or f"SKU-{n}", name="", weight=Decimal(weight))
    prod.default_variant = variant
    prod.save(update_fields=["default_variant"])
    ProductChannelListing.objects.create(product=prod, channel=chan, is_published=published,
                                         published_at=timezone.now() if published else None,
                                         visible_in_listings=True, discounted_price_amount=Decimal(price))
    ProductVariantChannelListing.objects.create(variant=variant, channel=chan, price_amount=Decimal(price),
                                                discounted_price_amount=Decimal(price))
    Stock.objects.create(warehouse=wh or warehouse(), product_variant=variant, quantity=stock)
    return prod


def user(email=None, password="mot-de-passe-solide", **extra):
    from backend.commerce.account.models import User

    return User.objects.create_user(email or f"client{next(_seq)}@example.fr", password, **extra)


def staff(email=None, permissions=(), password="mot-de-passe-solide"):
    from django.contrib.auth.models import Permission

    u = user(email or f"equipe{next(_seq)}@comptoir-de-mormal.fr", password, is_staff=True)
    for perm in permissions:
        app_label, codename = perm.value.split(".")
        u.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return u
