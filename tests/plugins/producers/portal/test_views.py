"""Portal pages with Django's test client (CSRF enforced): login, products, photo, stock, import, preparations,
statements, profile."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.commerce.product.models import Product, ProductChannelListing, ProductMedia, ProductVariantChannelListing
from backend.commerce.warehouse.models import Stock
from plugins.producers.models import PreparationStatus, ProducerProduct
from tests.plugins.producers.conftest import owned_variant, place_order
from tests.plugins.producers.portal.conftest import PASSWORD, PortalClient, png_bytes

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password_then_logout(member_a):
    client = PortalClient()
    page = client.get("/espace-producteur/connexion/")
    assert page.status_code == 200
    wrong = client.post("/espace-producteur/connexion/", {"email": member_a.email, "password": "faux"})
    assert wrong.status_code == 400
    assert "Adresse e-mail ou mot de passe incorrect." in wrong.content.decode()
    ok = client.post("/espace-producteur/connexion/", {"email": member_a.email.upper(), "password": PASSWORD,
                                                       "next": "/espace-producteur/produits/"})
    assert (ok.status_code, ok["Location"]) == (302, "/espace-producteur/produits/")
    assert client.get("/espace-producteur/").status_code == 200
    out = client.post("/espace-producteur/deconnexion/")
    assert out.status_code == 302
    assert client.get("/espace-producteur/")["Location"] == "/espace-producteur/connexion/?next=%2Fespace-producteur%2F"


def test_login_refuses_an_external_next_url(member_a):
    client = PortalClient()
    ok = client.post("/espace-producteur/connexion/", {"email": member_a.email, "password": PASSWORD,
                                                       "next": "https://exemple.com/"})
    assert ok["Location"] == "/espace-producteur/"


def test_post_without_csrf_token_is_refused_and_changes_nothing(member_a, producer_a, catalogue):
    variant = owned_variant(producer_a, "Maroilles AOP", stock=10)
    client = PortalClient(member_a)
    response = client.post(f"/espace-producteur/variantes/{variant.pk}/stock/", {"quantity": "3"}, csrf=False)
    assert response.status_code == 403
    assert Stock.objects.get(product_variant=variant).quantity == 10


def test_invitation_link_sets_the_password_and_logs_in(producer_a):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from plugins.producers.services.producers import member_invite

    member = member_invite(producer=producer_a, email="nouveau@ferme-du-bocage.fr")
    uid = urlsafe_base64_encode(force_bytes(member.user.pk))
    token = default_token_generator.make_token(member.user)
    client = PortalClient()
    mailed = client.get(f"/producteurs/invitation/{uid}/{token}/")
    assert mailed["Location"] == f"/espace-producteur/invitation/{uid}/{token}/"
    mismatch = client.post(mailed["Location"], {"password": "Bocage-2026!", "password_again": "autre"})
    assert "Les deux mots de passe ne sont pas identiques." in mismatch.content.decode()
    response = client.post(mailed["Location"], {"password": "Bocage-2026!", "password_again": "Bocage-2026!"})
    assert (response.status_code, response["Location"]) == (302, "/espace-producteur/profil/")
    member.user.refresh_from_db()
    assert member.user.check_password("Bocage-2026!")
    reused = client.post(mailed["Location"], {"password": "Autre-2026!", "password_again": "Autre-2026!"})
    assert "Ce lien d&#x27;invitation n&#x27;est plus valable : demandez-en un nouveau." in reused.content.decode()


def test_create_product_with_photo_french_price_and_stock(member_a, producer_a, catalogue):
    client = PortalClient(member_a)
    photo = SimpleUploadedFile("maroilles.png", png_bytes(), content_type="image/png")
    response = client.post("/espace-producteur/produits/nouveau/", {
        "name": "Maroilles AOP", "description": "Affiné 5 semaines.", "category": catalogue["fromages"].pk,
        "sku": "MAR-01", "price": "1 234,50", "weight": "0,750", "stock": "12", "published": "on", "photo": photo})
    assert response.status_code == 302
    product = Product.objects.get(name="Maroilles AOP")
    assert response["Location"] == f"/espace-producteur/produits/{product.pk}/"
    assert ProducerProduct.objects.get(product=product).producer == producer_a
    assert ProductVariantChannelListing.objects.get(variant__product=product).price_amount == Decimal("1234.50")
    assert product.weight == Decimal("0.750")
    assert Stock.objects.get(product_variant__product=product).quantity == 12
    assert ProductChannelListing.objects.get(product=product).is_published is True
    assert ProductMedia.objects.filter(product=product).count() == 1
    edit = client.get(f"/espace-producteur/produits/{product.pk}/")
    assert 'value="1 234,50"' in edit.content.decode()


def test_text_file_named_jpg_is_refused_and_nothing_is_written(member_a, catalogue):
    client = PortalClient(member_a)
    fake = SimpleUploadedFile("photo.jpg", b"ceci n'est pas une image", content_type="image/jpeg")
    response = client.post("/espace-producteur/produits/nouveau/", {
        "name": "Beurre", "price": "4,20", "stock": "3", "photo": fake})
    assert response.status_code == 400
    assert "Ce fichier n&#x27;est pas une image." in response.content.decode()
    assert Product.objects.count() == 0
    assert ProductMedia.objects.count() == 0


def test_bad_price_and_negative_stock_give_french_errors(member_a, catalogue):
    client = PortalClient(member_a)
    response = client.post("/espace-producteur/produits/nouveau/", {"name": "Beurre", "price": "4,2,0",
                                                                     "stock": "-1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "« 4,2,0 » n&#x27;est pas un nombre (exemple : 1 234,50)." in html
    assert "Le stock ne peut pas être négatif." in html
    assert Product.objects.count() == 0


def test_sku_of_another_producer_refuses_the_whole_product(member_a, producer_b, catalogue):
    theirs = owned_variant(producer_b, "Bière de Mormal", price="3.90", stock=24, rate="20")
    client = PortalClient(member_a)
    response = client.post("/espace-producteur/produits/nouveau/", {"name": "Bière", "price": "3,00",
                                                                     "sku": theirs.sku, "stock": "2"})
    assert response.status_code == 400
    assert "Une variante utilise déjà ce SKU." in response.content.decode()
    assert Product.objects.count() == 1


def test_product_list_search_and_published_filter(member_a, producer_a, producer_b, catalogue):
    owned_variant(producer_a, "Maroilles AOP")
    hidden = owned_variant(producer_a, "Boulette d'Avesnes")
    owned_variant(producer_b, "Bière de Mormal")
    ProductChannelListing.objects.filter(product=hidden.product).update(is_published=False)
    client = PortalClient(member_a)
    everything = client.get("/espace-producteur/produits/").content.decode()
    assert "Maroilles AOP" in everything and "Boulette d&#x27;Avesnes" in everything
    assert "Bière de Mormal" not in everything
    unpublished = client.get("/espace-producteur/produits/", statut="hors-vente").content.decode()
    assert "Boulette" in unpublished and "Maroilles AOP" not in unpublished
    searched = client.get("/espace-producteur/produits/", q="marOI").content.decode()
    assert "Maroilles AOP" in searched and "Boulette" not in searched


def test_publish_and_unpublish(member_a, producer_a, catalogue):
    variant = owned_variant(producer_a, "Maroilles AOP")
    client = PortalClient(member_a)
    client.post(f"/espace-producteur/produits/{variant.product_id}/publication/", {"published": "0"})
    assert ProductChannelListing.objects.get(product=variant.product).is_published is False
    client.post(f"/espace-producteur/produits/{variant.product_id}/publication/", {"published": "1"})
    assert ProductChannelListing.objects.get(product=variant.product).is_published is True


def test_quick_stock_edit_and_negative_stock_refused(member_a, producer_a, catalogue):
    variant = owned_variant(producer_a, "Maroilles AOP", stock=10)
    client = PortalClient(member_a)
    client.post(f"/espace-producteur/variantes/{variant.pk}/stock/", {"quantity": "4"})
    assert Stock.objects.get(product_variant=variant).quantity == 4
    response = client.post(f"/espace-producteur/variantes/{variant.pk}/stock/", {"quantity": "-3"}, follow=True)
    assert "Maroilles AOP : Le stock ne peut pas être négatif." in response.content.decode()
    assert Stock.objects.get(product_variant=variant).quantity == 4


def test_csv_import_preview_then_run_to_100_percent(member_a, producer_a, catalogue,
                                                    django_capture_on_commit_callbacks):
    client = PortalClient(member_a)
    content = ("sku;nom;catégorie;prix_ttc;stock\nA-1;Miel de tilleul;;8,50;3\nA-2;Miel crémeux;;8,50;-1\n"
               .encode())
    upload = client.post("/espace-producteur/import/", {"file": SimpleUploadedFile("miel.csv", content)})
    assert upload.status_code == 302
    job_url = upload["Location"]
    preview = client.get(job_url).content.decode()
    assert "2 ligne(s) dans le fichier, 1 en erreur" in preview
    assert "Le stock ne peut pas être négatif (-1)." in preview
    assert Product.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url + "lancer/")
    progress = client.get(job_url + "progression/").content.decode()
    assert "Import terminé" in progress and "100 %" in progress
    assert "1 produit(s) créé(s), 0 mis à jour, 1 ligne(s) refusée(s) sur 2." in progress
    assert list(Product.objects.values_list("name", flat=True)) == ["Miel de tilleul"]


def test_preparations_mark_ready_and_cancel_a_line(member_a, producer_a, producer_b, channel, pickup_point,
                                                   catalogue, django_capture_on_commit_callbacks, mailoutbox):
    cheese = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)
    butter = owned_variant(producer_a, "Beurre fermier", price="4.20", stock=10)
    order = place_order(channel, pickup_point, [(cheese, 2), (butter, 1)])
    preparation = order.preparations.get(producer=producer_a)
    client = PortalClient(member_a)
    page = client.get("/espace-producteur/commandes/").content.decode()
    assert f"Commande n° {order.number}" in page and "Maroilles AOP" in page
    butter_line = preparation.lines.get(order_line__variant=butter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/espace-producteur/lignes/{butter_line.pk}/annuler/", {"reason": "rupture"})
    butter_line.refresh_from_db()
    assert butter_line.cancel_reason == "rupture"
    assert Stock.objects.get(product_variant=butter).quantity_allocated == 0
    assert len(mailoutbox) == 1
    client.post(f"/espace-producteur/preparations/{preparation.pk}/prete/")
    preparation.refresh_from_db()
    assert preparation.status == PreparationStatus.READY


def test_profile_refuses_a_wrong_siret_and_iban_in_french(member_a, producer_a):
    client = PortalClient(member_a)
    data = {"trade_name": "Ferme du Bocage", "legal_name": "EARL Ferme du Bocage", "siret": "73282932000075",
            "email": "contact@bocage.fr", "order_cutoff_hours": "48", "iban": "FR76 3000 6000 0112 3456 7890 188",
            "bic": "AGRIFRPP867", "opening_hours": "mardi 16:00-19:00"}
    response = client.post("/espace-producteur/profil/", data)
    assert response.status_code == 400
    assert "Ce SIRET n&#x27;est pas valide : sa clé de contrôle ne correspond pas (73282932000075)." in \
        response.content.decode()
    producer_a.refresh_from_db()
    assert producer_a.siret == "73282932000074"
    response = client.post("/espace-producteur/profil/", {**data, "siret": "732 829 320 00074"})
    assert "Cet IBAN n&#x27;est pas valide : sa clé de contrôle ne correspond pas." in response.content.decode()
    producer_a.refresh_from_db()
    assert producer_a.email != "contact@bocage.fr"
    ok = client.post("/espace-producteur/profil/", {**data, "siret": "732 829 320 00074",
                                                    "iban": "FR76 3000 6000 0112 3456 7890 189",
                                                    "labels": ["hve", "aop-maroilles"]})
    assert ok.status_code == 302
    producer_a.refresh_from_db()
    assert (producer_a.email, producer_a.labels) == ("contact@bocage.fr", ["hve", "aop-maroilles"])
    assert producer_a.opening_hours == [{"day": 2, "opens": "16:00", "closes": "19:00"}]
