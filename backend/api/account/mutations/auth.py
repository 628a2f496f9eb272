"""Sign-in mutations with Saleor's signatures: tokenCreate, tokenRefresh, tokenVerify, tokensDeactivateAll."""

import graphene
from django.core.exceptions import ValidationError
from graphene.types.generic import GenericScalar

from backend.api.account.mutations.base import AccountMutation
from backend.api.account.types import User
from backend.api.core import ratelimit
from backend.commerce.account import services
from backend.commerce.account.error_codes import AccountErrorCode

REFRESH_TOKEN_COOKIE = "refreshToken"  # Saleor's cookie name


class CreateToken(AccountMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, required to re-generate access token.")
    csrf_token = graphene.String(description="CSRF token required to re-generate access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        audience = graphene.String(description="The audience that will be included to JWT tokens with prefix "
                                               "`custom:`.")
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")

    class Meta:
        description = "Create JWT token."
        auth = "public"
        atomic = False  # a failed attempt must stay counted (the login pause), not roll back with the refusal

    @classmethod
    def perform_mutation(cls, _root, info, email, password, audience=None):
        refusal = ratelimit.login_refusal(info.context)
        if refusal is not None:
            minutes = max(1, -(-refusal.retry_after // 60))
            raise ValidationError(
                f"Trop de tentatives de connexion depuis votre adresse : réessayez dans {minutes} "
                f"minute{'s' if minutes > 1 else ''}.", code=AccountErrorCode.LOGIN_ATTEMPT_DELAYED.value)
        try:
            issued = services.token_create(email=email, password=password, audience=audience,
                                           client_ip=ratelimit.client_ip(info.context))
        except ValidationError as error:
            errors = error.error_list if hasattr(error, "error_list") else sum(error.error_dict.values(), [])
            if any(e.code == AccountErrorCode.INVALID_CREDENTIALS for e in errors):
                ratelimit.login_failed(info.context, email)
            raise
        return cls(token=issued.access_token, refresh_token=issued.refresh_token, csrf_token=issued.csrf_token,
                   user=issued.user)


class RefreshToken(AccountMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(
        description="The next refresh token of this sign-in (Comptoir extension). Asking for this field rotates the "
                    "refresh token: the one sent is spent, and from then on each refresh token of the sign-in works "
                    "once; sending a spent one again closes the sign-in. A token read from the `refreshToken` cookie "
                    "is always rotated, and the next one set in the cookie.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        refresh_token = graphene.String(description="Refresh token.")
        csrf_token = graphene.String(description="CSRF token required to refresh token. This argument is required "
                                                 "when refreshToken is provided as a cookie.")

    class Meta:
        description = "Refresh JWT token. Mutation tries to take refreshToken from the input. If it fails it will try "\
                      "to take `refreshToken` from the http-only cookie `refreshToken`. `csrfToken` is required "\
                      "when `refreshToken` is provided as a cookie."
        auth = "public"
        atomic = False  # a reused refresh token revokes its sign-in: the refusal must not roll the revocation back

    @classmethod
    def perform_mutation(cls, _root, info, refresh_token=None, csrf_token=None):
        cookies = getattr(info.context, "COOKIES", {}) or {}
        cookie_token = cookies.get(REFRESH_TOKEN_COOKIE)
        from_cookie = not refresh_token and bool(cookie_token)
        refreshed = services.token_rotate(refresh_token=refresh_token, csrf_token=csrf_token,
                                          cookie_token=cookie_token,
                                          rotate=from_cookie or selects_field(info, "refreshToken"))
        if from_cookie and refreshed.refresh_token:
            info.context.refresh_token_cookie = refreshed.refresh_token  # set on the response by the GraphQL view
        return cls(token=refreshed.access_token, refresh_token=refreshed.refresh_token, user=refreshed.user)


def selects_field(info, name: str) -> bool:
    """Whether the operation asks for `name` in this field's answer (directly, or through a fragment)."""
    pending = [info.field_nodes[0].selection_set] if info.field_nodes else []
    while pending:
        selection_set = pending.pop()
        for selection in getattr(selection_set, "selections", None) or ():
            kind = selection.kind
            if kind == "field" and selection.name.value == name:
                return True
            if kind == "inline_fragment":
                pending.append(selection.selection_set)
            elif kind == "fragment_spread" and selection.name.value in info.fragments:
                pending.append(info.fragments[selection.name.value].selection_set)
    return False


class VerifyToken(AccountMutation):
    user = graphene.Field(User, description="User assigned to token.")
    is_valid = graphene.Boolean(required=True, default_value=False,
                                description="Determine if token is valid or not.")
    payload = GenericScalar(description="JWT payload.")

    class Arguments:
        token = graphene.String(required=True, description="JWT token to validate.")

    class Meta:
        description = "Verify JWT token."
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, token):
        user, payload = services.token_verify(token=token)
        return cls(user=user, is_valid=True, payload=payload)

    @classmethod
    def error_response(cls, error, **payload):
        return super().error_response(error, is_valid=False, **payload)


class DeactivateAllUserTokens(AccountMutation):
    class Meta:
        description = "Deactivate all JWT tokens of the currently authenticated user."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info):
        services.user_revoke_tokens(user=info.context.user)
        return cls()
