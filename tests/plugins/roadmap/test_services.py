"""Registration to a workshop and cancellation by token: places, refusals, the confirmation mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from plugins.roadmap.models import Registration
from plugins.roadmap.services import registration_cancel, seats_booked, workshop_register
from plugins.roadmap.tasks import send_registration_confirmation


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def register(workshop, email="marie@exemple.fr", seats=1, **extra):
    return workshop_register(workshop_id=workshop.pk, name=extra.pop("name", "Marie Dupont"), email=email,
                             seats=seats, **extra)


@pytest.mark.django_db
def test_registering_books_the_places_and_mails_a_confirmation_with_the_cancellation_link(
        make_workshop, django_capture_on_commit_callbacks, settings):
    # given a workshop with 3 places
    settings.PUBLIC_URL = "https://comptoir.example"
    workshop = make_workshop(capacity=3)

    # when Marie books 2 places
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        registration = register(workshop, email=" Marie@Exemple.FR ", seats=2, phone="03 27 00 00 00")

    # then 2 places are taken, one mail leaves after commit, in French, with the cancellation link
    assert (registration.name, registration.email, registration.seats, registration.phone) == (
        "Marie Dupont", "marie@exemple.fr", 2, "03 27 00 00 00")
    assert seats_booked(workshop.pk) == 2
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@exemple.fr"]
    assert message.subject.startswith("Inscription confirmée : Premiers pas avec la tablette le ")
    link = f"https://comptoir.example/feuille-de-route/annulation/{registration.cancellation_token}/"
    assert link in message.body
    assert "Places réservées : 2" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert link in message.alternatives[0][0]
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


@pytest.mark.django_db
def test_the_confirmation_task_sends_once_even_when_delivered_twice(make_workshop,
                                                                    django_capture_on_commit_callbacks):
    # given a registration whose confirmation was sent
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(make_workshop())
    assert len(mail.outbox) == 1

    # when the task is delivered again
    sent = send_registration_confirmation(registration.pk)

    # then nothing more is sent
    assert sent is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_full_workshop_is_refused_with_code_full_and_nothing_is_written(make_workshop):
    # given a workshop whose 3 places are taken
    workshop = make_workshop(capacity=3)
    register(workshop, email="a@exemple.fr", seats=3)

    # when someone else tries to register
    with pytest.raises(ValidationError) as refused:
        register(workshop, email="b@exemple.fr")

    # then FULL, with a French message, and still one registration
    assert codes(refused.value) == {"workshop_id": ["FULL"]}
    assert refused.value.error_dict["workshop_id"][0].message == "Cet atelier est complet : il ne reste plus de place."
    assert Registration.objects.filter(workshop=workshop).count() == 1


@pytest.mark.django_db
def test_asking_more_places_than_left_says_how_many_are_left(make_workshop):
    workshop = make_workshop(capacity=3)
    register(workshop, email="a@exemple.fr", seats=2)

    with pytest.raises(ValidationError) as refused:
        register(workshop, email="b@exemple.fr", seats=2)

    assert codes(refused.value) == {"seats": ["FULL"]}
    assert refused.value.error_dict["seats"][0].message == "Il ne reste que 1 place pour cet atelier."
    assert seats_booked(workshop.pk) == 2


@pytest.mark.django_db
def test_the_same_email_cannot_register_twice_whatever_its_case(make_workshop):
    workshop = make_workshop()
    register(workshop, email="marie@exemple.fr")

    with pytest.raises(ValidationError) as refused:
        register(workshop, email="MARIE@exemple.fr")

    assert codes(refused.value) == {"email": ["ALREADY_REGISTERED"]}
    assert Registration.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "code"), [
    ({"is_cancelled": True}, "CANCELLED"),
    ({"is_published": False}, "NOT_FOUND"),
    ({"starts_at": timezone.now() - timedelta(minutes=5)}, "INVALID"),
])
def test_cancelled_unpublished_or_started_workshops_are_refused(make_workshop, fields, code):
    workshop = make_workshop(**fields)

    with pytest.raises(ValidationError) as refused:
        register(workshop)

    assert codes(refused.value) == {"workshop_id": [code]}
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_bad_input_is_refused_field_by_field_in_french(make_workshop):
    workshop = make_workshop()

    with pytest.raises(ValidationError) as refused:
        register(workshop, name=" ", email="pas-une-adresse", phone="abc", seats=4)

    assert codes(refused.value) == {"name": ["INVALID"], "email": ["INVALID"], "phone": ["INVALID"],
                                    "seats": ["INVALID"]}
    assert refused.value.error_dict["seats"][0].message == "Vous pouvez réserver de 1 à 3 places."
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_cancelling_frees_the_places_for_someone_else(make_workshop):
    # given a workshop with one place, taken
    workshop = make_workshop(capacity=1)
    first = register(workshop, email="a@exemple.fr")

    # when the first person cancels with the token of their link
    cancelled = registration_cancel(token=first.cancellation_token)

    # then the place is free and another person gets it
    assert cancelled.cancelled_at is not None
    assert seats_booked(workshop.pk) == 0
    second = register(workshop, email="b@exemple.fr")
    assert second.seats == 1
    assert seats_booked(workshop.pk) == 1


@pytest.mark.django_db
def test_the_same_person_may_register_again_after_cancelling(make_workshop):
    workshop = make_workshop()
    first = register(workshop)
    registration_cancel(token=first.cancellation_token)

    again = register(workshop)

    assert again.pk != first.pk
    assert Registration.objects.filter(workshop=workshop, cancelled_at__isnull=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", "mauvais-jeton", "x" * 65])
def test_a_wrong_token_cancels_nothing(make_workshop, token):
    workshop = make_workshop()
    registration = register(workshop)

    with pytest.raises(ValidationError) as refused:
        registration_cancel(token=token)

    assert codes(refused.value) == {"token": ["NOT_FOUND"]}
    registration.refresh_from_db()
    assert registration.cancelled_at is None


@pytest.mark.django_db
def test_cancelling_twice_says_it_is_already_cancelled(make_workshop):
    registration = register(make_workshop())
    registration_cancel(token=registration.cancellation_token)

    with pytest.raises(ValidationError) as refused:
        registration_cancel(token=registration.cancellation_token)

    assert codes(refused.value) == {"token": ["CANCELLED"]}


@pytest.mark.django_db
def test_a_workshop_already_started_cannot_be_cancelled(make_workshop):
    workshop = make_workshop()
    registration = register(workshop)

    with pytest.raises(ValidationError) as refused:
        registration_cancel(token=registration.cancellation_token, now=workshop.starts_at + timedelta(minutes=1))

    assert codes(refused.value) == {"token": ["INVALID"]}
    registration.refresh_from_db()
    assert registration.cancelled_at is None


@pytest.mark.django_db
def test_control_characters_and_absurd_ids_are_refused_cleanly(make_workshop):
    workshop = make_workshop()

    with pytest.raises(ValidationError) as bad_text:
        register(workshop, name="Jean\x00", email="jean\x00@exemple.fr")
    with pytest.raises(ValidationError) as bad_id:
        workshop_register(workshop_id=10**30, name="Jean", email="jean@exemple.fr")
    with pytest.raises(ValidationError) as bad_token:
        registration_cancel(token="\x00abc")

    assert codes(bad_text.value) == {"name": ["INVALID"], "email": ["INVALID"]}
    assert codes(bad_id.value) == {"workshop_id": ["NOT_FOUND"]}
    assert codes(bad_token.value) == {"token": ["NOT_FOUND"]}
    assert Registration.objects.count() == 0
