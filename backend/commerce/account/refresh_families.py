"""Refresh token rotation and reuse detection, by families: one family per sign-in.

Each refresh token names its family and carries a `jti`; the family's row remembers which jti is current.

- Saleor clients (@saleor/auth-sdk) keep the refresh token of tokenCreate and send it again and again: a family starts
  that way (generation 0) and its token keeps working, as on Saleor, until it expires or is revoked.
- A client shows it can take a new refresh token by asking for `refreshToken` in tokenRefresh's answer, or by sending
  the token in the `refreshToken` cookie (the new one then comes back in the cookie). The token is rotated, and from
  then on every refresh token of the family works once, whether or not the answer carries the next one.
- Presenting a token that was already rotated means two parties hold the sign-in (a stolen token): the whole family
  is revoked and its holder must sign in again. The one exception: the token rotated less than REUSE_GRACE_SECONDS
  ago, which two tabs or two requests refreshing at the same moment both send; they get the current token.
- A rotated token expires when the sign-in's first one did: rotation never lengthens a session (30 days by default).

Logout everywhere, a password change and deactivation rotate `User.jwt_token_key`, which every token carries: they
end all families at once, without touching these rows.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from backend.commerce.account.error_codes import AccountErrorCode
from backend.commerce.account.models import RefreshTokenFamily, User

REUSE_GRACE_SECONDS = 10
logger = logging.getLogger(__name__)


class FamilyRefused(Exception):
    """The token's family does not accept it (unknown, revoked, or a reused token: then the family is revoked)."""

    def __init__(self, message: str, code: AccountErrorCode = AccountErrorCode.JWT_INVALID_TOKEN):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class FamilyUse:
    jti: str | None  # the jti of the refresh token to hand back; None when the caller gets no refresh token
    expires_at: datetime


def new_jti() -> str:
    return uuid.uuid4().hex


def family_start(*, user: User, ttl_seconds: int) -> RefreshTokenFamily:
    now = timezone.now()
    RefreshTokenFamily.objects.filter(user=user, expires_at__lt=now).delete()  # keeps the table small
    return RefreshTokenFamily.objects.create(user=user, current_jti=new_jti(),
                                             expires_at=now + timedelta(seconds=ttl_seconds))


def _as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _within_grace(family: RefreshTokenFamily, now: datetime) -> bool:
    return family.rotated_at is not None and now - family.rotated_at <= timedelta(seconds=REUSE_GRACE_SECONDS)


def family_use(*, family_id, jti, user_id: int, rotate: bool) -> FamilyUse:
    """Account for one use of a refresh token; `rotate` when the caller can hand a new refresh token to the client.

    A reused token revokes its family and raises FamilyRefused once the revocation is committed: the caller must not
    run this inside a transaction that its refusal rolls back (tokenRefresh is not atomic)."""
    refused = FamilyRefused("Le jeton est invalide.")
    family_pk = _as_uuid(family_id)
    if family_pk is None or not jti:
        raise refused
    now = timezone.now()
    with transaction.atomic():
        family = (RefreshTokenFamily.objects.select_for_update()
                  .filter(pk=family_pk, user_id=user_id, revoked_at__isnull=True).first())
        if family is None:
            raise refused
        if jti == family.current_jti:
            if not rotate and family.generation == 0:
                return FamilyUse(None, family.expires_at)  # a Saleor client that keeps its token
            family.previous_jti, family.current_jti = family.current_jti, new_jti()
            family.generation += 1
            family.rotated_at = now
            family.save(update_fields=["previous_jti", "current_jti", "generation", "rotated_at"])
            return FamilyUse(family.current_jti if rotate else None, family.expires_at)
        if jti == family.previous_jti and _within_grace(family, now):
            return FamilyUse(family.current_jti if rotate else None, family.expires_at)
        family.revoked_at = now
        family.save(update_fields=["revoked_at"])
    logger.warning("refresh token reused: family %s of user %s revoked", family.pk, user_id)
    raise FamilyRefused("Ce jeton de rafraîchissement a déjà servi : par sécurité, la session est fermée. "
                        "Reconnectez-vous.")


def family_accepts(*, family_id, jti, user_id: int) -> bool:
    """Whether the token would be accepted now (tokenVerify), without using it."""
    family_pk = _as_uuid(family_id)
    if family_pk is None or not jti:
        return False
    family = RefreshTokenFamily.objects.filter(pk=family_pk, user_id=user_id, revoked_at__isnull=True).first()
    if family is None:
        return False
    return jti == family.current_jti or (jti == family.previous_jti and _within_grace(family, timezone.now()))
