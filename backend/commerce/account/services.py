"""Writes of the account domain: registration, confirmation, sign-in with JWTs, token refresh and revocation.

Every refusal is a django ValidationError keyed by the input field, with an AccountErrorCode as its code and a French
message: the API turns it into `errors{field message code}` as Saleor does.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http.request import validate_host
from django.utils import timezone

from backend.commerce.account import refresh_families, tokens
from backend.commerce.account.addresses import camel_case
from backend.commerce.account.error_codes import PASSWORD_VALIDATOR_CODES, AccountErrorCode
from backend.commerce.account.models import Address, User
from backend.commerce.account.selectors import user_by_email, user_permission_codes
from backend.core.events import enqueue

CODE = AccountErrorCode
logger = logging.getLogger(__name__)


def _error(field: str | None, message: str, code: AccountErrorCode) -> ValidationError:
    error = ValidationError(message, code=code.value)
    return ValidationError({field: error}) if field else error


def _site():
    from backend.commerce.site.models import SiteSettings

    return SiteSettings.load()


# --- Input rules shared by several mutations ----------------------------------------------------------------------


def normalize_email(email: str, *, field: str = "email") -> str:
    value = (email or "").strip().lower()
    if not value:
        raise _error(field, "Ce champ est obligatoire.", CODE.REQUIRED)
    try:
        validate_email(value)
    except ValidationError as exc:
        raise _error(field, "Saisissez une adresse e-mail valide.", CODE.INVALID) from exc
    if len(value) > User._meta.get_field("email").max_length:
        raise _error(field, "Cette adresse e-mail est trop longue.", CODE.INVALID)
    return value


def _check_name_lengths(**names: str) -> None:
    for field, value in names.items():
        if len(value) > User._meta.get_field(field).max_length:
            raise _error(camel_case(field), "Ce champ est trop long.", CODE.INVALID)


def validate_new_password(password: str, *, user: User, field: str = "password") -> None:
    """Django's validators (settings.AUTH_PASSWORD_VALIDATORS), reported with Saleor's PASSWORD_* codes."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        errors = []
        for err in exc.error_list:
            message = err.message % err.params if err.params else err.message
            code = PASSWORD_VALIDATOR_CODES.get(err.code, CODE.INVALID_PASSWORD)
            errors.append(ValidationError(str(message), code=code.value))
        raise ValidationError({field: errors}) from exc


