"""The account part of Saleor's schema: `me`, sign-in, sign-up, profile, password and address-book mutations."""

import graphene

from backend.api.account.mutations.account import (
    AccountDelete,
    AccountRequestDeletion,
    AccountUpdate,
    PasswordChange,
    RequestPasswordReset,
    SetPassword,
)
from backend.api.account.mutations.addresses import (
    AccountAddressCreate,
    AccountAddressDelete,
    AccountAddressUpdate,
    AccountSetDefaultAddress,
)
from backend.api.account.mutations.auth import CreateToken, DeactivateAllUserTokens, RefreshToken, VerifyToken
from backend.api.account.mutations.external import (
    ExternalAuthenticationUrl,
    ExternalLogout,
    ExternalObtainAccessTokens,
    ExternalRefresh,
    ExternalVerify,
)
from backend.api.account.mutations.register import AccountRegister, ConfirmAccount
from backend.api.account.types import User


class Queries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")

    @staticmethod
    def resolve_me(_root, info):
        user = getattr(info.context, "user", None)
        return user if user is not None and user.is_authenticated else None


class Mutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    tokens_deactivate_all = DeactivateAllUserTokens.Field()
    external_authentication_url = ExternalAuthenticationUrl.Field()
    external_obtain_access_tokens = ExternalObtainAccessTokens.Field()
    external_refresh = ExternalRefresh.Field()
    external_logout = ExternalLogout.Field()
    external_verify = ExternalVerify.Field()
    account_register = AccountRegister.Field()
    confirm_account = ConfirmAccount.Field()
    account_update = AccountUpdate.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
    password_change = PasswordChange.Field()
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()
