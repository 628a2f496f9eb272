"""Staff manage the workshops in the admin: the list shows the places booked."""

import pytest

from plugins.roadmap.services import workshop_register


@pytest.mark.django_db
def test_the_workshop_admin_lists_places_booked(client, make_workshop, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@exemple.fr", password="mot-de-passe-solide")
    client.force_login(admin)
    workshop = make_workshop(capacity=10)
    workshop_register(workshop_id=workshop.pk, name="Marie", email="marie@exemple.fr", seats=3)

    changelist = client.get("/admin/roadmap/workshop/")
    change = client.get(f"/admin/roadmap/workshop/{workshop.pk}/change/")

    assert changelist.status_code == 200
    assert '<td class="field-seats_booked">3</td>' in changelist.content.decode()
    assert change.status_code == 200
    assert "marie@exemple.fr" in change.content.decode()
