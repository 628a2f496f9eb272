import datetime
import json

import pytest
from django.utils import timezone

from logistics.models import CourierAction, Parcel, Round, Stop
from tests import factories
from tests.logistics.app import builders
from tests.logistics.app.conftest import csrf_client, post_with_csrf

DAY_URL = "/logistique/jours/2030-05-17/"


@pytest.mark.django_db
def test_day_page_permissions_anonymous_customer_courier_staff(planned_day, manager):
    anonymous = csrf_client().get(DAY_URL)
    assert (anonymous.status_code, anonymous["Location"]) == (302, "/logistique/connexion/?next=%2Flogistique"
                                                                    "%2Fjours%2F2030-05-17%2F")
    assert csrf_client(factories.user()).get(DAY_URL).status_code == 403
    assert csrf_client(planned_day.courier.user).get(DAY_URL).status_code == 403
    page = csrf_client(manager).get(DAY_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Journée du 17/05/2030" in html
    assert html.count("<polyline") == Round.objects.count() == 2
    assert "leaflet/leaflet.js" in html and 'hx-get' not in html  # not planning: no polling


@pytest.mark.django_db
def test_planning_from_the_page_runs_the_task_and_shows_the_result(small_day, manager,
                                                                  django_capture_on_commit_callbacks):
    client = csrf_client(manager)
    refused = client.post(f"{DAY_URL}planifier/")
    assert refused.status_code == 403  # no CSRF token
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued after commit (eager here)
        response = post_with_csrf(client, f"{DAY_URL}planifier/", {}, page=DAY_URL)
    assert (response.status_code, response["Location"]) == (302, DAY_URL)
    assert Round.objects.filter(day=small_day.day).count() == 2
    progress = client.get(f"{DAY_URL}progression/").content.decode()
    assert "Tournées planifiées le" in progress and "hx-trigger" not in progress


@pytest.mark.django_db
def test_progress_fragment_polls_every_second_while_planning_with_a_no_js_refresh(small_day, manager):
    small_day.day.__class__.objects.filter(pk=small_day.day.pk).update(
        planning_task_id="abc", planning_current=2, planning_total=5, planning_step="Calcul des tournées")
    html = csrf_client(manager).get(DAY_URL).content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert '<progress max="5" value="2">' in html
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html


@pytest.mark.django_db
def test_refused_manual_move_shows_the_checker_reason(planned_day, manager):
    delivery = Round.objects.get(kind="delivery")
    relay = delivery.stops.get(key="retrait:relais-bavay")
    client = csrf_client(manager)
    response = post_with_csrf(client, f"/logistique/arrets/{relay.pk}/deplacer/",
                              {"round": delivery.pk, "position": 2}, page=DAY_URL)
    assert response.status_code == 302
    page = client.get(DAY_URL).content.decode()
    assert "Déplacement refusé : « Fourgon frigo »" in page
    assert Stop.objects.get(pk=relay.pk).position == relay.position


@pytest.mark.django_db
def test_courier_sees_only_own_rounds(planned_day):
    round_ = Round.objects.filter(kind="delivery").first()
    url = f"/livreur/tournees/{round_.pk}/"
    assert csrf_client().get(url).status_code == 302
    assert csrf_client(factories.user()).get(url).status_code == 403
    assert csrf_client(builders.courier("autre@example.fr").user).get(url).status_code == 404
    page = csrf_client(planned_day.courier.user).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Relais Bavay" in html and "geo:50.2934,3.80266" in html
    assert html.count('class="stop-action"') + html.count('class="stop-action problem"') == 4
    home = csrf_client(planned_day.courier.user).get("/livreur/").content.decode()
    assert home.count("/livreur/tournees/") == 2


@pytest.mark.django_db
def test_courier_marks_a_stop_done_with_a_plain_form(planned_day):
    stop = Stop.objects.get(key="collecte:vergers-de-beaudignies")
    client = csrf_client(planned_day.courier.user)
    response = post_with_csrf(client, f"/livreur/arrets/{stop.pk}/", {"action": "done", "client_action_id": "x1"},
                              page=f"/livreur/tournees/{stop.round_id}/")
    assert response.status_code == 302
    assert Stop.objects.get(pk=stop.pk).status == "done"
    assert set(Parcel.objects.filter(collection_stop=stop).values_list("status", flat=True)) == {"collected"}


@pytest.mark.django_db
def test_other_courier_cannot_post_an_action_and_nothing_changes(planned_day):
    stop = Stop.objects.get(key="collecte:vergers-de-beaudignies")
    client = csrf_client(builders.courier("autre@example.fr").user)
    response = post_with_csrf(client, f"/livreur/arrets/{stop.pk}/", {"action": "done"}, page="/livreur/")
    assert response.status_code == 404
    assert Stop.objects.get(pk=stop.pk).status == "planned"


@pytest.mark.django_db
def test_offline_queue_sync_applies_each_action_once_with_its_real_time(planned_day):
    stop = Stop.objects.get(key="collecte:vergers-de-beaudignies")
    client = csrf_client(planned_day.courier.user)
    client.get("/livreur/")
    happened = (timezone.now() - datetime.timedelta(minutes=40)).replace(microsecond=0)
    actions = [{"stop": stop.pk, "action": "done", "client_action_id": "q-1", "happened_at": happened.isoformat()},
               {"stop": 999999, "action": "done", "client_action_id": "q-2"}]
    body = json.dumps(actions)
    headers = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    first = client.post("/livreur/synchroniser/", body, content_type="application/json", **headers).json()
    again = client.post("/livreur/synchroniser/", body, content_type="application/json", **headers).json()
    assert first["results"] == [{"id": "q-1", "ok": True, "status": "done"},
                                {"id": "q-2", "ok": False, "error": "Cet arrêt n'existe pas."}]
    assert again["results"][0] == {"id": "q-1", "ok": True, "status": "done"}
    assert CourierAction.objects.count() == 1
    assert Stop.objects.get(pk=stop.pk).done_at == happened


@pytest.mark.django_db
def test_service_worker_is_served_under_the_courier_scope():
    response = csrf_client().get("/livreur/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert b'var CACHE = "comptoir-livreur-v1";' in response.content


@pytest.mark.django_db
def test_parcel_label_carries_a_qr_code_and_prints_as_pdf(planned_day, manager):
    parcel = Parcel.objects.filter(chilled=True).get()
    client = csrf_client(manager)
    html = client.get(f"/logistique/colis/{parcel.pk}/etiquette/").content.decode()
    assert f"Colis {parcel.label_code}" in html and "<svg" in html and "FRAIS" in html
    pdf = client.get(f"/logistique/colis/{parcel.pk}/etiquette/?format=pdf")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert csrf_client(planned_day.courier.user).get(f"/logistique/colis/{parcel.pk}/etiquette/").status_code == 403
