"""productVariantCreate, productVariantUpdate, productVariantChannelListingUpdate, productVariantStocksUpdate and
stockBulkUpdate (Saleor's signatures). Stock goes only to warehouses of the caller's scope."""

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction

from backend.api.core.mutations import BaseMutation
from backend.api.core.scalars import DateTime, PositiveDecimal, WeightScalar
from backend.api.core.types import MetadataInput
from backend.api.product.mutations.common import (
    AttributeValueInput,
    BulkStockError,
    ErrorPolicyEnum,
    ProductChannelListingError,
    ProductError,
    StockBulkUpdateError,
    as_node,
    channel_by_id,
    deprecated_errors,
    error,
    product_in_scope,
    scope_of,
    variant_in_scope,
    warehouse_in_scope,
)
from backend.api.product.mutations.products import apply_metadata
from backend.commerce.product import services
from backend.commerce.product.models import ProductVariant
from backend.commerce.warehouse.services import stock_set
from backend.core.plugins import get_plugin_manager


def _variant_type():
    from backend.api.product.types.variants import ProductVariant as ProductVariantType

    return ProductVariantType


def _stock_type():
    from backend.api.warehouse.types import Stock

    return Stock


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True, description="Warehouse in which stock is located.")
    quantity = graphene.Int(required=True, description="Quantity of items available for sell.")


class PreorderSettingsInput(graphene.InputObjectType):
    global_threshold = graphene.Int(deprecation_reason="Preorder is deprecated.")
    end_date = DateTime(deprecation_reason="Preorder is deprecated.")


class VariantInputFields:
    sku = graphene.String(description="Stock keeping unit.")
    name = graphene.String(description="Variant name.")
    track_inventory = graphene.Boolean(description="Determines if the inventory of this variant should be tracked.")
    weight = WeightScalar(description="Weight of the Product Variant.")
    preorder = PreorderSettingsInput(deprecation_reason="Preorder is deprecated and will be removed.")
    quantity_limit_per_customer = graphene.Int(description="Determines maximum quantity of `ProductVariant`, that can "
                                               "be bought in a single checkout.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the product "
                             "variant metadata.")
    private_metadata = graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the "
                                     "product variant private metadata.")
    external_reference = graphene.String(description="External ID of this product variant.")


class ProductVariantCreateInput(VariantInputFields, graphene.InputObjectType):
    attributes = graphene.List(graphene.NonNull(AttributeValueInput), required=True,
                               description="List of attributes specific to this variant (only [] is supported).")
    product = graphene.ID(required=True, description="Product ID of which type is the variant.")
    stocks = graphene.List(graphene.NonNull(StockInput), description="Stocks of a product available for sale.")


class ProductVariantInput(VariantInputFields, graphene.InputObjectType):
    attributes = graphene.List(graphene.NonNull(AttributeValueInput), description="List of attributes specific to "
                               "this variant (not supported: refused when given).")


def variant_data(input) -> dict:
    if input.get("attributes"):
        raise error("attributes", "Les attributs se gèrent depuis l'administration du Comptoir.", "INVALID")
    if input.get("preorder"):
        raise error("preorder", "La prévente n'est pas proposée : utilisez un stock ordinaire.", "INVALID")
    return {key: input[key] for key in ("sku", "name", "track_inventory", "weight", "quantity_limit_per_customer",
                                         "external_reference") if key in input}


def set_stocks(info, variant, stocks, *, index_errors=False) -> list:
    scope = scope_of(info)
    written = []
    for index, item in enumerate(stocks or []):
        try:
            warehouse = warehouse_in_scope(info, item["warehouse"])
            scope.on_stock_set(variant, warehouse)
            written.append(stock_set(variant=variant, warehouse=warehouse, quantity=item["quantity"]))
        except ValidationError as exc:
            if not index_errors:
                raise
            raise ValidationError({field: [ValidationError(e.message, code=e.code, params={"index": index})
                                           for e in errors] for field, errors in exc.error_dict.items()}) from None
    for stock in written:
        get_plugin_manager().notify("stock_changed", stock=stock)
    return written


