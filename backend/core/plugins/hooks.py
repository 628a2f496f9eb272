"""One typed declaration per hook. A hook is either:

- a *filter*: plugins are called in order, each receiving the previous plugin's value (`previous_value`) and returning
  a new one; the caller gets the last value. A failing plugin is logged and its input value passes through unchanged.
- a *notification*: plugins are told that something happened; calls run after the current transaction commits, and a
  failing plugin is logged and never breaks the caller.

Later issues add their hooks here.
"""

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Hook:
    name: str
    kind: Literal["filter", "notify"]
    doc: str


def _declare(*hooks: Hook) -> dict[str, Hook]:
    return {hook.name: hook for hook in hooks}


HOOKS: dict[str, Hook] = _declare(
    # catalogue
    Hook("product_created", "notify", "A product was created. kwargs: product"),
    Hook("product_updated", "notify", "A product was updated. kwargs: product"),
    Hook("product_deleted", "notify", "A product was deleted. kwargs: product_id (pk), product_name"),
    Hook("stock_changed", "notify", "A stock quantity changed. kwargs: stock"),
    # search (issue 7)
    Hook("product_search_document", "filter",
         "Add searchable text to products. value: dict {product pk: WeightedDocument} (append to .producers, .labels, "
         ".communes...); kwargs: product_ids. Return the dict."),
    # schema: plugins add GraphQL query/mutation classes and fields on core types (filter on a list)
    Hook("graphql_query_classes", "filter", "Extend the list of graphene ObjectType classes merged into Query."),
    Hook("graphql_mutation_classes", "filter", "Extend the list of graphene ObjectType classes merged into Mutation."),
    Hook("setup_steps", "filter",
         "Extend the list of (label, management command, options) run by `comptoir setup`. kwargs: with_demo"),
    Hook("graphql_type_extensions", "filter",
         "Extend the dict {graphene type class: {field name: graphene.Field(..., resolver=...)}}; new fields only."),
    # checkout (issue 3)
    Hook("checkout_created", "notify", "A checkout was created. kwargs: checkout"),
    Hook("checkout_updated", "notify", "A checkout changed (lines, addresses, delivery, voucher...). kwargs: checkout"),
    Hook("checkout_line_refusals", "filter",
         "Goods a cart may not take now (e.g. a producer whose orders for the cart's distribution day closed at its "
         "cut-off). value: dict {variant pk: French message naming the product and the reason}; kwargs: checkout, "
         "variants (list of ProductVariant, product loaded). Add refusals and return the dict. Asked when lines are "
         "added or increased, at checkoutComplete (refused: PRODUCT_UNAVAILABLE_FOR_PURCHASE, nothing written) and "
         "for `problems` (CheckoutLineProblemVariantNotAvailable)."),
    Hook("delivery_options", "filter",
         "Filter or extend the home-delivery options offered to a checkout. value: list of "
         "backend.commerce.shipping.selectors.DeliveryOption; kwargs: checkout"),
    # orders
    Hook("order_created", "notify", "An order was placed from a checkout. kwargs: order"),
    Hook("order_confirmed", "notify", "An unconfirmed order was confirmed. kwargs: order"),
    Hook("order_paid", "notify", "An order became fully paid (charge status FULL or OVERCHARGED). kwargs: order"),
    Hook("order_cancelled", "notify", "An order was cancelled and its stock released. kwargs: order"),
    Hook("order_fulfilled", "notify", "Items of an order were prepared. kwargs: order, fulfillment"),
    # payments: gateways answer these filter hooks (each plugin handles only its own gateway id, else passes on)
    Hook("payment_gateways", "filter",
         "List the payment gateways offered to a checkout or order. value: list of "
         "backend.commerce.payment.gateways.PaymentGatewayInfo; kwargs: channel, checkout (or None), order (or None)"),
    Hook("payment_gateway_initialize", "filter",
         "Initialise a gateway for the client (e.g. return the publishable key). value: dict {gateway_id: "
         "GatewayConfigResult}; kwargs: gateway_id, data (dict or None), source (checkout or order), amount"),
    Hook("transaction_initialize", "filter",
         "Start a payment session for a transaction the core just created. value: TransactionSessionResult or None; "
         "kwargs: gateway_id, transaction, source, amount, action (CHARGE|AUTHORIZATION), data, idempotency_key, "
         "customer_ip_address"),
    Hook("transaction_process", "filter",
         "Continue a payment session (after the client-side confirmation). value: TransactionSessionResult or None; "
         "kwargs: gateway_id, transaction, source, data, customer_ip_address"),
    Hook("transaction_action_request", "filter",
         "Ask the gateway to CHARGE, REFUND or CANCEL a transaction. value: TransactionSessionResult or None; "
         "kwargs: gateway_id, transaction, action, amount, user"),
    Hook("transaction_event", "notify",
         "A transaction event was recorded for the first time (replays do not notify). kwargs: transaction, event"),
    # external sign-in (Saleor's external* mutations; plugins/openid_connect). Each plugin answers for its own
    # plugin_id only and passes previous_value on. value: None (nobody answered), a dict (the payload fields) or a
    # django ValidationError (a refusal, reported as AccountError). kwargs: plugin_id, data (the input dict), request
    Hook("external_authentication_url", "filter", "Start an external sign-in. Answer: {authorizationUrl...}"),
    Hook("external_obtain_access_tokens", "filter",
         "Finish an external sign-in. Answer: {token, refreshToken, csrfToken, user}"),
    Hook("external_refresh", "filter",
         "Refresh an external sign-in. Answer: {token, user...}; extra kwarg: cookie_refresh_token"),
    Hook("external_logout", "filter", "End an external sign-in. Answer: {logoutUrl...}"),
    Hook("external_verify", "filter", "Check a token of an external sign-in. Answer: {user, isValid, verifyData}"),
    # back-office catalogue scope (issue 4): who may manage which products and stock
    Hook("catalogue_scope", "filter",
         "What a signed-in user may manage in the catalogue. value: None (nothing: refused) or a "
         "backend.api.product.scope.CatalogueScope (staff with MANAGE_PRODUCTS start with everything); kwargs: "
         "user. A plugin may narrow it (or give a scope to its own members) and add ownership checks."),
    Hook("demo_loaded", "notify",
         "The demo catalogue was loaded (comptoir load-demo / setup): plugins add their own demo data. No kwargs."),
)
