"""Profile and password mutations with Saleor's signatures: accountUpdate, passwordChange, requestPasswordReset,
setPassword."""

import graphene

from backend.api.account.inputs import AccountInput, enum_value, language_code_from_enum
from backend.api.account.mutations.base import AccountMutation
from backend.api.account.types import User
from backend.api.core.errors import PermissionDenied
from backend.commerce.account import addresses, services
from backend.core.permissions import PermissionEnum


def _address_dict(input) -> dict | None:
    if input is None:
        return None
    return {k: enum_value(v) for k, v in input.items() if k in addresses.ADDRESS_FIELDS}


class AccountUpdate(AccountMutation):
    user = graphene.Field(User)

    class Arguments:
        customer_id = graphene.ID(description="ID of customer the application is impersonating. The field can be used "
                                              "by apps only. Requires MANAGE_USERS and IMPERSONATE_USER permissions.")
        input = AccountInput(required=True, description="Fields required to update the account of the logged-in "
                                                        "user.")

    class Meta:
        description = "Updates the account of the logged-in user."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input, customer_id=None):
        if customer_id:  # impersonation is for apps holding IMPERSONATE_USER; this platform has no apps yet
            raise PermissionDenied(permissions=[PermissionEnum.IMPERSONATE_USER])
        user = services.account_update(
            user=info.context.user,
            first_name=input.get("first_name"),
            last_name=input.get("last_name"),
            language_code=language_code_from_enum(input.get("language_code")),
            metadata=services.metadata_from_items(input.get("metadata")),
            default_billing_address=_address_dict(input.get("default_billing_address")),
            default_shipping_address=_address_dict(input.get("default_shipping_address")),
        )
        return cls(user=user)


class PasswordChange(AccountMutation):
    user = graphene.Field(User, description="A user instance with a new password.")

    class Arguments:
        new_password = graphene.String(required=True, description="New user password.")
        old_password = graphene.String(description="Current user password.")

    class Meta:
        description = "Change the password of the logged in user. Every token issued before stops working."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, new_password, old_password=None):
        user = services.password_change(user=info.context.user, new_password=new_password, old_password=old_password)
        return cls(user=user)


class RequestPasswordReset(AccountMutation):
    class Arguments:
        channel = graphene.String(description="Slug of a channel which will be used for notify user. Optional when "
                                              "only one channel exists.")
        email = graphene.String(required=True, description="Email of the user that will be used for password "
                                                           "recovery.")
        redirect_url = graphene.String(required=True, description="URL of a view where users should be redirected to "
                                                                  "reset the password. URL in RFC 1808 format.")

    class Meta:
        description = "Sends an email with the account password modification link."
        auth = "public"
        rate_limit = "password_reset"

    @classmethod
    def perform_mutation(cls, _root, _info, email, redirect_url, channel=None):
        services.password_reset_request(email=email, redirect_url=redirect_url, channel_slug=channel)
        return cls()


class SetPassword(AccountMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(description="JWT refresh token, required to re-generate access token.")
    csrf_token = graphene.String(description="CSRF token required to re-generate access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")
        token = graphene.String(required=True, description="A one-time token required to set the password.")

    class Meta:
        description = "Sets the user's password from the token sent by email using the RequestPasswordReset mutation."
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, email, password, token):
        issued = services.password_set(email=email, token=token, password=password)
        return cls(token=issued.access_token, refresh_token=issued.refresh_token, csrf_token=issued.csrf_token,
                   user=issued.user)


class AccountRequestDeletion(AccountMutation):
    class Arguments:
        channel = graphene.String(description="Slug of a channel which will be used to notify users. Optional when "
                                              "only one channel exists.")
        redirect_url = graphene.String(required=True, description="URL of a view where users should be redirected to "
                                                                  "delete their account. URL in RFC 1808 format.")

    class Meta:
        description = "Sends an email with the account removal link for the logged-in user."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, redirect_url, channel=None):
        services.account_deletion_request(user=info.context.user, redirect_url=redirect_url, channel_slug=channel)
        return cls()


class AccountDelete(AccountMutation):
    user = graphene.Field(User)

    class Arguments:
        token = graphene.String(required=True, description="A one-time token required to remove account. Sent by "
                                                           "email using AccountRequestDeletion mutation.")

    class Meta:
        description = "Remove user account."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, token):
        user = info.context.user
        services.account_delete(user=user, token=token)
        return cls(user=user)
