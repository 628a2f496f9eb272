"""Sign in, sign up, confirm the e-mail, reset the password, and the account page."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from storefront import auth, client
from storefront.forms import ConfirmForm, EmailForm, RegisterForm, SetPasswordForm, SignInForm, add_api_errors
from storefront.views.common import THROTTLED, api, channel_slug, page

# French messages for the codes the API returns (its own messages may be in English, as Saleor's are).
ACCOUNT_MESSAGES = {
    "INVALID_CREDENTIALS": "Adresse e-mail ou mot de passe incorrect.",
    "ACCOUNT_NOT_CONFIRMED": "Votre adresse e-mail n'est pas encore confirmée : ouvrez le lien reçu par e-mail.",
    "INACTIVE": "Ce compte est désactivé.",
    "UNIQUE": "Un compte existe déjà avec cette adresse e-mail.",
    "PASSWORD_TOO_SHORT": "Le mot de passe est trop court.",
    "PASSWORD_TOO_COMMON": "Ce mot de passe est trop courant.",
    "PASSWORD_ENTIRELY_NUMERIC": "Le mot de passe ne peut pas être composé uniquement de chiffres.",
    "PASSWORD_TOO_SIMILAR": "Le mot de passe ressemble trop à vos informations personnelles.",
    "INVALID": "Saisie invalide.",
    "NOT_FOUND": "Aucun compte ne correspond.",
}


def _api_or_throttled(request, form, operation: str, variables: dict) -> dict | None:
    """The operation's answer; None when the API refused it for too many attempts from this connection or for this
    e-mail: the form then shows the API's French message, which says how long to wait."""
    try:
        return api(request, operation, variables)
    except client.GraphQLErrors as refusal:
        if refusal.rate_limited is None:
            raise
        form.add_error(None, refusal.rate_limited.get("message") or THROTTLED)
        return None


def _french(errors: list[dict]) -> list[dict]:
    return [{**e, "message": ACCOUNT_MESSAGES.get(e.get("code"), e.get("message"))} for e in errors]


def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # (too many attempts come back as tokenCreate's typed error LOGIN_ATTEMPT_DELAYED, in French)
        result = api(request, "SignIn", {"email": form.cleaned_data["email"],
                                         "password": form.cleaned_data["password"]})["tokenCreate"]
        if result["errors"]:
            add_api_errors(form, _french(result["errors"]), {"email": "email", "password": "password"})
        else:
            auth.sign_in(request, result["token"], result.get("refreshToken"))
            messages.success(request, "Vous êtes connecté.")
            return redirect(_safe_next(request.GET.get("suivant")))
    return page(request, "storefront/account/sign_in.html", {"form": form})


@require_POST
def sign_out(request):
    auth.sign_out(request)
    messages.success(request, "Vous êtes déconnecté.")
    return redirect("/")


def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = _api_or_throttled(request, form, "Register", {"input": {
            "email": data["email"], "password": data["password"], "firstName": data["first_name"],
            "lastName": data["last_name"], "channel": channel_slug(), "languageCode": "FR",
            "redirectUrl": request.build_absolute_uri(reverse("storefront:account-confirm")),
        }})
        if answer is None:
            return page(request, "storefront/account/register.html", {"form": form}, status=429)
        result = answer["accountRegister"]
        if result["errors"]:
            add_api_errors(form, _french(result["errors"]), {"firstName": "first_name", "lastName": "last_name"})
        else:
            if result.get("requiresConfirmation"):
                messages.success(request, "Compte créé. Un e-mail de confirmation vient de vous être envoyé.")
            else:
                messages.success(request, "Compte créé. Vous pouvez vous connecter.")
            return redirect("storefront:sign-in")
    return page(request, "storefront/account/register.html", {"form": form})


def confirm(request):
    """The link of the confirmation mail lands here (GET shows a button; the confirmation itself is a POST)."""
    form = ConfirmForm(request.POST or {"email": request.GET.get("email", ""), "token": request.GET.get("token", "")})
    if request.method == "POST" and form.is_valid():
        result = api(request, "ConfirmAccount", form.cleaned_data)["confirmAccount"]
        if not result["errors"]:
            messages.success(request, "Votre adresse e-mail est confirmée. Vous pouvez vous connecter.")
            return redirect("storefront:sign-in")
        add_api_errors(form, _french(result["errors"]))
    return page(request, "storefront/account/confirm.html", {"form": form, "valid_link": form.is_valid()})


def password_forgotten(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = _api_or_throttled(request, form, "RequestPasswordReset", {
            "email": form.cleaned_data["email"], "channel": channel_slug(),
            "redirectUrl": request.build_absolute_uri(reverse("storefront:password-reset")),
        })
        if answer is None:
            return page(request, "storefront/account/password_forgotten.html", {"form": form}, status=429)
        # Same answer whether the account exists or not: the page must not reveal who has an account.
        messages.success(request, "Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.")
        return redirect("storefront:sign-in")
    return page(request, "storefront/account/password_forgotten.html", {"form": form})


def password_reset(request):
    initial = {"email": request.GET.get("email", ""), "token": request.GET.get("token", "")}
    form = SetPasswordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = api(request, "SetPassword", form.cleaned_data)["setPassword"]
        if not result["errors"]:
            auth.sign_in(request, result["token"], result.get("refreshToken"))
            messages.success(request, "Votre mot de passe est changé. Vous êtes connecté.")
            return redirect("storefront:account")
        add_api_errors(form, _french(result["errors"]))
    return page(request, "storefront/account/password_reset.html", {"form": form})


def account(request):
    if not auth.current_token(request):
        return redirect(f"{reverse('storefront:sign-in')}?suivant={reverse('storefront:account')}")
    me = api(request, "CurrentUser").get("me")
    if not me:
        auth.sign_out(request)
        return redirect("storefront:sign-in")
    return page(request, "storefront/account/account.html", {"me": me})


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect a visitor to another site after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return reverse("storefront:account")
