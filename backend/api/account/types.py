"""Saleor's account types: User, Address, UserPermission and AccountError.

Other domains reuse `Address` (warehouses, the shop, checkouts, orders): import it from here, never redeclare it.
Related fields resolve through the loaders of backend/api/account/dataloaders.py.
"""

import graphene

from backend.api.account.customer_history import (
    CustomerEvent,
    CustomerType,
    resolve_assigned_attribute,
    resolve_assigned_attributes,
    resolve_customer_type,
    resolve_events,
)
from backend.api.account.dataloaders import (
    AddressByIdLoader,
    AddressesByUserIdLoader,
    PermissionsByUserLoader,
)
from backend.api.account.groups import (
    Group,
    resolve_accessible_channels,
    resolve_editable_groups,
    resolve_permission_groups,
)
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum, PermissionEnumType, enum_values, saleor_enum
from backend.api.core.scalars import DateTime, PositiveInt
from backend.api.core.types import COUNTRY_NAMES_FR, CountryDisplay, Image, ObjectWithMetadata
from backend.core.permissions import PermissionEnum, has_one_of_permissions

AccountErrorCode = saleor_enum("AccountErrorCode")
AddressTypeEnum = saleor_enum("AddressTypeEnum")
ThumbnailFormatEnum = saleor_enum("ThumbnailFormatEnum")


class AccountError(graphene.ObjectType):
    field = graphene.String(
        description="Name of a field that caused the error. A value of `null` indicates that the error isn't "
        "associated with a particular field."
    )
    message = graphene.String(description="The error message.")
    code = graphene.Field(AccountErrorCode, required=True, description="The error code.")
    address_type = graphene.Field(AddressTypeEnum, description="A type of address that causes the error.")
    attributes = graphene.List(graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the "
                                                                          "error.")


def _viewer(info):
    return getattr(info.context, "user", None)


NOTE_READERS = {PermissionEnum.MANAGE_USERS, PermissionEnum.MANAGE_STAFF}  # who reads users beyond themselves


def can_manage_users(info) -> bool:
    viewer = _viewer(info)
    if not (viewer and (viewer.is_staff or viewer.is_superuser)):
        return False  # only staff hold permissions: no need to ask the database
    return has_one_of_permissions(viewer, NOTE_READERS)


class Address(graphene.ObjectType):
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True)
    street_address_2 = graphene.String(required=True)
    city = graphene.String(required=True)
    city_area = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True, description="Shop's default country.")
    country_area = graphene.String(required=True)
    phone = graphene.String()
    is_default_shipping_address = graphene.Boolean(description="Address is user's default shipping address.")
    is_default_billing_address = graphene.Boolean(description="Address is user's default billing address.")

    class Meta:
        description = "Represents user address data."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_country(root, _info):
        code = (root.country or "FR").upper()
        return CountryDisplay(code=code, country=COUNTRY_NAMES_FR.get(code, code))

    @staticmethod
    def resolve_phone(root, _info):
        return root.phone or None

    # Known only when the address is read through its owner (User.addresses); null elsewhere, as in Saleor.
    @staticmethod
    def resolve_is_default_shipping_address(root, _info):
        return getattr(root, "is_default_shipping", None)

    @staticmethod
    def resolve_is_default_billing_address(root, _info):
        return getattr(root, "is_default_billing", None)

    @classmethod
    def get_node(cls, info, id):
        """Readable by its owner and by staff managing users; anybody else gets null."""
        from backend.commerce.account.selectors import user_owns_address

        viewer = _viewer(info)
        if not (viewer and viewer.is_authenticated) or not str(id).isdigit():
            return None
        if not can_manage_users(info) and not user_owns_address(viewer, int(id)):
            return None
        return AddressByIdLoader(info.context).load(int(id))


def _channel_type():
    from backend.api.channel.types import Channel

    return Channel


def _assigned_attribute_type():
    from backend.api.attribute.assigned import AssignedAttribute

    return AssignedAttribute


def _default_address(info, user, address_id: int | None):
    """A default address is normally in the user's book: reuse that batch; read it alone only if it is not."""
    if address_id is None:
        return None

    def pick(addresses):
        found = next((a for a in addresses if a.pk == address_id), None)
        return found if found is not None else AddressByIdLoader(info.context).load(address_id)

    return then(AddressesByUserIdLoader(info.context).load(user.pk), pick)


class UserPermission(graphene.ObjectType):
    code = graphene.Field(PermissionEnumType, required=True, description="Internal code for permission.")
    name = graphene.String(required=True, description="Describe action(s) allowed to do by permission.")

    class Meta:
        description = "Represents user's permissions."


LANGUAGE_CODES = frozenset(enum_values("LanguageCodeEnum"))


def language_code_enum_value(code: str | None) -> str:
    """Our stored codes ("fr", "fr-be") as LanguageCodeEnum values ("FR", "FR_BE"); French for anything unknown (a
    code typed in the admin must not turn `me` into an error)."""
    value = (code or "fr").replace("-", "_").upper()
    return value if value in LANGUAGE_CODES else "FR"


