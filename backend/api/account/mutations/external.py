"""Saleor's external sign-in mutations (externalAuthenticationUrl, externalObtainAccessTokens, externalRefresh,
externalLogout, externalVerify): thin doors to the plugin named by `pluginId`, through the external_* filter hooks.

They run outside a transaction (`atomic = False`): the plugin talks to the identity provider over the network, and a
database transaction must not stay open while it waits; the plugin writes (the user) in its own short transaction.
"""

import graphene
from django.core.exceptions import ValidationError

from backend.api.account.mutations.auth import REFRESH_TOKEN_COOKIE
from backend.api.account.mutations.base import AccountMutation
from backend.api.account.types import User
from backend.api.core.scalars import JSONString
from backend.commerce.account.error_codes import AccountErrorCode
from backend.core.plugins import get_plugin_manager


def _ask_plugin(hook: str, *, plugin_id: str, data, request, **extra) -> dict:
    if not isinstance(data, dict):
        raise ValidationError({"input": ValidationError("Un objet JSON est attendu.",
                                                        code=AccountErrorCode.INVALID.value)})
    answer = get_plugin_manager().filter(hook, None, plugin_id=plugin_id, data=data, request=request, **extra)
    if answer is None:
        raise ValidationError({"pluginId": ValidationError(
            f"Aucune extension de connexion « {plugin_id} » n'est active.", code=AccountErrorCode.NOT_FOUND.value)})
    if isinstance(answer, ValidationError):
        raise answer
    return answer


class ExternalAuthenticationUrl(AccountMutation):
    authentication_data = JSONString(description="The data returned by authentication plugin.")

    class Arguments:
        input = JSONString(required=True,
                           description="The data required by plugin to create external authentication url.")
        plugin_id = graphene.String(required=True, description="The ID of the authentication plugin.")

    class Meta:
        description = "Prepare external authentication URL for user by custom plugin."
        auth = "public"
        atomic = False

    @classmethod
    def perform_mutation(cls, _root, info, input, plugin_id):
        answer = _ask_plugin("external_authentication_url", plugin_id=plugin_id, data=input, request=info.context)
        return cls(authentication_data=answer)


class ExternalObtainAccessTokens(AccountMutation):
    token = graphene.String(description="The token, required to authenticate.")
    refresh_token = graphene.String(description="The refresh token, required to re-generate external access token.")
    csrf_token = graphene.String(description="CSRF token required to re-generate external access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        input = JSONString(required=True,
                           description="The data required by plugin to create authentication data.")
        plugin_id = graphene.String(required=True, description="The ID of the authentication plugin.")

    class Meta:
        description = "Obtain external access tokens for user by custom plugin."
        auth = "public"
        atomic = False

    @classmethod
    def perform_mutation(cls, _root, info, input, plugin_id):
        answer = _ask_plugin("external_obtain_access_tokens", plugin_id=plugin_id, data=input, request=info.context)
        return cls(token=answer.get("token"), refresh_token=answer.get("refreshToken"),
                   csrf_token=answer.get("csrfToken"), user=answer.get("user"))


class ExternalRefresh(AccountMutation):
    token = graphene.String(description="The token, required to authenticate.")
    refresh_token = graphene.String(description="The refresh token, required to re-generate external access token.")
    csrf_token = graphene.String(description="CSRF token required to re-generate external access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        input = JSONString(required=True,
                           description="The data required by plugin to proceed the refresh process.")
        plugin_id = graphene.String(required=True, description="The ID of the authentication plugin.")

    class Meta:
        description = "Refresh user's access by custom plugin."
        auth = "public"
        atomic = False

    @classmethod
    def perform_mutation(cls, _root, info, input, plugin_id):
        cookies = getattr(info.context, "COOKIES", {}) or {}
        answer = _ask_plugin("external_refresh", plugin_id=plugin_id, data=input, request=info.context,
                             cookie_refresh_token=cookies.get(REFRESH_TOKEN_COOKIE))
        return cls(token=answer.get("token"), refresh_token=answer.get("refreshToken"),
                   csrf_token=answer.get("csrfToken"), user=answer.get("user"))


class ExternalLogout(AccountMutation):
    logout_data = JSONString(description="The data returned by authentication plugin.")

    class Arguments:
        input = JSONString(required=True,
                           description="The data required by plugin to proceed the logout process.")
        plugin_id = graphene.String(required=True, description="The ID of the authentication plugin.")

    class Meta:
        description = "Logout user by custom plugin."
        auth = "public"
        atomic = False

    @classmethod
    def perform_mutation(cls, _root, info, input, plugin_id):
        answer = _ask_plugin("external_logout", plugin_id=plugin_id, data=input, request=info.context)
        return cls(logout_data=answer)


class ExternalVerify(AccountMutation):
    user = graphene.Field(User, description="User assigned to data.")
    is_valid = graphene.Boolean(required=True, default_value=False,
                                description="Determine if authentication data is valid or not.")
    verify_data = JSONString(description="External data.")

    class Arguments:
        input = JSONString(required=True,
                           description="The data required by plugin to proceed the verification.")
        plugin_id = graphene.String(required=True, description="The ID of the authentication plugin.")

    class Meta:
        description = "Verify external authentication data by plugin."
        auth = "public"
        atomic = False

    @classmethod
    def perform_mutation(cls, _root, info, input, plugin_id):
        answer = _ask_plugin("external_verify", plugin_id=plugin_id, data=input, request=info.context)
        return cls(user=answer.get("user"), is_valid=bool(answer.get("isValid")),
                   verify_data=answer.get("verifyData"))

    @classmethod
    def error_response(cls, error, **payload):
        return super().error_response(error, is_valid=False, **payload)
