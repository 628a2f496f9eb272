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

    @classmethod
    def perform_mutation(cls, _root, info, refresh_token=None, csrf_token=None):
        cookies = getattr(info.context, "COOKIES", {}) or {}
        token, user = services.token_refresh(refresh_token=refresh_token, csrf_token=csrf_token,
                                             cookie_token=cookies.get(REFRESH_TOKEN_COOKIE))
        return cls(token=token, user=user)


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
