"""Sign-up mutations with Saleor's signatures: accountRegister and confirmAccount."""

import graphene

from backend.api.account.inputs import AccountRegisterInput, language_code_from_enum
from backend.api.account.mutations.base import AccountMutation
from backend.api.account.types import User
from backend.commerce.account import services


class AccountRegister(AccountMutation):
    requires_confirmation = graphene.Boolean(description="Informs whether users need to confirm their email address.")
    user = graphene.Field(User, deprecation_reason="The field always returns a `User` object constructed from the "
                                                   "input data. The `user.id` is always empty. To determine whether "
                                                   "the user exists in Saleor, query via an external app with the "
                                                   "required permissions.")

    class Arguments:
        input = AccountRegisterInput(required=True, description="Fields required to create a user.")

    class Meta:
        description = "Register a new user."
        auth = "public"
        rate_limit = "register"

    @classmethod
    def perform_mutation(cls, _root, _info, input):
        registration = services.user_register(
            email=input.email,
            password=input.password,
            first_name=input.get("first_name") or "",
            last_name=input.get("last_name") or "",
            language_code=language_code_from_enum(input.get("language_code")) or "fr",
            redirect_url=input.get("redirect_url"),
            channel_slug=input.get("channel"),
            metadata=services.metadata_from_items(input.get("metadata")),
        )
        return cls(user=registration.user, requires_confirmation=registration.requires_confirmation)


class ConfirmAccount(AccountMutation):
    user = graphene.Field(User, description="An activated user account.")

    class Arguments:
        email = graphene.String(required=True, description="E-mail of the user performing account confirmation.")
        password = graphene.String(description="Password of the user confirming their account: checked against "
                                               "the account's password, or set when the account has none yet.")
        token = graphene.String(required=True, description="A one-time token required to confirm the account.")

    class Meta:
        description = "Confirm user account with token sent by email during registration."
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, email, token, password=None):
        user = services.user_confirm(email=email, token=token, password=password)
        return cls(user=user)
