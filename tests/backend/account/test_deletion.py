"""accountRequestDeletion and accountDelete: a mailed link confirms the deletion of one's own account."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from backend.commerce.account.models import Address, User
from backend.commerce.account.tokens import account_deletion_token, create_access_token
from backend.core.ids import to_global_id
from tests import factories

REQUEST = """
mutation($url: String!) { accountRequestDeletion(redirectUrl: $url) { errors { field message code } } }"""
DELETE = """
mutation($token: String!) { accountDelete(token: $token) { user { id email } errors { field message code } } }"""
DELETE_URL = "http://localhost:8000/compte/supprimer/"


@pytest.mark.django_db
def test_deletion_request_mails_a_link_that_deletes_the_account(gql, customer, customer_token,
                                                                django_capture_on_commit_callbacks):
    # given
    address = Address.objects.create(street_address_1="1 rue", city="BAVAY", postal_code="59570")
    customer.addresses.add(address)
    former_id = customer.pk
    # when
    with django_capture_on_commit_callbacks(execute=True):
        requested = gql(REQUEST, {"url": DELETE_URL}, token=customer_token)
    link = next(word for word in mail.outbox[0].body.split() if word.startswith(DELETE_URL))
    token = parse_qs(urlsplit(link).query)["token"][0]
    deleted = gql(DELETE, {"token": token}, token=customer_token)
    # then
    assert requested == {"accountRequestDeletion": {"errors": []}}
    assert mail.outbox[0].to == [customer.email]
    assert mail.outbox[0].subject == "Confirmez la suppression de votre compte sur le Comptoir de Mormal"
    assert deleted == {"accountDelete": {"user": {"id": to_global_id("User", former_id),
                                                  "email": "claire.martin@example.fr"}, "errors": []}}
    assert User.objects.filter(pk=former_id).exists() is False
    assert Address.objects.count() == 0
    assert gql("{ me { email } }", token=customer_token) == {"me": None}


@pytest.mark.django_db
def test_account_delete_refuses_a_wrong_token_and_keeps_the_account(gql, customer, customer_token):
    result = gql(DELETE, {"token": "faux"}, token=customer_token)

    assert result == {"accountDelete": {"user": None, "errors": [
        {"field": "token", "message": "Le lien de suppression est invalide ou a expiré.", "code": "INVALID"}]}}
    assert User.objects.filter(pk=customer.pk).exists()


@pytest.mark.django_db
def test_a_token_for_another_account_deletes_nothing(gql, customer):
    other = factories.user("voisin@example.fr")

    result = gql(DELETE, {"token": account_deletion_token.make_token(customer)}, token=create_access_token(other))

    assert result["accountDelete"]["errors"][0]["code"] == "INVALID"
    assert User.objects.count() == 2


@pytest.mark.django_db
def test_staff_accounts_are_not_deleted_from_the_storefront(gql):
    staff = factories.staff()

    result = gql(DELETE, {"token": account_deletion_token.make_token(staff)}, token=create_access_token(staff))

    assert result["accountDelete"]["errors"] == [{"field": None, "code": "DELETE_STAFF_ACCOUNT",
                                                  "message": "Un compte de l'équipe se supprime depuis "
                                                             "l'administration."}]
    assert User.objects.filter(pk=staff.pk).exists()


@pytest.mark.django_db
def test_deletion_mutations_need_a_signed_in_user(gql, customer):
    request = gql(REQUEST, {"url": DELETE_URL}, allow_errors=True)
    delete = gql(DELETE, {"token": account_deletion_token.make_token(customer)}, allow_errors=True)

    assert request["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert delete["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert mail.outbox == []
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_deletion_request_refuses_a_foreign_redirect(gql, customer_token, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(REQUEST, {"url": "https://hameconnage.example/"}, token=customer_token)

    assert result["accountRequestDeletion"]["errors"][0]["code"] == "INVALID"
    assert mail.outbox == []
