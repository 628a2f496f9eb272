"""Saleor's App, and the UserOrApp union (who created a transaction, a refund, an event).

Saleor's apps are installed programs with tokens and webhooks. Here the programs that act on their own are the payment
gateways (Stripe, the demonstration gateway) and the order service recording a payment due at pickup: each is shown as
an App identified by the identifier its transactions carry (`TransactionItem.app_identifier`). Built in: type LOCAL.
"""

from dataclasses import dataclass, field

import graphene

from backend.api.account.types import User
from backend.api.core.enums import saleor_enum
from backend.api.core.scalars import DateTime
from backend.api.core.types import ObjectWithMetadata
from backend.commerce.account.models import User as UserModel

AppTypeEnum = saleor_enum("AppTypeEnum")


@dataclass(frozen=True)
class AppRoot:
    identifier: str
    name: str
    metadata: dict = field(default_factory=dict)


def _permission_type():
    from backend.api.shop.types import Permission

    return Permission


class App(graphene.ObjectType):
    """Saleor's tokens, webhooks, extensions, brand and circuit breaker have no counterpart here (no app is installed
    through the API): those fields are not declared."""

    identifier = graphene.String(description="Canonical app ID. If not provided, the identifier will be generated "
                                             "based on app.id.")
    permissions = graphene.List(graphene.NonNull(_permission_type), description="List of the app's permissions.")
    created = DateTime(description="The date and time when the app was created.")
    is_active = graphene.Boolean(description="Determine if app will be set active or not.")
    name = graphene.String(description="Name of the app.")
    type = graphene.Field(AppTypeEnum, description="Type of the app.")
    # What an installed app's manifest says; a built-in gateway has no manifest: null, as Saleor for an app without.
    about_app = graphene.String(description="Description of this app.")
    data_privacy = graphene.String(description="Description of the data privacy defined for this app.",
                                   deprecation_reason="Use `dataPrivacyUrl` instead.")
    data_privacy_url = graphene.String(description="URL to details about the privacy policy on the app owner page.")
    homepage_url = graphene.String(description="Homepage of the app.")
    support_url = graphene.String(description="Support page for the app.")
    configuration_url = graphene.String(description="URL to iframe with the configuration for the app.",
                                        deprecation_reason="Use `appUrl` instead.")
    app_url = graphene.String(description="URL to iframe with the app.")
    manifest_url = graphene.String(description="URL to manifest used during app's installation.")
    version = graphene.String(description="Version number of the app.")
    access_token = graphene.String(description="JWT token used to authenticate by third-party app.")
    author = graphene.String(description="The App's author name.")

    class Meta:
        description = "Represents app data."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_id(root, _info):
        return root.identifier

    @staticmethod
    def resolve_permissions(_root, _info):
        return []  # a gateway plugin acts through the hooks it implements, not through API permissions

    @staticmethod
    def resolve_created(_root, _info):
        return None  # built into the platform: never installed at a given time

    @staticmethod
    def resolve_is_active(_root, _info):
        return True

    @staticmethod
    def resolve_type(_root, _info):
        return "LOCAL"


class UserOrApp(graphene.Union):
    class Meta:
        types = (User, App)
        description = "Represents user or app."

    @classmethod
    def resolve_type(cls, instance, info):
        return App if isinstance(instance, AppRoot) else User if isinstance(instance, UserModel) else None


def gateway_app(info, identifier: str, fallback_name: str = "") -> AppRoot | None:
    """The App behind a gateway identifier; named by the gateway when it is offered (the list is read once per
    request), else by `fallback_name` (pay at pickup is recorded by the order service, not by a gateway)."""
    if not identifier:
        return None
    names = getattr(info.context, "_gateway_app_names", None)
    if names is None:
        from backend.commerce.payment.gateways import payment_gateways_for

        names = {gateway.id: gateway.name for gateway in payment_gateways_for(channel=None)}
        info.context._gateway_app_names = names
    return AppRoot(identifier=identifier, name=names.get(identifier) or fallback_name or identifier)
