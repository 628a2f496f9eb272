"""Saleor's `Shop` for a French single-channel shop: France, the euro, French first, prices entered TTC.

The root is the SiteSettings row. Fields Saleor reserves to staff (MANAGE_SETTINGS, AUTHENTICATED_STAFF_USER) raise
the same permission error here. Payment gateways, shipping methods, apps and announcements belong to later issues.
"""

from urllib.parse import urlsplit

import graphene
from django.conf import settings

from backend.api.account.types import Address
from backend.api.core.enums import LanguageCodeEnum, WeightUnitsEnum, enum_values, saleor_enum
from backend.api.core.errors import PermissionDenied
from backend.api.core.types import CountryDisplay, LanguageDisplay, ObjectWithMetadata
from backend.api.page.shared import is_french, is_staff, user_of
from backend.api.page.types import TranslationRoot, language_display
from backend.core.ids import to_global_id
from backend.core.permissions import PermissionEnum, has_permissions

SALEOR_VERSION = "3.24.0"
SHOP_COUNTRIES = ("FR",)
PHONE_PREFIXES = ("+33",)

PasswordLoginModeEnum = saleor_enum("PasswordLoginModeEnum")
AccountConfirmModeEnum = saleor_enum("AccountConfirmModeEnum")


class CountryFilterInput(graphene.InputObjectType):
    attached_to_shipping_zones = graphene.Boolean(
        description="Boolean for filtering countries by having shipping zone assigned.If 'true', return countries "
        "with shipping zone assigned.If 'false', return countries without any shipping zone assigned.If the argument "
        "is not provided (null), return all countries.")


class Domain(graphene.ObjectType):
    host = graphene.String(required=True, description="The host name of the domain.")
    ssl_enabled = graphene.Boolean(required=True, description="Inform if SSL is enabled.")
    url = graphene.String(required=True, description="The absolute URL of the API.")

    class Meta:
        description = "Represents API domain."


class ExternalAuthentication(graphene.ObjectType):
    id = graphene.String(required=True, description="ID of external authentication plugin.")
    name = graphene.String(description="Name of external authentication plugin.")

    class Meta:
        description = "External authentication plugin."


class Permission(graphene.ObjectType):
    code = graphene.Field(saleor_enum("PermissionEnum"), required=True, description="Internal code for permission.")
    name = graphene.String(required=True, description="Describe action(s) allowed to do by permission.")

    class Meta:
        description = "Represents a permission object in a friendly form."


class ShopTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    header_text = graphene.String(required=True, description="Translated header text of sale.")
    description = graphene.String(required=True, description="Translated description of sale.")

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "Represents shop translations."

    @staticmethod
    def resolve_id(root: TranslationRoot, _info):
        return root.key

    @staticmethod
    def resolve_language(root: TranslationRoot, _info):
        return language_display(root.language_code)

    @staticmethod
    def resolve_header_text(root: TranslationRoot, _info):
        return root.fields["header_text"]

    @staticmethod
    def resolve_description(root: TranslationRoot, _info):
        return root.fields["description"]


def _require(info, permission: PermissionEnum) -> None:
    if not has_permissions(user_of(info), [permission]):
        raise PermissionDenied(permissions=[permission])


def _require_staff(info) -> None:
    if not is_staff(info):
        raise PermissionDenied("You need to be a staff member to see this field.",
                               permissions=["AUTHENTICATED_STAFF_USER"])


def _settings_field(attribute: str, permission: PermissionEnum | None = None):
    def resolve(root, info):
        if permission is not None:
            _require(info, permission)
        return getattr(root, attribute)

    return staticmethod(resolve)


def _default_channel():
    from backend.commerce.channel.models import Channel

    return Channel.objects.filter(slug=settings.DEFAULT_CHANNEL_SLUG).first()


def _manage_settings(description: str) -> str:
    return f"{description}\n\nRequires one of the following permissions: MANAGE_SETTINGS."


