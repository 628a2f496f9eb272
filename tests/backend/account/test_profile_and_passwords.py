"""accountUpdate, passwordChange, requestPasswordReset and setPassword."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from backend.commerce.account.models import Address
from backend.commerce.account.tokens import password_reset_token
from tests import factories
from tests.backend.account.conftest import PASSWORD

ACCOUNT_UPDATE = """
mutation($input: AccountInput!, $customerId: ID) {
  accountUpdate(input: $input, customerId: $customerId) {
    user { firstName lastName languageCode metadata { key value }
           defaultBillingAddress { city postalCode } defaultShippingAddress { city } }
    errors { field message code addressType }
  }
}"""
PASSWORD_CHANGE = """
mutation($new: String!, $old: String) {
  passwordChange(newPassword: $new, oldPassword: $old) { user { email } errors { field message code } }
}"""
RESET = """
mutation($email: String!, $url: String!) {
  requestPasswordReset(email: $email, redirectUrl: $url) { errors { field message code } }
}"""
SET_PASSWORD = """
mutation($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) {
    token refreshToken user { email isConfirmed } errors { field message code }
  }
}"""
RESET_URL = "http://localhost:8000/compte/mot-de-passe/"
NEW_PASSWORD = "Bavay-Fromage-9"


@pytest.mark.django_db
def test_account_update_changes_what_is_sent(gql, customer, customer_token):
    # when
    result = gql(ACCOUNT_UPDATE, {"input": {
        "lastName": "Martin-Leroy", "languageCode": "EN", "metadata": [{"key": "newsletter", "value": "oui"}],
        "defaultBillingAddress": {"streetAddress1": "5 rue des Tanneurs", "city": "Bavay", "postalCode": "59570"},
    }}, token=customer_token)["accountUpdate"]
    # then
    assert result == {"user": {"firstName": "Claire", "lastName": "Martin-Leroy", "languageCode": "EN",
                               "metadata": [{"key": "newsletter", "value": "oui"}],
                               "defaultBillingAddress": {"city": "BAVAY", "postalCode": "59570"},
                               "defaultShippingAddress": None},
                      "errors": []}
    customer.refresh_from_db()
    assert customer.language_code == "en"
    assert customer.addresses.count() == 1


@pytest.mark.django_db
def test_account_update_edits_the_current_default_address_in_place(gql, customer, customer_token):
    address = Address.objects.create(street_address_1="1 rue", city="LE QUESNOY", postal_code="59530")
    customer.addresses.add(address)
    customer.default_shipping_address = address
    customer.save()

    gql(ACCOUNT_UPDATE, {"input": {"defaultShippingAddress": {"streetAddress1": "2 rue", "city": "Jolimetz",
                                                              "postalCode": "59530"}}}, token=customer_token)

    address.refresh_from_db()
    assert (address.street_address_1, address.city) == ("2 rue", "JOLIMETZ")
    assert Address.objects.count() == 1


@pytest.mark.django_db
def test_account_update_with_a_bad_address_changes_nothing(gql, customer, customer_token):
    result = gql(ACCOUNT_UPDATE, {"input": {"firstName": "Autre", "defaultShippingAddress": {
        "streetAddress1": "1 rue", "city": "Bavay", "postalCode": "123"}}}, token=customer_token)["accountUpdate"]

    assert result["errors"] == [{"field": "postalCode", "message": "Le code postal doit compter cinq chiffres.",
                                 "code": "INVALID", "addressType": "SHIPPING"}]
    customer.refresh_from_db()
    assert customer.first_name == "Claire"
    assert Address.objects.count() == 0


@pytest.mark.django_db
def test_account_update_refuses_an_overlong_name(gql, customer, customer_token):
    result = gql(ACCOUNT_UPDATE, {"input": {"lastName": "M" * 300}}, token=customer_token)["accountUpdate"]

    assert result["errors"] == [{"field": "lastName", "message": "Ce champ est trop long.", "code": "INVALID",
                                 "addressType": None}]
    customer.refresh_from_db()
    assert customer.last_name == "Martin"


@pytest.mark.django_db
def test_account_update_refuses_anonymous_and_impersonation(gql, customer, customer_token):
    anonymous = gql(ACCOUNT_UPDATE, {"input": {"firstName": "X"}}, allow_errors=True)
    impersonating = gql(ACCOUNT_UPDATE, {"input": {"firstName": "X"}, "customerId": "VXNlcjox"},
                        token=customer_token, allow_errors=True)

    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert impersonating["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    customer.refresh_from_db()
    assert customer.first_name == "Claire"


@pytest.mark.django_db
def test_password_change_revokes_earlier_tokens(gql, customer, customer_token):
    # when
    result = gql(PASSWORD_CHANGE, {"new": NEW_PASSWORD, "old": PASSWORD}, token=customer_token)["passwordChange"]
    # then
    assert result == {"user": {"email": customer.email}, "errors": []}
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)
    assert gql("{ me { email } }", token=customer_token) == {"me": None}


@pytest.mark.parametrize(("new", "old", "field", "code"), [
    (NEW_PASSWORD, "mauvais", "oldPassword", "INVALID_PASSWORD"),
    (NEW_PASSWORD, None, "oldPassword", "INVALID_PASSWORD"),
    ("court", PASSWORD, "newPassword", "PASSWORD_TOO_SHORT"),
])
@pytest.mark.django_db
def test_password_change_refusals_change_nothing(gql, customer, customer_token, new, old, field, code):
    result = gql(PASSWORD_CHANGE, {"new": new, "old": old}, token=customer_token)["passwordChange"]

    assert [(e["field"], e["code"]) for e in result["errors"]] == [(field, code)]
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)
    assert gql("{ me { email } }", token=customer_token) == {"me": {"email": customer.email}}


def _reset_link_params() -> dict:
    link = next(word for word in mail.outbox[-1].body.split() if word.startswith(RESET_URL))
    return {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}


@pytest.mark.django_db
def test_request_password_reset_mails_a_link_once_per_quarter_hour(gql, customer,
                                                                    django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        first = gql(RESET, {"email": "Claire.Martin@example.fr", "url": RESET_URL})
        second = gql(RESET, {"email": customer.email, "url": RESET_URL})
    # then
    assert first == second == {"requestPasswordReset": {"errors": []}}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [customer.email]
    assert mail.outbox[0].subject == "Choisissez un nouveau mot de passe pour le Comptoir de Mormal"
    assert password_reset_token.check_token(customer, _reset_link_params()["token"])


@pytest.mark.django_db
def test_request_password_reset_reveals_nothing_about_unknown_or_inactive_accounts(
        gql, django_capture_on_commit_callbacks):
    factories.user("parti@example.fr", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        unknown = gql(RESET, {"email": "personne@example.fr", "url": RESET_URL})
        inactive = gql(RESET, {"email": "parti@example.fr", "url": RESET_URL})

    assert unknown == inactive == {"requestPasswordReset": {"errors": []}}
    assert mail.outbox == []


@pytest.mark.django_db
def test_request_password_reset_refuses_a_foreign_redirect(gql, customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(RESET, {"email": customer.email, "url": "https://hameconnage.example/"})

    assert result["requestPasswordReset"]["errors"] == [
        {"field": "redirectUrl", "code": "INVALID",
         "message": "hameconnage.example n'est pas une adresse de boutique autorisée."}]
    assert mail.outbox == []


@pytest.mark.django_db
def test_set_password_from_the_mailed_link_signs_in_and_works_once(gql, customer,
                                                                   django_capture_on_commit_callbacks):
    # given
    customer.is_confirmed = False
    customer.save()
    with django_capture_on_commit_callbacks(execute=True):
        gql(RESET, {"email": customer.email, "url": RESET_URL})
    token = _reset_link_params()["token"]
    variables = {"email": customer.email, "token": token, "password": NEW_PASSWORD}
    # when
    result = gql(SET_PASSWORD, variables)["setPassword"]
    again = gql(SET_PASSWORD, {**variables, "password": "Encore-Autre-7"})["setPassword"]
    # then
    assert result["errors"] == []
    assert result["user"] == {"email": customer.email, "isConfirmed": True}
    assert gql("{ me { email } }", token=result["token"]) == {"me": {"email": customer.email}}
    assert again["errors"] == [{"field": "token", "code": "INVALID",
                                "message": "Le lien de réinitialisation est invalide ou a expiré."}]
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_set_password_refusals(gql, customer):
    token = password_reset_token.make_token(customer)

    unknown = gql(SET_PASSWORD, {"email": "personne@example.fr", "token": token, "password": NEW_PASSWORD})
    weak = gql(SET_PASSWORD, {"email": customer.email, "token": token, "password": "123"})

    assert unknown["setPassword"]["errors"] == [{"field": "email", "code": "NOT_FOUND",
                                                 "message": "Aucun compte n'existe avec cette adresse e-mail."}]
    assert [e["code"] for e in weak["setPassword"]["errors"]] == ["PASSWORD_TOO_SHORT", "PASSWORD_TOO_COMMON",
                                                                  "PASSWORD_ENTIRELY_NUMERIC"]
    assert weak["setPassword"]["token"] is None
    customer.refresh_from_db()
    assert customer.check_password(PASSWORD)