class ProductVariantCreate(BaseMutation):
    product_errors = deprecated_errors(ProductError)
    product_variant = graphene.Field(_variant_type)

    class Arguments:
        input = ProductVariantCreateInput(required=True, description="Fields required to create a product variant.")

    class Meta:
        description = "Creates a new variant for a product."
        error_type_class = ProductError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input):
        product = product_in_scope(info, id=input["product"])
        variant = services.variant_save(variant=ProductVariant(product=product), data=variant_data(input))
        apply_metadata(variant, input)
        set_stocks(info, variant, input.get("stocks"))
        return cls(product_variant=as_node(variant))


class ProductVariantUpdate(BaseMutation):
    product_errors = deprecated_errors(ProductError)
    product_variant = graphene.Field(_variant_type)

    class Arguments:
        id = graphene.ID(description="ID of a product variant to update.")
        sku = graphene.String(description="SKU of a product variant to update.")
        external_reference = graphene.String(description="External ID of a product variant to update.")
        input = ProductVariantInput(required=True, description="Fields required to update a product variant.")

    class Meta:
        description = "Updates an existing variant for product."
        error_type_class = ProductError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input, id=None, sku=None, external_reference=None):
        variant = variant_in_scope(info, id=id, sku=sku, external_reference=external_reference)
        variant = services.variant_save(variant=variant, data=variant_data(input))
        apply_metadata(variant, input)
        return cls(product_variant=as_node(variant))


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    price = PositiveDecimal(required=True, description="Price of the particular variant in channel.")
    cost_price = PositiveDecimal(description="Cost price of the variant in channel.")
    prior_price = PositiveDecimal(description="The value of the previous price before discount.")
    preorder_threshold = graphene.Int(deprecation_reason="Preorder is deprecated.")


class ProductVariantChannelListingUpdate(BaseMutation):
    product_channel_listing_errors = deprecated_errors(ProductChannelListingError)
    variant = graphene.Field(_variant_type)

    class Arguments:
        id = graphene.ID(description="ID of a product variant to update.")
        sku = graphene.String(description="SKU of a product variant to update.")
        input = graphene.List(graphene.NonNull(ProductVariantChannelListingAddInput), required=True,
                              description="List of fields required to create or upgrade product variant channel "
                                          "listings.")

    class Meta:
        description = "Manage product variant prices in channels (prices TTC)."
        error_type_class = ProductChannelListingError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input, id=None, sku=None):
        variant = variant_in_scope(info, id=id, sku=sku)
        prices = [{"channel": channel_by_id(item["channel_id"]), "price": item["price"],
                   "cost_price": item.get("cost_price"), "prior_price": item.get("prior_price")} for item in input]
        services.variant_channel_listing_update(variant=variant, prices=prices)
        return cls(variant=as_node(variant))


class ProductVariantStocksUpdate(BaseMutation):
    bulk_stock_errors = deprecated_errors(BulkStockError)
    product_variant = graphene.Field(_variant_type)

    class Arguments:
        variant_id = graphene.ID(description="ID of a product variant for which stocks will be updated.")
        sku = graphene.String(description="SKU of product variant for which stocks will be updated.")
        stocks = graphene.List(graphene.NonNull(StockInput), required=True, description="Input list of stocks to "
                               "create or update.")

    class Meta:
        description = "Update stocks for product variant."
        error_type_class = BulkStockError
        auth = "authenticated"

    @classmethod
    def error_response(cls, error: ValidationError, **payload):
        """As Saleor's BulkStockError: each error names the index of the stock input that caused it."""
        from backend.api.core.errors import validation_error_to_list

        errors = []
        groups = error.error_dict.items() if hasattr(error, "error_dict") else [("__all__", error.error_list)]
        for field, items in groups:
            for item in items:
                flat = validation_error_to_list(ValidationError({field: [item]}), "INVALID")[0]
                index = item.params.get("index") if isinstance(item.params, dict) else None
                errors.append(BulkStockError(field=flat["field"], message=flat["message"], code=flat["code"],
                                             index=index))
        return cls(errors=errors, **payload)

    @classmethod
    def perform_mutation(cls, _root, info, stocks, variant_id=None, sku=None):
        variant = variant_in_scope(info, id=variant_id, sku=sku)
        set_stocks(info, variant, stocks, index_errors=True)
        return cls(product_variant=as_node(variant))


class StockBulkUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(description="Variant ID.")
    variant_external_reference = graphene.String(description="Variant external reference.")
    warehouse_id = graphene.ID(description="Warehouse ID.")
    warehouse_external_reference = graphene.String(description="Warehouse external reference.")
    quantity = graphene.Int(required=True, description="Quantity of items available for sell.")


class StockBulkResult(graphene.ObjectType):
    stock = graphene.Field(_stock_type, description="Stock data.")
    errors = graphene.List(graphene.NonNull(StockBulkUpdateError), description="List of errors occurred on create "
                           "or update attempt.")


def _bulk_row(info, item):
    from backend.commerce.warehouse.models import Warehouse

    variant = variant_in_scope(info, id=item.get("variant_id"), external_reference=item.get(
        "variant_external_reference"))
    if item.get("warehouse_id"):
        warehouse = warehouse_in_scope(info, item["warehouse_id"], "warehouseId")
    else:
        found = Warehouse.objects.filter(external_reference=item.get("warehouse_external_reference") or "").first()
        if found is None:
            raise error("warehouseExternalReference", "Cet entrepôt n'existe pas.", "NOT_FOUND")
        warehouse = warehouse_in_scope(info, _gid(found), "warehouseExternalReference")
    scope_of(info).on_stock_set(variant, warehouse)
    return stock_set(variant=variant, warehouse=warehouse, quantity=item["quantity"])


def _gid(warehouse) -> str:
    from backend.core.ids import to_global_id

    return to_global_id("Warehouse", warehouse.pk)


class StockBulkUpdate(BaseMutation):
    count = graphene.Int(required=True, description="Returns how many objects were updated.")
    results = graphene.List(graphene.NonNull(StockBulkResult), required=True, description="List of the updated "
                            "stocks.")

    class Arguments:
        error_policy = ErrorPolicyEnum(description="Policies of error handling. DEFAULT: REJECT_EVERYTHING")
        stocks = graphene.List(graphene.NonNull(StockBulkUpdateInput), required=True, description="Input list of "
                               "stocks to update.")

    class Meta:
        description = "Updates stocks for a given variant and warehouse. Variant and warehouse selectors have to be "\
                      "the same for all stock inputs."
        error_type_class = StockBulkUpdateError
        auth = "authenticated"
        atomic = False  # each row in its own savepoint, the policy decides what is kept

    @classmethod
    def perform_mutation(cls, _root, info, stocks, error_policy=None):
        from backend.api.core.errors import PermissionDenied, validation_error_to_list

        scope_of(info)
        policy = getattr(error_policy, "value", error_policy) or "REJECT_EVERYTHING"
        results, failed = [], False
        with transaction.atomic():
            for item in stocks:
                try:
                    with transaction.atomic():
                        stock = _bulk_row(info, item)
                    results.append(StockBulkResult(stock=stock, errors=[]))
                except ValidationError as exc:
                    failed = True
                    results.append(StockBulkResult(stock=None, errors=[
                        StockBulkUpdateError(field=e["field"], message=e["message"],
                                             code=e["code"] if e["code"] in ("INVALID", "NOT_FOUND", "REQUIRED")
                                             else "INVALID")
                        for e in validation_error_to_list(exc, "INVALID")]))
                except PermissionDenied as exc:
                    failed = True
                    results.append(StockBulkResult(stock=None, errors=[
                        StockBulkUpdateError(field="variantId", message=str(exc.message), code="INVALID")]))
            if failed and policy == "REJECT_EVERYTHING":
                transaction.set_rollback(True)
                return cls(count=0, results=[StockBulkResult(stock=None, errors=r.errors) for r in results])
        written = [r.stock for r in results if r.stock is not None]
        for stock in written:
            get_plugin_manager().notify("stock_changed", stock=stock)
        return cls(count=len(written), results=results)