class Shop(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the shop.")
    available_external_authentications = graphene.List(
        graphene.NonNull(ExternalAuthentication), required=True,
        description="List of available external authentications.")
    channel_currencies = graphene.List(graphene.NonNull(graphene.String), required=True,
                                       description="List of all currencies supported by shop's channels.\n\nRequires "
                                       "one of the following permissions: AUTHENTICATED_STAFF_USER, "
                                       "AUTHENTICATED_APP.")
    countries = graphene.List(
        graphene.NonNull(CountryDisplay), required=True,
        language_code=graphene.Argument(LanguageCodeEnum, description="A language code to return the translation for.",
                                        deprecation_reason="This field has no effect and will be removed."),
        filter=graphene.Argument(CountryFilterInput, description="Filtering options for countries"),
        description="List of countries available in the shop.")
    default_country = graphene.Field(CountryDisplay, description="Shop's default country.")
    default_mail_sender_name = graphene.String(description=_manage_settings("Default shop's email sender's name."))
    default_mail_sender_address = graphene.String(
        description=_manage_settings("Default shop's email sender's address."))
    description = graphene.String(description="Shop's description.")
    domain = graphene.Field(Domain, required=True, description="Shop's domain data. Can be customized using the "
                            "`PUBLIC_URL` environment variable if self-hosted.")
    languages = graphene.List(graphene.NonNull(LanguageDisplay), required=True,
                              description="List of the shops's supported languages.")
    name = graphene.String(required=True, description="Shop's name.")
    permissions = graphene.List(graphene.NonNull(Permission), required=True,
                                description="List of available permissions.")
    phone_prefixes = graphene.List(graphene.NonNull(graphene.String), required=True,
                                   description="List of possible phone prefixes.")
    header_text = graphene.String(description="Header text.")
    fulfillment_auto_approve = graphene.Boolean(required=True,
                                                description="Automatically approve all new fulfillments.")
    fulfillment_allow_unpaid = graphene.Boolean(required=True,
                                                description="Allow to approve fulfillments which are unpaid.")
    track_inventory_by_default = graphene.Boolean(
        description="This field is used as a default value for `ProductVariant.trackInventory`.")
    allow_storefront_traffic = graphene.Boolean(
        required=True, description="Determines whether the GraphQL API accepts storefront requests (anonymous "
        "requests and authenticated non-staff customers).")
    default_weight_unit = graphene.Field(WeightUnitsEnum, description="Default weight unit.")
    translation = graphene.Field(
        ShopTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for shop."),
        description="Returns translated shop fields for the given language code.")
    reserve_stock_duration_anonymous_user = graphene.Int(description=_manage_settings(
        "Default number of minutes stock will be reserved for anonymous checkout or null when stock reservation is "
        "disabled."))
    reserve_stock_duration_authenticated_user = graphene.Int(description=_manage_settings(
        "Default number of minutes stock will be reserved for authenticated checkout or null when stock reservation "
        "is disabled."))
    limit_quantity_per_checkout = graphene.Int(description=_manage_settings(
        "Default number of maximum line quantity in single checkout (per single checkout line)."))
    company_address = graphene.Field(Address, description="Company address.")
    customer_set_password_url = graphene.String(description="URL of a view where customers can set their password.")
    enable_account_confirmation_by_email = graphene.Boolean(description=_manage_settings(
        "Determines if account confirmation by email is enabled."))
    allow_login_without_confirmation = graphene.Boolean(description=_manage_settings(
        "Determines if user can login without confirmation when `enableAccountConfirmation` is enabled."))
    version = graphene.String(required=True, description="Saleor API version.\n\nRequires one of the following "
                              "permissions: AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP.")
    schema_version = graphene.String(required=True, description="Minor Saleor API version.")
    preserve_all_address_fields = graphene.Boolean(required=True, description=_manage_settings(
        "When enabled, address fields that are not valid for a given country will be preserved instead of being "
        "removed during validation."))
    password_login_mode = graphene.Field(PasswordLoginModeEnum, required=True,
                                         description="Controls whether password-based authentication is allowed.")
    include_taxes_in_prices = graphene.Boolean(
        required=True, description="Include taxes in prices.",
        deprecation_reason="Use `Channel.taxConfiguration.pricesEnteredWithTax` to determine whether prices are "
        "entered with tax.")
    display_gross_prices = graphene.Boolean(
        required=True, description="Display prices with tax in store.",
        deprecation_reason="Use `Channel.taxConfiguration` to determine whether to display gross or net prices.")
    charge_taxes_on_shipping = graphene.Boolean(
        required=True, description="Charge taxes on shipping.",
        deprecation_reason="Use `ShippingMethodType.taxClass` to determine whether taxes are calculated for shipping "
        "methods; if a tax class is set, the taxes will be calculated, otherwise no tax rate will be applied.")
    use_legacy_shipping_zone_stock_availability = graphene.Boolean(
        required=True, description="When enabled, stock availability is filtered by shipping zones and the "
        "destination address (legacy behavior).")
    use_legacy_update_webhook_emission = graphene.Boolean(
        description="Use legacy update webhook emission.", deprecation_reason="This field is deprecated.")
    account_confirm_merge_mode = graphene.Field(
        AccountConfirmModeEnum, required=True, description="Controls the method used for merging existing orders and "
        "giftcards when password-based authentication is used.")

    class Meta:
        interfaces = (ObjectWithMetadata,)
        description = "Represents a shop resource containing general shop data and configuration."

    resolve_name = _settings_field("name")
    resolve_description = _settings_field("description")
    resolve_header_text = _settings_field("header_text")
    resolve_track_inventory_by_default = _settings_field("track_inventory_by_default")
    resolve_include_taxes_in_prices = _settings_field("include_taxes_in_prices")
    resolve_display_gross_prices = _settings_field("display_gross_prices")
    resolve_default_mail_sender_name = _settings_field("default_mail_sender_name", PermissionEnum.MANAGE_SETTINGS)
    resolve_default_mail_sender_address = _settings_field("default_mail_sender_address",
                                                          PermissionEnum.MANAGE_SETTINGS)
    resolve_limit_quantity_per_checkout = _settings_field("limit_quantity_per_checkout",
                                                          PermissionEnum.MANAGE_SETTINGS)
    resolve_enable_account_confirmation_by_email = _settings_field("enable_account_confirmation_by_email",
                                                                   PermissionEnum.MANAGE_SETTINGS)
    resolve_allow_login_without_confirmation = _settings_field("allow_login_without_confirmation",
                                                               PermissionEnum.MANAGE_SETTINGS)

    @staticmethod
    def resolve_id(root, _info):
        return to_global_id("Shop", root.pk)

    @staticmethod
    def resolve_available_external_authentications(_root, _info):
        return []

    @staticmethod
    def resolve_channel_currencies(_root, info):
        from backend.commerce.channel.models import Channel

        _require_staff(info)
        return sorted(set(Channel.objects.values_list("currency_code", flat=True)))

    @staticmethod
    def resolve_countries(_root, _info, language_code=None, filter=None):
        if filter and filter.get("attached_to_shipping_zones") is False:
            return []
        return [CountryDisplay(code=code) for code in SHOP_COUNTRIES]

    @staticmethod
    def resolve_default_country(_root, _info):
        return CountryDisplay(code="FR")

    @staticmethod
    def resolve_domain(_root, _info):
        parts = urlsplit(settings.PUBLIC_URL)
        return Domain(host=parts.netloc, ssl_enabled=parts.scheme == "https", url=f"{settings.PUBLIC_URL}/graphql/")

    @staticmethod
    def resolve_languages(_root, _info):
        return [language_display(code.upper()) for code, _ in settings.LANGUAGES]

    @staticmethod
    def resolve_permissions(_root, _info):
        from django.contrib.auth.models import Permission as PermissionModel

        labels = {f"{app}.{codename}": name for app, codename, name in PermissionModel.objects.filter(
            codename__in=[p.codename for p in PermissionEnum]).values_list("content_type__app_label", "codename",
                                                                          "name")}
        return [Permission(code=p.name, name=labels.get(p.value, p.name)) for p in PermissionEnum]

    @staticmethod
    def resolve_phone_prefixes(_root, _info):
        return list(PHONE_PREFIXES)

    @staticmethod
    def resolve_fulfillment_auto_approve(_root, _info):
        return True

    @staticmethod
    def resolve_fulfillment_allow_unpaid(_root, _info):
        return True  # orders are often paid at the pickup point

    @staticmethod
    def resolve_allow_storefront_traffic(_root, _info):
        return True

    @staticmethod
    def resolve_default_weight_unit(root, _info):
        return root.default_weight_unit if root.default_weight_unit in enum_values("WeightUnitsEnum") else "KG"

    @staticmethod
    def resolve_translation(root, _info, language_code):
        code = str(getattr(language_code, "value", language_code))
        if not is_french(code):
            return None  # the shop's texts are only written in French
        return TranslationRoot("ShopTranslation", f"{root.pk}:{code}", code,
                               {"header_text": root.header_text, "description": root.description})

    @staticmethod
    def resolve_reserve_stock_duration_anonymous_user(_root, info):
        _require(info, PermissionEnum.MANAGE_SETTINGS)
        channel = _default_channel()
        return channel.reservation_minutes_anonymous if channel else None

    @staticmethod
    def resolve_reserve_stock_duration_authenticated_user(_root, info):
        _require(info, PermissionEnum.MANAGE_SETTINGS)
        channel = _default_channel()
        return channel.reservation_minutes_authenticated if channel else None

    @staticmethod
    def resolve_company_address(root, _info):
        from backend.commerce.account.models import Address as AddressModel

        # not stored: the company's address lives in the shop settings, shown as an (unsaved) Address
        return AddressModel(company_name=root.company_name, street_address_1=root.company_street_address,
                       postal_code=root.company_postal_code, city=root.company_city, country="FR")

    @staticmethod
    def resolve_customer_set_password_url(_root, _info):
        return None

    @staticmethod
    def resolve_version(_root, info):
        _require_staff(info)
        return SALEOR_VERSION

    @staticmethod
    def resolve_schema_version(_root, _info):
        return SALEOR_VERSION.rsplit(".", 1)[0]

    @staticmethod
    def resolve_preserve_all_address_fields(_root, info):
        _require(info, PermissionEnum.MANAGE_SETTINGS)
        return False

    @staticmethod
    def resolve_password_login_mode(_root, _info):
        return "ENABLED"

    @staticmethod
    def resolve_charge_taxes_on_shipping(_root, _info):
        return True

    @staticmethod
    def resolve_use_legacy_shipping_zone_stock_availability(_root, _info):
        return False

    @staticmethod
    def resolve_use_legacy_update_webhook_emission(_root, _info):
        return False

    @staticmethod
    def resolve_account_confirm_merge_mode(_root, _info):
        return "MERGE_DISABLED"