class User(graphene.ObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    is_confirmed = graphene.Boolean(required=True, description="Determines if user has confirmed email.")
    addresses = graphene.List(graphene.NonNull(Address), required=True, description="List of all user's addresses.")
    note = graphene.String(description="A note about the customer. Requires one of the following permissions: "
                                       "MANAGE_USERS, MANAGE_STAFF.")
    user_permissions = graphene.List(graphene.NonNull(UserPermission), description="List of user's permissions.")
    avatar = graphene.Field(
        Image,
        size=graphene.Int(description="Desired longest side the image in pixels. Defaults to 4096. Images are never "
                                      "cropped. Pass 0 to retrieve the original size (not recommended)."),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="ORIGINAL",
                                 description="The format of the image. When not provided, format of the original "
                                             "image will be used."),
    )
    language_code = graphene.Field(LanguageCodeEnum, required=True, description="User language code.")
    default_shipping_address = graphene.Field(Address)
    default_billing_address = graphene.Field(Address)
    external_reference = graphene.String(description="External ID of this user.")
    last_login = DateTime()
    date_joined = DateTime(required=True)
    updated_at = DateTime(required=True)
    restricted_access_to_channels = graphene.Boolean(
        required=True, description="Determine if user have restricted access to channels. False if at least one user "
                                   "group has `restrictedAccessToChannels` set to False.")
    permission_groups = graphene.List(graphene.NonNull(Group), resolver=resolve_permission_groups,
                                      description="List of user's permission groups.")
    editable_groups = graphene.List(graphene.NonNull(Group), resolver=resolve_editable_groups,
                                    description="List of user's permission groups which user can manage.")
    accessible_channels = graphene.List(
        graphene.NonNull(lambda: _channel_type()), resolver=resolve_accessible_channels,
        description="List of channels the user has access to. The sum of channels from all user groups. If at least "
                    "one group has `restrictedAccessToChannels` set to False - all channels are returned.")
    events = graphene.List(graphene.NonNull(CustomerEvent), resolver=resolve_events,
                           description="List of events associated with the user.\n\nRequires one of the following "
                                       "permissions: MANAGE_USERS, MANAGE_STAFF.")
    customer_type = graphene.Field(CustomerType, resolver=resolve_customer_type,
                                   description="The customer type assigned to the user. Requires one of the following "
                                               "permissions: MANAGE_USERS, OWNER.\n\nAdded in Saleor 3.23.")
    assigned_attribute = graphene.Field(
        lambda: _assigned_attribute_type(), slug=graphene.String(required=True, description="Slug of the attribute"),
        resolver=resolve_assigned_attribute,
        description="Get a single attribute assigned to the user by attribute slug. The attribute is looked up among "
                    "the attributes of the user's customer type. Requires one of the following permissions: "
                    "MANAGE_USERS, OWNER. The owner can access only attributes that are visible in the storefront."
                    "\n\nAdded in Saleor 3.23.")
    assigned_attributes = graphene.List(
        graphene.NonNull(lambda: _assigned_attribute_type()), required=True,
        limit=graphene.Argument(PositiveInt, default_value=100, description="Maximum number of attributes to return. "
                                                                            "Default is 100."),
        resolver=resolve_assigned_attributes,
        description="List of attributes assigned to the user through the user's customer type. Requires one of the "
                    "following permissions: MANAGE_USERS, OWNER. The owner can access only attributes that are "
                    "visible in the storefront.\n\nAdded in Saleor 3.23.")

    class Meta:
        description = "Represents user data."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def get_node(cls, info, id):
        """A user is visible to itself and to staff managing users."""
        from backend.commerce.account.models import User as UserModel

        viewer = _viewer(info)
        if not (viewer and viewer.is_authenticated) or not str(id).isdigit():
            return None
        if str(viewer.pk) == str(id):
            return viewer
        return UserModel.objects.filter(pk=int(id)).first() if can_manage_users(info) else None

    @staticmethod
    def resolve_addresses(root, info):
        def mark_defaults(addresses):
            for address in addresses:
                address.is_default_shipping = address.pk == root.default_shipping_address_id
                address.is_default_billing = address.pk == root.default_billing_address_id
            return addresses

        return then(AddressesByUserIdLoader(info.context).load(root.pk), mark_defaults)

    @staticmethod
    def resolve_default_shipping_address(root, info):
        return _default_address(info, root, root.default_shipping_address_id)

    @staticmethod
    def resolve_default_billing_address(root, info):
        return _default_address(info, root, root.default_billing_address_id)

    @staticmethod
    def resolve_note(root, info):
        viewer = _viewer(info)
        if not (viewer and viewer.is_authenticated and (viewer.is_staff or viewer.is_superuser)):
            return None
        # Through the permissions loader: reading one's own note costs no query beyond userPermissions.
        return then(PermissionsByUserLoader(info.context).load(viewer),
                    lambda perms: root.note if NOTE_READERS & {p for p, _ in perms} else None)

    @staticmethod
    def resolve_user_permissions(root, info):
        if not (root.is_staff or root.is_superuser):
            return []  # customers hold no permission: no query needed
        return then(PermissionsByUserLoader(info.context).load(root),
                    lambda perms: [UserPermission(code=p.name, name=name) for p, name in perms])

    @staticmethod
    def resolve_avatar(root, info, size=None, format=None):
        if not root.avatar:
            return None
        return Image(url=info.context.build_absolute_uri(root.avatar.url), alt=root.get_full_name())

    @staticmethod
    def resolve_language_code(root, _info):
        return language_code_enum_value(root.language_code)

    @staticmethod
    def resolve_restricted_access_to_channels(_root, _info):
        return False  # one channel, no channel-restricted permission groups
