"""Saleor's filter and sort inputs for products, variants, categories and collections (names, fields and
descriptions as in Saleor 3.24). How they narrow a queryset is in filters.py and sorting.py."""

import graphene

from backend.api.attribute.inputs import AssignedAttributeWhereInput, AttributeInput
from backend.api.core.enums import OrderDirection, saleor_enum
from backend.api.core.filter_inputs import (
    DateTimeFilterInput,
    DateTimeRangeInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    IntRangeInput,
    MetadataFilter,
    PriceRangeInput,
    StringFilterInput,
)
from backend.api.core.scalars import Decimal  # noqa: F401 - kept for symmetry with the SDL scalars


class ProductStockFilterInput(graphene.InputObjectType):
    warehouse_ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    quantity = graphene.InputField(IntRangeInput, description='')



class ProductWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    name = graphene.InputField(StringFilterInput, description='Filter by product name.')
    slug = graphene.InputField(StringFilterInput, description='Filter by product slug.')
    product_type = graphene.InputField(GlobalIDFilterInput, description='Filter by product type.')
    category = graphene.InputField(GlobalIDFilterInput, description='Filter by product category.')
    collection = graphene.InputField(GlobalIDFilterInput, description='Filter by collection.')
    is_available = graphene.Boolean(description='Filter by availability for purchase.')
    is_published = graphene.Boolean(description='Filter by public visibility.')
    is_visible_in_listing = graphene.Boolean(description='Filter by visibility on the channel.')
    published_from = graphene.DateTime(description='Filter by the publication date.')
    available_from = graphene.DateTime(description='Filter by the date of availability for purchase.')
    has_category = graphene.Boolean(description='Filter by product with category assigned.')
    price = graphene.InputField(DecimalFilterInput, description='Filter by product variant price.')
    minimal_price = graphene.InputField(
        DecimalFilterInput,
        description="Filter by the lowest variant price after discounts.",
    )
    attributes = graphene.List(
        graphene.NonNull(AttributeInput),
        description="Filter by attributes associated with the product.",
    )
    stock_availability = graphene.InputField(
        saleor_enum('StockAvailability'),
        description="Filter by variants having specific stock status.",
    )
    stocks = graphene.InputField(ProductStockFilterInput, description='Filter by stock of the product variant.')
    gift_card = graphene.Boolean(description='Filter on whether product is a gift card or not.')
    has_preordered_variants = graphene.Boolean(
        deprecation_reason=("Preorder is deprecated and will be removed. Model pre-sales with regular stock "
                            "instead: create the planned quantity in a warehouse, or set `trackInventory` to false "
                            "to sell without a stock limit."),
        description="Filter by product with preordered variants.",
    )
    updated_at = graphene.InputField(DateTimeFilterInput, description='Filter by when was the most recent update.')
    and_ = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    or_ = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )



class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean(description='')
    collections = graphene.List(graphene.NonNull(graphene.ID), description='')
    categories = graphene.List(graphene.NonNull(graphene.ID), description='')
    has_category = graphene.Boolean(description='')
    attributes = graphene.List(graphene.NonNull(AttributeInput), description='')
    stock_availability = graphene.InputField(
        saleor_enum('StockAvailability'),
        description="Filter by variants having specific stock status.",
    )
    stocks = graphene.InputField(ProductStockFilterInput, description='')
    search = graphene.String(description='')
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    published_from = graphene.DateTime(description='Filter by the publication date.')
    is_available = graphene.Boolean(description='Filter by availability for purchase.')
    available_from = graphene.DateTime(description='Filter by the date of availability for purchase.')
    is_visible_in_listing = graphene.Boolean(description='Filter by visibility in product listings.')
    price = graphene.InputField(PriceRangeInput, description='')
    minimal_price = graphene.InputField(
        PriceRangeInput,
        description="Filter by the lowest variant price after discounts.",
    )
    updated_at = graphene.InputField(DateTimeRangeInput, description='Filter by when was the most recent update.')
    product_types = graphene.List(graphene.NonNull(graphene.ID), description='')
    gift_card = graphene.Boolean(description='Filter on whether product is a gift card or not.')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    has_preordered_variants = graphene.Boolean(
        deprecation_reason=("Preorder is deprecated and will be removed. Model pre-sales with regular stock "
                            "instead: create the planned quantity in a warehouse, or set `trackInventory` to false "
                            "to sell without a stock limit."),
        description="Filter by product with preordered variants.",
    )
    slugs = graphene.List(graphene.NonNull(graphene.String), description='')
    channel = graphene.String(
        deprecation_reason="Use root-level channel argument instead.",
        description="Specifies the channel by which the data should be filtered.",
    )



