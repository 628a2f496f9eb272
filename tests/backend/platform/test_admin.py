"""Every model of the domains has an admin page that loads for a superuser, with the demo data in the database."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

import backend.config.urls  # noqa: F401 - the admin registry is complete once the URLconf is loaded
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]

DOMAIN_APP_PREFIXES = ("backend.commerce.", "backend.core")
INLINE_ONLY = {
    "attributetranslation", "attributevaluetranslation", "categorytranslation", "producttranslation",
    "productvarianttranslation", "collectiontranslation", "productchannellisting", "productvariantchannellisting",
    "productmedia", "variantmedia", "assignedproductattributevalue", "assignedvariantattributevalue",
    "collectionproduct", "collectionchannellisting", "pagetranslation", "assignedpageattributevalue",
    "menuitemtranslation", "channelwarehouse", "orderline", "orderevent",
}
# Index tables written by a service, millions of rows nobody reads or edits by hand (register_remaining_models'
# `internal`): no page.
INTERNAL = {"productposting"}


@pytest.fixture
def admin_user():
    user = factories.user(email="equipe@cc-paysdemormal.fr")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def admin_client_fr(admin_user):
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(admin_user)
    return client


def _domain_models():
    return [model for config in apps.get_app_configs() if config.name.startswith(DOMAIN_APP_PREFIXES)
            for model in config.get_models() if model._meta.managed]


def test_every_domain_model_has_an_admin_page_or_is_an_inline():
    missing = [model._meta.label for model in _domain_models()
               if not admin.site.is_registered(model) and model._meta.model_name not in INLINE_ONLY | INTERNAL]
    assert missing == []
    assert not any(admin.site.is_registered(model) for model in _domain_models()
                   if model._meta.model_name in INTERNAL)


def test_changelist_add_and_change_pages_load_for_every_registered_model(admin_client_fr, admin_user):
    failures, checked = [], 0
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        # some pages refuse additions on purpose (a single shop settings row, orders made only by the services)
        add_status = 200 if model_admin.has_add_permission(request) else 403
        urls = [(reverse(f"{prefix}_changelist"), 200), (reverse(f"{prefix}_add"), add_status)]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append((reverse(f"{prefix}_change", args=[first.pk]), 200))
        checked += len(urls)
        for url, expected in urls:
            status = admin_client_fr.get(url).status_code
            if status != expected:
                failures.append((url, status))
    assert failures == []
    assert len(admin.site._registry) >= 35
    assert checked >= 2 * len(admin.site._registry)


def test_the_admin_shows_the_demo_banner_and_credits_the_data_sources(admin_client_fr):
    index = admin_client_fr.get(reverse("admin:index")).content.decode()
    assert "Données de démonstration" in index
    communes = admin_client_fr.get(reverse("admin:territory_commune_changelist")).content.decode()
    assert "Licence Ouverte Etalab" in communes
    assert "IGN ADMIN EXPRESS" in communes
    assert "Le Quesnoy" in communes


def test_product_list_shows_french_prices_and_stays_at_a_fixed_number_of_queries(admin_client_fr,
                                                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = admin_client_fr.get(reverse("admin:product_product_changelist")).content.decode()
    assert "\u00a0€" in page
    assert ">Catégorie<" in page and ">Type de produit<" in page and "Par rayon" in page
    attributes = admin_client_fr.get(reverse("admin:attribute_attribute_changelist")).content.decode()
    table = attributes.split('id="result_list"')[1].split("</table>")[0]
    assert "Liste déroulante" in table and "dropdown" not in table
    found = admin_client_fr.get(reverse("admin:product_product_changelist"), {"q": "maroilles"}).content.decode()
    assert "Maroilles AOP fermier" in found


def test_the_shop_settings_and_orders_refuse_additions_by_hand(admin_client_fr):
    assert admin_client_fr.get(reverse("admin:site_sitesettings_add")).status_code == 403
    assert admin_client_fr.get(reverse("admin:order_order_add")).status_code == 403
