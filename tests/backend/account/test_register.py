"""accountRegister and confirmAccount through POST /graphql/, with the confirmation mail sent after commit."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from backend.commerce.account.models import User
from tests import factories
from tests.backend.account.conftest import PASSWORD, STOREFRONT_URL

REGISTER = """
mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    requiresConfirmation
    user { email firstName lastName isActive isConfirmed languageCode metadata { key value } }
    errors { field message code }
    accountErrors { field code }
  }
}"""
CONFIRM = """
mutation($email: String!, $token: String!, $password: String) {
  confirmAccount(email: $email, token: $token, password: $password) {
    user { email isActive isConfirmed }
    errors { field message code }
  }
}"""


def _input(**overrides):
    return {"email": "lea.dupont@example.fr", "password": PASSWORD, "firstName": "Léa", "lastName": "Dupont",
            "redirectUrl": STOREFRONT_URL, **overrides}


def _register(gql, **overrides):
    return gql(REGISTER, {"input": _input(**overrides)})["accountRegister"]


def _link_params(message) -> dict:
    link = next(word for word in message.body.split() if word.startswith("http://localhost:8000/compte/"))
    return {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}


@pytest.mark.django_db
def test_register_creates_an_unconfirmed_account_and_mails_the_link(gql, confirmation_required,
                                                                   django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = _register(gql, email="Lea.Dupont@Example.fr", languageCode="FR",
                           metadata=[{"key": "source", "value": "marché de Bavay"}])
    # then
    assert result == {
        "requiresConfirmation": True,
        "user": {"email": "lea.dupont@example.fr", "firstName": "Léa", "lastName": "Dupont", "isActive": True,
                 "isConfirmed": False, "languageCode": "FR",
                 "metadata": [{"key": "source", "value": "marché de Bavay"}]},
        "errors": [],
        "accountErrors": [],
    }
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea.dupont@example.fr"]
    assert message.subject == "Confirmez votre compte sur le Comptoir de Mormal"
    assert "Bonjour Léa," in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="fr"' in html
    params = _link_params(message)
    assert params["email"] == "lea.dupont@example.fr"
    user = User.objects.get(email="lea.dupont@example.fr")
    assert user.check_password(PASSWORD)
    from backend.commerce.account.tokens import account_confirmation_token

    assert account_confirmation_token.check_token(user, params["token"])


@pytest.mark.django_db
def test_register_without_confirmation_gives_a_confirmed_account_and_no_mail(gql, confirmation_disabled,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = _register(gql, redirectUrl=None)

    assert result["requiresConfirmation"] is False
    assert result["user"]["isConfirmed"] is True
    assert result["errors"] == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_register_refuses_an_existing_email_with_code_unique(gql, confirmation_required, customer,
                                                            django_capture_on_commit_callbacks):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = _register(gql, email="CLAIRE.MARTIN@example.fr")
    # then
    assert result["requiresConfirmation"] is None
    assert result["user"] is None
    assert result["errors"] == [{"field": "email", "message": "Un compte existe déjà avec cette adresse e-mail.",
                                 "code": "UNIQUE"}]
    assert result["accountErrors"] == [{"field": "email", "code": "UNIQUE"}]
    assert User.objects.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize(("password", "code", "message"), [
    ("Ab1!", "PASSWORD_TOO_SHORT", "Ce mot de passe est trop court. Il doit contenir au minimum 8 caractères."),
    ("password", "PASSWORD_TOO_COMMON", "Ce mot de passe est trop courant."),
    ("5935917307", "PASSWORD_ENTIRELY_NUMERIC", "Ce mot de passe est entièrement numérique."),
    ("lea.dupont", "PASSWORD_TOO_SIMILAR", "Le mot de passe est trop semblable au champ «\xa0nom\xa0»."),
])
@pytest.mark.django_db
def test_register_validates_the_password_in_french(gql, confirmation_required, password, code, message):
    result = _register(gql, password=password)

    assert result["errors"] == [{"field": "password", "message": message, "code": code}]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_register_reports_every_password_rule_broken(gql, confirmation_required):
    result = _register(gql, password="1234")

    assert [e["code"] for e in result["errors"]] == ["PASSWORD_TOO_SHORT", "PASSWORD_TOO_COMMON",
                                                     "PASSWORD_ENTIRELY_NUMERIC"]
    assert {e["field"] for e in result["errors"]} == {"password"}


@pytest.mark.parametrize(("overrides", "field", "code", "message"), [
    ({"email": "pas-une-adresse"}, "email", "INVALID", "Saisissez une adresse e-mail valide."),
    ({"email": "  "}, "email", "REQUIRED", "Ce champ est obligatoire."),
    ({"redirectUrl": None}, "redirectUrl", "REQUIRED", "L'adresse de confirmation est obligatoire."),
    ({"redirectUrl": "javascript:alert(1)"}, "redirectUrl", "INVALID", "Saisissez une URL valide (http ou https)."),
    ({"redirectUrl": "https://hameconnage.example/confirmer"}, "redirectUrl", "INVALID",
     "hameconnage.example n'est pas une adresse de boutique autorisée."),
    ({"email": "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".fr"}, "email", "INVALID",
     "Cette adresse e-mail est trop longue."),
    ({"firstName": "L" * 257}, "firstName", "INVALID", "Ce champ est trop long."),
    ({"channel": "inconnu"}, "channel", "NOT_FOUND", "Le canal « inconnu » n'existe pas."),
    ({"metadata": [{"key": " ", "value": "x"}]}, "metadata", "REQUIRED",
     "Une clé de métadonnée ne peut pas être vide."),
])
@pytest.mark.django_db
def test_register_refuses_bad_input_and_writes_nothing(gql, confirmation_required, overrides, field, code, message,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = _register(gql, **overrides)

    assert result["errors"] == [{"field": field, "message": message, "code": code}]
    assert result["user"] is None
    assert User.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_register_refuses_an_inactive_channel(gql, confirmation_required):
    channel = factories.channel("ancien-canal")
    channel.is_active = False
    channel.save()

    result = _register(gql, channel="ancien-canal")

    assert result["errors"] == [{"field": "channel", "message": "Le canal « ancien-canal » n'est pas actif.",
                                 "code": "CHANNEL_INACTIVE"}]
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_register_accepts_a_known_channel_and_allowed_client_hosts(gql, confirmation_required, settings):
    factories.channel()
    settings.ALLOWED_CLIENT_HOSTS = ["boutique.comptoir-de-mormal.fr"]

    result = _register(gql, channel="comptoir-de-mormal",
                       redirectUrl="https://boutique.comptoir-de-mormal.fr/confirmer?ref=mail")

    assert result["errors"] == []
    assert result["requiresConfirmation"] is True


def _registered_token(gql, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        _register(gql)
    return _link_params(mail.outbox[-1])["token"]


@pytest.mark.django_db
def test_confirm_account_with_the_mailed_token(gql, confirmation_required, django_capture_on_commit_callbacks):
    # given
    token = _registered_token(gql, django_capture_on_commit_callbacks)
    # when
    result = gql(CONFIRM, {"email": "lea.dupont@example.fr", "token": token})["confirmAccount"]
    # then
    assert result == {"user": {"email": "lea.dupont@example.fr", "isActive": True, "isConfirmed": True},
                      "errors": []}
    signed_in = gql('mutation { tokenCreate(email: "lea.dupont@example.fr", password: "Maroilles-2026!") '
                    '{ errors { code } } }')
    assert signed_in == {"tokenCreate": {"errors": []}}


@pytest.mark.django_db
def test_confirm_account_token_works_once(gql, confirmation_required, django_capture_on_commit_callbacks):
    token = _registered_token(gql, django_capture_on_commit_callbacks)
    gql(CONFIRM, {"email": "lea.dupont@example.fr", "token": token})

    again = gql(CONFIRM, {"email": "lea.dupont@example.fr", "token": token})["confirmAccount"]

    assert again == {"user": None, "errors": [{"field": "token", "code": "INVALID",
                                               "message": "Le lien de confirmation est invalide ou a expiré."}]}


@pytest.mark.django_db
def test_confirm_account_refuses_a_wrong_token_and_changes_nothing(gql, confirmation_required,
                                                                   django_capture_on_commit_callbacks):
    _registered_token(gql, django_capture_on_commit_callbacks)

    result = gql(CONFIRM, {"email": "lea.dupont@example.fr", "token": "abc-123"})["confirmAccount"]

    assert result["errors"] == [{"field": "token", "code": "INVALID",
                                 "message": "Le lien de confirmation est invalide ou a expiré."}]
    assert User.objects.get(email="lea.dupont@example.fr").is_confirmed is False


@pytest.mark.django_db
def test_confirm_account_refuses_another_accounts_token(gql, confirmation_required, customer,
                                                        django_capture_on_commit_callbacks):
    token = _registered_token(gql, django_capture_on_commit_callbacks)
    customer.is_confirmed = False
    customer.save()

    result = gql(CONFIRM, {"email": customer.email, "token": token})["confirmAccount"]

    assert result["errors"][0]["code"] == "INVALID"
    customer.refresh_from_db()
    assert customer.is_confirmed is False


@pytest.mark.django_db
def test_confirm_account_of_an_unknown_email(gql):
    result = gql(CONFIRM, {"email": "personne@example.fr", "token": "abc"})["confirmAccount"]

    assert result == {"user": None, "errors": [{"field": "email", "code": "NOT_FOUND",
                                                "message": "Aucun compte n'existe avec cette adresse e-mail."}]}


@pytest.mark.django_db
def test_confirm_account_checks_the_password_when_given(gql, confirmation_required,
                                                        django_capture_on_commit_callbacks):
    token = _registered_token(gql, django_capture_on_commit_callbacks)

    wrong = gql(CONFIRM, {"email": "lea.dupont@example.fr", "token": token, "password": "autre"})["confirmAccount"]
    right = gql(CONFIRM, {"email": "lea.dupont@example.fr", "token": token, "password": PASSWORD})["confirmAccount"]

    assert wrong["errors"] == [{"field": "password", "code": "INVALID_PASSWORD",
                                "message": "Le mot de passe est incorrect."}]
    assert right["errors"] == []
    assert right["user"]["isConfirmed"] is True


@pytest.mark.django_db
def test_confirmation_task_is_idempotent(confirmation_required):
    # given
    from backend.commerce.account.tasks import send_account_confirmation_email

    user = factories.user("paul@example.fr", is_confirmed=False)
    # when: the same request delivered twice, then a new request
    first = send_account_confirmation_email(user.pk, STOREFRONT_URL, "req-1")
    second = send_account_confirmation_email(user.pk, STOREFRONT_URL, "req-1")
    third = send_account_confirmation_email(user.pk, STOREFRONT_URL, "req-2")
    # then
    assert (first, second, third) == (True, False, True)
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_confirmation_task_skips_confirmed_and_deleted_users(confirmation_required):
    from backend.commerce.account.tasks import send_account_confirmation_email

    confirmed = factories.user("deja@example.fr", is_confirmed=True)

    assert send_account_confirmation_email(confirmed.pk, STOREFRONT_URL, "req-1") is False
    assert send_account_confirmation_email(999_999, STOREFRONT_URL, "req-1") is False
    assert mail.outbox == []


@pytest.mark.parametrize(("allowed", "url", "accepted"), [
    (["*"], "https://nimporte.example/confirmer", True),
    ([".comptoir-de-mormal.fr"], "https://boutique.comptoir-de-mormal.fr/c", True),
    ([".comptoir-de-mormal.fr"], "https://comptoir-de-mormal.fr.evil.example/c", False),
    (["boutique.comptoir-de-mormal.fr"], "https://autre.comptoir-de-mormal.fr/c", False),
])
def test_redirect_urls_follow_the_allowed_client_host_patterns(settings, allowed, url, accepted):
    from django.core.exceptions import ValidationError

    from backend.commerce.account.services import validate_redirect_url

    settings.ALLOWED_CLIENT_HOSTS = allowed
    if accepted:
        assert validate_redirect_url(url) == url
    else:
        with pytest.raises(ValidationError):
            validate_redirect_url(url)


@pytest.mark.django_db
def test_confirmation_task_retries_when_the_mail_server_fails(confirmation_required, monkeypatch):
    # given: the mail server refuses the first attempt
    import smtplib

    from backend.commerce.account import emails
    from backend.commerce.account.tasks import send_account_confirmation_email

    user = factories.user("paul@example.fr", is_confirmed=False)
    real_send, attempts = emails.send_account_confirmation, []

    def flaky_send(user, redirect_url):
        attempts.append(redirect_url)
        if len(attempts) == 1:
            raise smtplib.SMTPServerDisconnected("connexion perdue")
        return real_send(user, redirect_url)

    monkeypatch.setattr(emails, "send_account_confirmation", flaky_send)
    # when: run as celery runs it in-process (eager), retries included
    result = send_account_confirmation_email.apply(args=(user.pk, STOREFRONT_URL, "req-1"))
    # then
    assert result.successful()
    assert len(attempts) == 2
    assert len(mail.outbox) == 1
    user.refresh_from_db()
    assert user.private_metadata["account.mails_sent"] == ["req-1"]