def validate_redirect_url(url: str, *, field: str = "redirectUrl") -> str:
    """Links in our mails only point to storefronts we know (ALLOWED_CLIENT_HOSTS), never to any site."""
    parts = urlsplit(url or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise _error(field, "Saisissez une URL valide (http ou https).", CODE.INVALID)
    if not validate_host(parts.hostname.lower(), allowed_client_hosts()):
        raise _error(field, f"{parts.hostname} n'est pas une adresse de boutique autorisée.", CODE.INVALID)
    return url


def allowed_client_hosts() -> list[str]:
    """Django host patterns ("*", ".example.fr" for subdomains). Unset: the hosts this deployment answers on, and
    the public URL's (the storefront is served here too)."""
    configured = list(getattr(settings, "ALLOWED_CLIENT_HOSTS", None) or [])
    if configured:
        return configured
    public_host = urlsplit(settings.PUBLIC_URL).hostname
    return [*settings.ALLOWED_HOSTS, *([public_host] if public_host else [])]


def metadata_from_items(items, *, field: str = "metadata") -> dict:
    data = {}
    for item in items or []:
        key = (item.get("key") or "").strip()
        if not key:
            raise _error(field, "Une clé de métadonnée ne peut pas être vide.", CODE.REQUIRED)
        data[key] = item.get("value") or ""
    return data


def _validate_channel(slug: str | None, *, field: str = "channel") -> None:
    if not slug:
        return
    from backend.commerce.channel.models import Channel

    channel = Channel.objects.filter(slug=slug).only("is_active").first()
    if channel is None:
        raise _error(field, f"Le canal « {slug} » n'existe pas.", CODE.NOT_FOUND)
    if not channel.is_active:
        raise _error(field, f"Le canal « {slug} » n'est pas actif.", CODE.CHANNEL_INACTIVE)


# --- Registration and confirmation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    user: User
    requires_confirmation: bool


def user_register(*, email: str, password: str, first_name: str = "", last_name: str = "",
                  language_code: str = "fr", redirect_url: str | None = None, channel_slug: str | None = None,
                  metadata: dict | None = None) -> Registration:
    """Create a customer account; when the shop asks for it, the confirmation mail is sent after commit."""
    email = normalize_email(email)
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    _check_name_lengths(first_name=first_name, last_name=last_name)
    requires_confirmation = _site().enable_account_confirmation_by_email
    user = User(email=email, first_name=first_name, last_name=last_name,
                language_code=language_code or "fr", metadata=metadata or {},
                is_confirmed=not requires_confirmation)
    if User.objects.filter(email__iexact=email).exists():
        raise _error("email", "Un compte existe déjà avec cette adresse e-mail.", CODE.UNIQUE)
    validate_new_password(password or "", user=user)
    if requires_confirmation:
        if not redirect_url:
            raise _error("redirectUrl", "L'adresse de confirmation est obligatoire.", CODE.REQUIRED)
        validate_redirect_url(redirect_url)
    _validate_channel(channel_slug)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent registration with the same e-mail won the race
        raise _error("email", "Un compte existe déjà avec cette adresse e-mail.", CODE.UNIQUE) from exc
    if requires_confirmation:
        from backend.commerce.account.tasks import send_account_confirmation_email

        enqueue(send_account_confirmation_email, user.pk, redirect_url, uuid.uuid4().hex)
    return Registration(user=user, requires_confirmation=requires_confirmation)


@transaction.atomic
def user_confirm(*, email: str, token: str, password: str | None = None) -> User:
    """Confirm the account of the mailed link. A password, when given, must be the account's own (Saleor's
    REQUIRED_PASSWORD mode); an account created without one (at checkout) gets it here."""
    user = user_by_email((email or "").strip(), for_update=True)
    if user is None:
        raise _error("email", "Aucun compte n'existe avec cette adresse e-mail.", CODE.NOT_FOUND)
    if not tokens.account_confirmation_token.check_token(user, token or ""):
        raise _error("token", "Le lien de confirmation est invalide ou a expiré.", CODE.INVALID)
    fields = ["is_confirmed", "is_active", "updated_at"]
    if password is not None:
        if user.has_usable_password():
            if not user.check_password(password):
                raise _error("password", "Le mot de passe est incorrect.", CODE.INVALID_PASSWORD)
        else:
            validate_new_password(password, user=user)
            user.set_password(password)
            fields.append("password")
    user.is_confirmed = True
    user.is_active = True
    user.save(update_fields=fields)
    return user


# --- Sign-in with JWTs --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedTokens:
    user: User
    access_token: str
    refresh_token: str
    csrf_token: str


def _credentials_error() -> ValidationError:
    return _error("email", "Veuillez saisir des identifiants valides.", CODE.INVALID_CREDENTIALS)


LOGIN_FAILURES_ALLOWED = 5  # wrong passwords for one e-mail from one address before a pause
LOGIN_PAUSE_SECONDS = 15 * 60


def _login_failures_key(email: str, client_ip: str | None) -> str:
    digest = hashlib.sha256(f"{client_ip or '-'}|{email}".encode()).hexdigest()
    return f"account:login-failures:{digest}"


def token_create(*, email: str, password: str, audience: str | None = None,
                 client_ip: str | None = None) -> IssuedTokens:
    """Sign in. After LOGIN_FAILURES_ALLOWED wrong passwords for one e-mail from one address, attempts pause (Saleor's
    LOGIN_ATTEMPT_DELAYED): guessing a password takes ages while the owner, elsewhere, can still sign in."""
    email = (email or "").strip().lower()
    failures_key = _login_failures_key(email, client_ip)
    if _login_failures(failures_key) >= LOGIN_FAILURES_ALLOWED:
        raise _error("email", f"Trop de tentatives de connexion : réessayez dans {LOGIN_PAUSE_SECONDS // 60} minutes.",
                     CODE.LOGIN_ATTEMPT_DELAYED)
    user = user_by_email(email)
    if user is None:
        User().set_password(password or "")  # same work as a real check, so timing does not reveal accounts
    if user is None or not user.check_password(password or ""):
        _count_login_failure(failures_key)
        raise _credentials_error()
    site = _site()
    if not user.is_confirmed and site.enable_account_confirmation_by_email \
            and not site.allow_login_without_confirmation:
        raise _error("email", "Le compte doit d'abord être confirmé par e-mail.", CODE.ACCOUNT_NOT_CONFIRMED)
    if not user.is_active:
        raise _error("email", "Ce compte est désactivé.", CODE.INACTIVE)
    _count_login_failure(failures_key, reset=True)
    return _issue_tokens(user, audience=audience)


# A cache that is down must not lock everybody out: the pause is a protection, not a condition of signing in.
# (tokenCreate runs outside a transaction, so a failing cache query cannot spoil one.)
def _login_failures(key: str) -> int:
    try:
        return int(cache.get(key, 0))
    except Exception:
        logger.warning("login failure count unavailable (cache error)", exc_info=True)
        return 0


def _count_login_failure(key: str, *, reset: bool = False) -> None:
    try:
        if reset:
            cache.delete(key)
        else:
            cache.add(key, 0, LOGIN_PAUSE_SECONDS)
            cache.incr(key)
    except Exception:
        logger.warning("login failure not counted (cache error)", exc_info=True)


def _issue_tokens(user: User, *, audience: str | None = None) -> IssuedTokens:
    csrf_token = tokens.new_csrf_token()
    permissions = user_permission_codes(user) if user.is_staff else None
    issued = IssuedTokens(
        user=user,
        access_token=tokens.create_access_token(user, permissions=permissions, audience=audience),
        refresh_token=tokens.create_refresh_token(user, csrf_token=csrf_token, audience=audience),
        csrf_token=csrf_token,
    )
    user.last_login = timezone.now()
    user.save(update_fields=["last_login", "updated_at"])
    return issued


def _token_error(field: str, error: tokens.TokenError) -> ValidationError:
    return _error(field, error.message, error.code)


@dataclass(frozen=True)
class RefreshedTokens:
    user: User
    access_token: str
    refresh_token: str | None  # the next refresh token of the sign-in, when the caller asked to rotate


def token_refresh(*, refresh_token: str | None, csrf_token: str | None = None,
                  cookie_token: str | None = None) -> tuple[str, User]:
    """A new access token from a refresh token, for callers that cannot hand a new refresh token on."""
    refreshed = token_rotate(refresh_token=refresh_token, csrf_token=csrf_token, cookie_token=cookie_token,
                             rotate=False)
    return refreshed.access_token, refreshed.user


def token_rotate(*, refresh_token: str | None, csrf_token: str | None = None, cookie_token: str | None = None,
                 rotate: bool) -> RefreshedTokens:
    """A new access token from a refresh token, and with `rotate` the next refresh token of the sign-in (the one
    sent is spent; see refresh_families for the rules and the reuse detection). One read from the cookie must come
    with its CSRF token. Not to be run in a transaction that a refusal rolls back: a reuse revokes the family."""
    from_cookie = not refresh_token
    token = refresh_token or cookie_token
    if not token:
        raise _error("refreshToken", "Le jeton de rafraîchissement est absent.", CODE.JWT_MISSING_TOKEN)
    try:
        payload = tokens.decode_token(token)
        user = tokens.user_from_payload(payload, expected_type=tokens.REFRESH)
    except tokens.TokenError as exc:
        raise _token_error("refreshToken", exc) from exc
    if from_cookie:
        if not csrf_token:
            raise _error("csrfToken", "Le jeton CSRF est absent.", CODE.JWT_MISSING_TOKEN)
        if csrf_token != payload.get("csrfToken"):
            raise _error("csrfToken", "Le jeton CSRF est invalide.", CODE.JWT_INVALID_CSRF_TOKEN)
    try:
        use = refresh_families.family_use(family_id=payload.get("family"), jti=payload.get("jti"), user_id=user.pk,
                                          rotate=rotate)
    except refresh_families.FamilyRefused as exc:
        raise _error("refreshToken", exc.message, exc.code) from exc
    permissions = user_permission_codes(user) if user.is_staff else None
    audience = (payload.get("aud") or "").removeprefix("custom:") or None
    next_refresh = None
    if use.jti is not None:
        next_refresh = tokens.encode_refresh_token(user, csrf_token=payload.get("csrfToken") or "", audience=audience,
                                                   family_id=payload["family"], jti=use.jti,
                                                   expires_at=use.expires_at)
    return RefreshedTokens(user=user, access_token=tokens.create_access_token(user, permissions=permissions,
                                                                              audience=audience),
                           refresh_token=next_refresh)


def token_verify(*, token: str) -> tuple[User, dict]:
    try:
        payload = tokens.decode_token(token)
        user = tokens.user_from_payload(payload, expected_type=payload.get("type"))
    except tokens.TokenError as exc:
        raise _token_error("token", exc) from exc
    if payload.get("type") not in {tokens.ACCESS, tokens.REFRESH}:
        raise _error("token", "Le jeton est invalide.", CODE.JWT_INVALID_TOKEN)
    if payload["type"] == tokens.REFRESH and not refresh_families.family_accepts(
            family_id=payload.get("family"), jti=payload.get("jti"), user_id=user.pk):
        raise _error("token", "Le jeton est invalide.", CODE.JWT_INVALID_TOKEN)  # spent, or its sign-in revoked
    return user, payload


def user_revoke_tokens(*, user: User) -> None:
    """Every token issued to this user so far stops working (logout everywhere, password change, deactivation)."""
    user.jwt_token_key = str(uuid.uuid4())
    user.save(update_fields=["jwt_token_key", "updated_at"])



# --- Passwords ----------------------------------------------------------------------------------------------------

PASSWORD_RESET_LOCK_SECONDS = 15 * 60  # one mail per quarter of an hour, as Saleor's RESET_PASSWORD_LOCK_TIME


@transaction.atomic
def password_reset_request(*, email: str, redirect_url: str, channel_slug: str | None = None) -> None:
    """Mail a reset link after commit. Unknown, inactive or recently mailed accounts get the same silent answer, so
    the form reveals nothing about who has an account and cannot be used to flood a mailbox."""
    email = normalize_email(email)
    validate_redirect_url(redirect_url)
    _validate_channel(channel_slug)
    user = user_by_email(email, for_update=True)
    if user is None or not user.is_active:
        return
    now = timezone.now()
    last = user.last_password_reset_request
    if last is not None and (now - last).total_seconds() < PASSWORD_RESET_LOCK_SECONDS:
        return
    user.last_password_reset_request = now
    user.save(update_fields=["last_password_reset_request", "updated_at"])
    from backend.commerce.account.tasks import send_password_reset_email

    enqueue(send_password_reset_email, user.pk, redirect_url, uuid.uuid4().hex)


@transaction.atomic
def password_set(*, email: str, token: str, password: str) -> IssuedTokens:
    """Set the password from a mailed reset link, then sign in. The link proves the e-mail, so it also confirms."""
    user = user_by_email((email or "").strip(), for_update=True)
    if user is None:
        raise _error("email", "Aucun compte n'existe avec cette adresse e-mail.", CODE.NOT_FOUND)
    if not tokens.password_reset_token.check_token(user, token or ""):
        raise _error("token", "Le lien de réinitialisation est invalide ou a expiré.", CODE.INVALID)
    if not user.is_active:
        raise _error("email", "Ce compte est désactivé.", CODE.INACTIVE)
    validate_new_password(password or "", user=user)
    user.set_password(password)
    user.is_confirmed = True
    user.jwt_token_key = str(uuid.uuid4())
    user.save(update_fields=["password", "is_confirmed", "jwt_token_key", "updated_at"])
    return _issue_tokens(user)


def password_change(*, user: User, new_password: str, old_password: str | None) -> User:
    """Change the password of the signed-in user; every token issued before stops working."""
    if user.has_usable_password() and not user.check_password(old_password or ""):
        raise _error("oldPassword", "L'ancien mot de passe est incorrect.", CODE.INVALID_PASSWORD)
    validate_new_password(new_password or "", user=user, field="newPassword")
    user.set_password(new_password)
    user.jwt_token_key = str(uuid.uuid4())
    user.save(update_fields=["password", "jwt_token_key", "updated_at"])
    return user


# --- Profile ------------------------------------------------------------------------------------------------------


@transaction.atomic
def account_update(*, user: User, first_name: str | None = None, last_name: str | None = None,
                   language_code: str | None = None, metadata: dict | None = None,
                   default_billing_address: dict | None = None, default_shipping_address: dict | None = None) -> User:
    """Update the profile; only what is sent changes. Addresses are checked before anything is written."""
    from backend.commerce.account import addresses

    for data, address_type in ((default_billing_address, addresses.BILLING),
                               (default_shipping_address, addresses.SHIPPING)):
        if data is not None:
            addresses.clean_address(data, address_type=address_type)
    fields = ["updated_at"]
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None:
            value = value.strip()
            _check_name_lengths(**{name: value})
            setattr(user, name, value)
            fields.append(name)
    if language_code:
        user.language_code = language_code
        fields.append("language_code")
    if metadata:
        user.metadata = {**user.metadata, **metadata}
        fields.append("metadata")
    user.save(update_fields=fields)
    if default_billing_address is not None:
        addresses.default_address_save(user=user, data=default_billing_address, address_type=addresses.BILLING)
    if default_shipping_address is not None:
        addresses.default_address_save(user=user, data=default_shipping_address, address_type=addresses.SHIPPING)
    return user


# --- Deletion -----------------------------------------------------------------------------------------------------


def account_deletion_request(*, user: User, redirect_url: str, channel_slug: str | None = None) -> None:
    """Mail the signed-in user a link that confirms the deletion (sent after commit)."""
    validate_redirect_url(redirect_url)
    _validate_channel(channel_slug)
    from backend.commerce.account.tasks import send_account_deletion_email

    enqueue(send_account_deletion_email, user.pk, redirect_url, uuid.uuid4().hex)


@transaction.atomic
def account_delete(*, user: User, token: str) -> int:
    """Delete the signed-in user's account and address book; returns the former id. Orders keep their own copies of
    addresses and lose only the link to the account (SET_NULL)."""
    if not tokens.account_deletion_token.check_token(user, token or ""):
        raise _error("token", "Le lien de suppression est invalide ou a expiré.", CODE.INVALID)
    if user.is_staff or user.is_superuser:
        raise _error(None, "Un compte de l'équipe se supprime depuis l'administration.", CODE.DELETE_STAFF_ACCOUNT)
    former_id = user.pk
    address_ids = list(user.addresses.values_list("pk", flat=True))
    try:
        with transaction.atomic():
            user.delete()
            Address.objects.filter(pk__in=address_ids).delete()
    except (ProtectedError, RestrictedError) as exc:
        raise _error(None, "Ce compte est encore lié à des données qui empêchent sa suppression ; contactez-nous.",
                     CODE.INVALID) from exc
    user.pk = former_id  # the API answers with the former id, as Saleor does
    return former_id