class ProductOrder(graphene.InputObjectType):
    direction = graphene.InputField(
        OrderDirection,
        required=True,
        description="Specifies the direction in which to sort products.",
    )
    channel = graphene.String(
        deprecation_reason="Use root-level channel argument instead.",
        description="Specifies the channel in which to sort the data.",
    )
    attribute_id = graphene.ID(
        description=("Sort product by the selected attribute's values.\nNote: this doesn't take translations into "
                     "account yet."),
    )
    field = graphene.InputField(saleor_enum("ProductOrderField"), description='Sort products by the selected field.')



class ProductVariantWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    sku = graphene.InputField(StringFilterInput, description='Filter by product SKU.')
    updated_at = graphene.InputField(DateTimeRangeInput, description='Filter by when was the most recent update.')
    attributes = graphene.List(
        graphene.NonNull(AssignedAttributeWhereInput),
        description="Filter by attributes associated with the variant.\n\nAdded in Saleor 3.22.",
    )
    stock_availability = graphene.InputField(
        saleor_enum('StockAvailability'),
        description=("Filter by variants having a specific stock status in the given channel.\n\nAdded in Saleor "
                     "3.24."),
    )
    stocks = graphene.InputField(
        ProductStockFilterInput,
        description="Filter by stock of the variant.\n\nAdded in Saleor 3.24.",
    )
    and_ = graphene.List(
        graphene.NonNull(lambda: ProductVariantWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    or_ = graphene.List(
        graphene.NonNull(lambda: ProductVariantWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )



class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String(description='')
    sku = graphene.List(graphene.NonNull(graphene.String), description='')
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    is_preorder = graphene.Boolean(
        deprecation_reason=("Preorder is deprecated and will be removed. Model pre-sales with regular stock "
                            "instead: create the planned quantity in a warehouse, or set `trackInventory` to false "
                            "to sell without a stock limit."),
        description="Filter by variants that are currently in preorder.",
    )
    updated_at = graphene.InputField(DateTimeRangeInput, description='')



class ProductVariantSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(
        OrderDirection,
        required=True,
        description="Specifies the direction in which to sort productVariants.",
    )
    field = graphene.InputField(
        saleor_enum('ProductVariantSortField'),
        required=True,
        description="Sort productVariants by the selected field.",
    )



class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String(description='')
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    slugs = graphene.List(graphene.NonNull(graphene.String), description='')
    updated_at = graphene.InputField(DateTimeRangeInput, description='Filter by when was the most recent update.')



class CategoryWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    and_ = graphene.List(
        graphene.NonNull(lambda: CategoryWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    or_ = graphene.List(
        graphene.NonNull(lambda: CategoryWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )



class CategorySortingInput(graphene.InputObjectType):
    direction = graphene.InputField(
        OrderDirection,
        required=True,
        description="Specifies the direction in which to sort categories.",
    )
    channel = graphene.String(
        deprecation_reason="Use root-level channel argument instead.",
        description="Specifies the channel in which to sort the data.",
    )
    field = graphene.InputField(
        saleor_enum('CategorySortField'),
        required=True,
        description="Sort categories by the selected field.",
    )



class CollectionFilterInput(graphene.InputObjectType):
    published = graphene.InputField(saleor_enum("CollectionPublished"), description='')
    search = graphene.String(description='')
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    slugs = graphene.List(graphene.NonNull(graphene.String), description='')
    channel = graphene.String(
        deprecation_reason="Use root-level channel argument instead.",
        description="Specifies the channel by which the data should be filtered.",
    )



class CollectionWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description='')
    ids = graphene.List(graphene.NonNull(graphene.ID), description='')
    and_ = graphene.List(
        graphene.NonNull(lambda: CollectionWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    or_ = graphene.List(
        graphene.NonNull(lambda: CollectionWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )



class CollectionSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(
        OrderDirection,
        required=True,
        description="Specifies the direction in which to sort collections.",
    )
    channel = graphene.String(
        deprecation_reason="Use root-level channel argument instead.",
        description="Specifies the channel in which to sort the data.",
    )
    field = graphene.InputField(
        saleor_enum('CollectionSortField'),
        required=True,
        description="Sort collections by the selected field.",
    )
