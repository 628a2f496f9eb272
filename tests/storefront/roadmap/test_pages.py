"""The roadmap pages through Django's test client: status codes, French texts, forms, CSRF, maps without JS."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from plugins.roadmap.models import Registration
from plugins.roadmap.services import workshop_register
from tests.storefront.roadmap.conftest import csrf_post


@pytest.mark.django_db
def test_the_overview_lists_the_axes_with_projects_and_statuses(browser, roadmap):
    response = browser.get("/feuille-de-route/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>La feuille de route numérique du Pays de Mormal — Comptoir de Mormal</title>" in html
    assert html.count('class="axis-card"') == 8
    assert '<a href="/feuille-de-route/inclusion-numerique/">L&#x27;inclusion numérique</a>' in html
    assert "Accompagner les secrétaires de mairie" in html
    assert html.count('class="status status-en-cours"') == 3
    assert "Les statuts affichés sont indicatifs" in html


@pytest.mark.django_db
def test_an_axis_page_shows_its_projects_and_an_unknown_axis_is_a_french_404(browser, roadmap):
    found = browser.get("/feuille-de-route/tiers-lieux/")
    missing = browser.get("/feuille-de-route/axe-inconnu/")

    html = found.content.decode()
    assert found.status_code == 200
    assert "<h1>Trois tiers-lieux dans les bourgs-centres</h1>" in html
    assert "Communes concernées : Landrecies" in html
    assert html.count('class="axis-card project"') == 3
    assert missing.status_code == 404
    assert "Cet axe de la feuille de route n&#x27;existe pas." in missing.content.decode()


@pytest.mark.django_db
def test_the_calendar_groups_workshops_by_day_and_filters_by_commune_with_a_get_form(browser, make_workshop):
    # given a workshop at Bavay and one at Jenlain
    from backend.commerce.territory.models import Commune

    make_workshop(title="Atelier à Bavay")
    make_workshop(title="Atelier à Jenlain", commune=Commune.objects.get(slug="jenlain"))

    everything = browser.get("/feuille-de-route/ateliers/").content.decode()
    bavay_only = browser.get("/feuille-de-route/ateliers/?commune=bavay").content.decode()
    unknown = browser.get("/feuille-de-route/ateliers/?commune=paris")

    assert '<form class="filters" method="get" action="/feuille-de-route/ateliers/">' in everything
    assert "2 ateliers à venir" in everything
    assert "Atelier à Jenlain" in everything and "Atelier à Bavay" in everything
    assert "1 atelier à venir à Bavay" in bavay_only
    assert "Atelier à Jenlain" not in bavay_only
    assert unknown.status_code == 200
    assert "Cette commune ne fait pas partie du Pays de Mormal." in unknown.content.decode()


@pytest.mark.django_db
def test_the_commune_map_is_an_svg_drawn_on_the_server_coloured_by_workshops_held(browser, make_workshop):
    make_workshop(starts_at=timezone.now() - timedelta(days=30))  # held at Bavay

    html = browser.get("/feuille-de-route/ateliers/").content.decode()

    assert html.count("</title></circle>") == 52
    assert html.count('class="dot-held"><title>') == 1
    assert "<title>Bavay : 1 atelier organisé, 0 prévu</title>" in html
    assert "1 commune où un atelier a déjà eu lieu, 0 où un premier atelier est prévu, 51 sans atelier" in html
    assert 'id="carte-communes-points" type="application/json"' in html
    assert "/static/leaflet/leaflet.js" in html and "cdn" not in html.lower()


@pytest.mark.django_db
def test_registering_with_the_form_redirects_to_a_confirmation_and_mails(browser, make_workshop,
                                                                        django_capture_on_commit_callbacks):
    workshop = make_workshop(capacity=3)
    url = f"/feuille-de-route/ateliers/{workshop.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_post(browser, url, {"name": "Marie Dupont", "email": "marie@exemple.fr", "seats": "2"})
    confirmation = browser.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == f"/feuille-de-route/ateliers/{workshop.pk}/inscription-confirmee/"
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert "Votre inscription est confirmée" in html
    assert "Merci Marie Dupont : 2 places vous sont réservées" in html
    assert Registration.objects.get().seats == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_refused(browser, make_workshop):
    workshop = make_workshop()

    response = browser.post(f"/feuille-de-route/ateliers/{workshop.pk}/",
                            {"name": "Marie Dupont", "email": "marie@exemple.fr", "seats": "1"})

    assert response.status_code == 403
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_bad_input_shows_french_errors_tied_to_the_fields(browser, make_workshop):
    workshop = make_workshop()

    response = csrf_post(browser, f"/feuille-de-route/ateliers/{workshop.pk}/",
                         {"name": "M", "email": "pas-une-adresse", "seats": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "L'inscription n'a pas pu être enregistrée" in html
    assert "Saisissez une adresse e-mail valide, par exemple prenom@exemple.fr." in html
    assert "Indiquez votre nom (2 caractères au moins)." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email-aide id_email-erreur"' in html
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_already_registered_is_said_in_french_on_the_email_field(browser, make_workshop):
    workshop = make_workshop()
    workshop_register(workshop_id=workshop.pk, name="Marie", email="marie@exemple.fr")

    response = csrf_post(browser, f"/feuille-de-route/ateliers/{workshop.pk}/",
                         {"name": "Marie Dupont", "email": "marie@exemple.fr", "seats": "1"})

    assert "Vous êtes déjà inscrit(e) à cet atelier avec cette adresse e-mail." in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_full_workshop_shows_a_clear_message_and_no_form(browser, make_workshop):
    # given Jean opened the form while one place was left, and Marie took it meanwhile
    workshop = make_workshop(capacity=1)
    url = f"/feuille-de-route/ateliers/{workshop.pk}/"
    opened = browser.get(url)
    workshop_register(workshop_id=workshop.pk, name="Marie", email="marie@exemple.fr")

    # when Jean sends the form, then reloads the page
    refused = browser.post(url, {"name": "Jean Martin", "email": "jean@exemple.fr", "seats": "1",
                                 "csrfmiddlewaretoken": browser.cookies["csrftoken"].value})
    page = browser.get(url)

    # then a clear French message, no form any more, and still one registration
    assert "Je m'inscris" in opened.content.decode()
    assert refused.status_code == 400
    assert "Cet atelier est complet : il ne reste plus de place." in refused.content.decode()
    assert page.status_code == 200
    assert "Cet atelier est complet : il ne reste plus de place." in page.content.decode()
    assert "Je m'inscris" not in page.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_workshop_is_a_french_404(browser, roadmap):
    response = browser.get("/feuille-de-route/ateliers/999999/")

    assert response.status_code == 404
    assert "Cet atelier n&#x27;existe pas ou n&#x27;est plus proposé." in response.content.decode()


@pytest.mark.django_db
def test_the_cancellation_link_asks_then_cancels_with_a_post(browser, make_workshop):
    workshop = make_workshop(capacity=2)
    registration = workshop_register(workshop_id=workshop.pk, name="Marie", email="marie@exemple.fr", seats=2)
    url = f"/feuille-de-route/annulation/{registration.cancellation_token}/"

    asked = browser.get(url)
    registration.refresh_from_db()
    assert registration.cancelled_at is None  # a GET (a mail client's preview) cancels nothing
    done = csrf_post(browser, url, {})

    assert asked.status_code == 200
    assert "Oui, annuler mon inscription" in asked.content.decode()
    assert done.status_code == 200
    assert "vos 2 places sont libérées" in done.content.decode()
    registration.refresh_from_db()
    assert registration.cancelled_at is not None


@pytest.mark.django_db
def test_a_wrong_cancellation_link_is_a_french_404(browser, roadmap):
    response = browser.get("/feuille-de-route/annulation/jeton-faux/")

    assert response.status_code == 404
    assert "Ce lien d&#x27;annulation n&#x27;est pas valide." in response.content.decode()


@pytest.mark.django_db
def test_the_places_page_lists_and_maps_libraries_france_services_and_tiers_lieux(browser, roadmap):
    everything = browser.get("/feuille-de-route/lieux/").content.decode()
    tiers_lieux = browser.get("/feuille-de-route/lieux/?type=tiers-lieux").content.decode()

    assert "24 lieux" in everything
    assert "Bibliothèques publiques (20)" in everything
    assert "France services (1)" in everything
    assert "Tiers-lieux (3)" in everything
    assert "Rue Jules Ferry" in everything
    assert "Non communiqués par la source" in everything
    assert "3 lieux" in tiers_lieux
    assert tiers_lieux.count('class="dot-doubtful"><title>') == 3
    assert "Tiers-lieu du Quesnoy (projet) (Tiers-lieu), Le Quesnoy — position approximative" in tiers_lieux


@pytest.mark.django_db
def test_the_pages_stay_french_when_the_browser_asks_for_english(browser, make_workshop):
    from datetime import datetime

    start = timezone.make_aware(datetime(2031, 12, 1, 14, 0))  # a Monday
    workshop = make_workshop(starts_at=start)

    html = browser.get(f"/feuille-de-route/ateliers/{workshop.pk}/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()

    assert "Lundi 1 décembre 2031, de 14h00 à 16h00" in html
    assert "Monday" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/feuille-de-route/ateliers/99999999999999999999999/",
                                 "/feuille-de-route/annulation/%00jeton/",
                                 "/feuille-de-route/" + "a" * 300 + "/"])
def test_absurd_urls_are_french_404s_never_errors(browser, roadmap, url):
    response = browser.get(url)

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["commune=%00", "commune=" + "x" * 5000, "apres=pas-un-curseur"])
def test_tampered_calendar_parameters_still_show_the_calendar(browser, roadmap, query):
    response = browser.get(f"/feuille-de-route/ateliers/?{query}")

    assert response.status_code == 200
    assert "<h2 id=\"calendrier\">Calendrier</h2>" in response.content.decode()
