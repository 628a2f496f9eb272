"""The signed-in customer's address book, with Saleor's signatures: accountAddressCreate / Update / Delete and
accountSetDefaultAddress. Staff holding MANAGE_USERS may act on a customer's book through `customerId`."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.account.inputs import AddressInput, enum_value
from backend.api.account.mutations.base import AccountMutation
from backend.api.account.mutations.ids import pk_from_global_id
from backend.api.account.types import Address, AddressTypeEnum, User
from backend.api.core.errors import PermissionDenied
from backend.commerce.account import addresses, services
from backend.commerce.account.error_codes import AccountErrorCode
from backend.commerce.account.models import User as UserModel
from backend.core.permissions import PermissionEnum, has_permissions


def _address_data(input) -> tuple[dict, dict]:
    data = {k: enum_value(v) for k, v in input.items() if k in addresses.ADDRESS_FIELDS}
    return data, services.metadata_from_items(input.get("metadata"))


def _target_user(info, customer_id: str | None):
    """The caller, or with `customerId` the customer a MANAGE_USERS staff member acts for."""
    viewer = info.context.user
    if not customer_id:
        return viewer
    if not has_permissions(viewer, [PermissionEnum.MANAGE_USERS]):
        raise PermissionDenied(permissions=[PermissionEnum.MANAGE_USERS])
    user = UserModel.objects.filter(pk=pk_from_global_id(customer_id, "User", field="customerId")).first()
    if user is None:
        raise ValidationError({"customerId": ValidationError("Ce client n'existe pas.",
                                                             code=AccountErrorCode.NOT_FOUND.value)})
    return user


class AccountAddressCreate(AccountMutation):
    user = graphene.Field(User, description="A user instance for which the address was created.")
    address = graphene.Field(Address)

    class Arguments:
        customer_id = graphene.ID(description="ID of customer the application is impersonating. The field can be used "
                                              "by apps only. Requires MANAGE_USERS and IMPERSONATE_USER permissions.")
        input = AddressInput(required=True, description="Fields required to create address.")
        type = AddressTypeEnum(description="A type of address. If provided, the new address will be automatically "
                                           "assigned as the customer's default address of that type.")

    class Meta:
        description = "Create a new address for the customer."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input, type=None, customer_id=None):
        user = _target_user(info, customer_id)
        data, metadata = _address_data(input)
        address = addresses.address_create(user=user, data=data, address_type=enum_value(type), metadata=metadata)
        return cls(user=user, address=address)


class AccountAddressUpdate(AccountMutation):
    user = graphene.Field(User, description="A user object for which the address was edited.")
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to update.")
        input = AddressInput(required=True, description="Fields required to update the address.")

    class Meta:
        description = "Updates an address of the logged-in user."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        user = info.context.user
        data, metadata = _address_data(input)
        address = addresses.address_update(user=user, address_id=pk_from_global_id(id, "Address"), data=data,
                                           metadata=metadata)
        return cls(user=user, address=address)


class AccountAddressDelete(AccountMutation):
    user = graphene.Field(User, description="A user instance for which the address was deleted.")
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to delete.")

    class Meta:
        description = "Delete an address of the logged-in user."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id):
        user = info.context.user
        address = addresses.address_delete(user=user, address_id=pk_from_global_id(id, "Address"))
        return cls(user=user, address=address)


class AccountSetDefaultAddress(AccountMutation):
    user = graphene.Field(User, description="An updated user instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to set as default.")
        type = AddressTypeEnum(required=True, description="The type of address.")

    class Meta:
        description = "Sets a default address for the authenticated user."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id, type):
        user = addresses.address_set_default(user=info.context.user, address_id=pk_from_global_id(id, "Address"),
                                             address_type=enum_value(type))
        return cls(user=user)
