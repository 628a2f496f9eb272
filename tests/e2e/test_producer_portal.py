"""A producer's morning in Chromium: log in, create a product with a photo, import a CSV with one bad row (the
error is shown, the rest is imported, progress reaches 100 %), mark a preparation ready."""

import os

import pytest

from backend.commerce.product.models import Product, ProductMedia
from plugins.producers.models import MemberRole, PreparationStatus, ProducerMember
from tests import factories
from tests.backend.commerce.conftest import channel, pickup_point  # noqa: F401 - fixtures re-used
from tests.plugins.producers.conftest import communes, owned_variant, place_order, producer_a  # noqa: F401
from tests.plugins.producers.portal.conftest import PASSWORD, png_bytes

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

CSV = ("sku;nom;catégorie;prix_ttc;stock;publié\n"
       "MIEL-1;Miel de tilleul;Épicerie;8,50;12;oui\n"
       "MIEL-2;Miel crémeux;Épicerie;-3;5;oui\n"
       "MIEL-3;Pain d'épices;Épicerie;1 234,50;2;non\n")


@pytest.fixture
def morning(producer_a, channel, pickup_point, tmp_path, settings):  # noqa: F811 - fixtures by name
    settings.MEDIA_ROOT = tmp_path / "media"
    factories.tax_class("5.5")
    factories.category("Épicerie")
    user = factories.user("ines@ferme-du-bocage.fr")
    ProducerMember.objects.create(user=user, producer=producer_a, role=MemberRole.OWNER)
    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)
    order = place_order(channel, pickup_point, [(cheese, 2)])
    photo = tmp_path / "maroilles.png"
    photo.write_bytes(png_bytes())
    csv_file = tmp_path / "produits.csv"
    csv_file.write_bytes(b"\xef\xbb\xbf" + CSV.encode())
    return {"order": order, "photo": photo, "csv": csv_file}


@pytest.mark.django_db(transaction=True)
def test_log_in_create_a_product_import_a_csv_and_mark_a_preparation_ready(page, live_server, morning,
                                                                            screenshot):
    base = live_server.url
    # log in
    page.goto(f"{base}/espace-producteur/")
    page.wait_for_url("**/espace-producteur/connexion/**")
    screenshot("portal-login")
    page.get_by_label("Adresse e-mail").fill("ines@ferme-du-bocage.fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_selector("h1:has-text('Tableau de bord')")
    assert page.locator("svg[role=img]").count() == 1
    screenshot("portal-dashboard")

    # create a product with a photo
    page.get_by_role("link", name="Produits", exact=True).click()
    page.get_by_role("link", name="Ajouter un produit").click()
    page.get_by_label("Nom du produit").fill("Boulette d'Avesnes")
    page.get_by_label("Prix TTC (€)").fill("6,90")
    page.get_by_label("Stock").fill("8")
    page.get_by_label("Photo (JPEG, PNG ou WebP, 5 Mo au plus)").set_input_files(str(morning["photo"]))
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_selector("text=« Boulette d'Avesnes » est enregistré.")
    screenshot("portal-product")
    product = Product.objects.get(name="Boulette d'Avesnes")
    assert ProductMedia.objects.filter(product=product).count() == 1

    # import a CSV with one bad row
    page.get_by_role("link", name="Import CSV").click()
    page.get_by_label("Fichier CSV (UTF-8, séparateur ; ou ,)").set_input_files(str(morning["csv"]))
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.wait_for_selector("text=3 ligne(s) dans le fichier, 1 en erreur")
    assert page.locator("table.errors td").nth(1).inner_text() == (
        "Le prix doit être compris entre 0,01 et 100 000 € (« -3 »).")
    screenshot("portal-import-preview")
    page.get_by_role("button", name="Importer les lignes valides").click()
    page.wait_for_selector("text=Import terminé")
    assert page.locator(".percent").inner_text() == "100 %"
    assert "2 produit(s) créé(s), 0 mis à jour, 1 ligne(s) refusée(s) sur 3." in page.locator("#bilan").inner_text()
    screenshot("portal-import-done")
    assert sorted(Product.objects.filter(variants__sku__startswith="MIEL").values_list("name", flat=True)) == [
        "Miel de tilleul", "Pain d'épices"]

    # mark the preparation ready
    page.get_by_role("link", name="Commandes").click()
    page.wait_for_selector(f"text=Commande n° {morning['order'].number}")
    page.get_by_role("button", name="Marquer comme prête").click()
    page.wait_for_selector("text=préparation prête")
    screenshot("portal-preparation-ready")
    assert morning["order"].preparations.get().status == PreparationStatus.READY

    # on a phone, the product list stays usable
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/espace-producteur/produits/")
    screenshot("portal-products-phone")
    assert page.get_by_role("link", name="Miel de tilleul").count() == 1
