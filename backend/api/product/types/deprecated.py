"""Deprecated Saleor fields kept for old clients: product images (now media), tax types (now tax classes), preorder.

Declared as abstract bases that Product and ProductVariant inherit, so their main modules stay readable.
"""

import graphene

from backend.api.core.dataloaders import then
from backend.api.product import dataloaders as loaders
from backend.api.product.ids import decode_id
from backend.api.product.types.media import image_url, thumbnail_args

PREORDER_DEPRECATION = ("Preorder is deprecated and will be removed. Model pre-sales with regular stock instead: "
                        "create the planned quantity in a warehouse, or set `trackInventory` to false to sell without "
                        "a stock limit.")


class ProductImage(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the image.")
    alt = graphene.String(description="The alt text of the image.")
    sort_order = graphene.Int(description="The new relative sorting position of the item (from -inf to +inf). 1 "
                                          "moves the item one position forward, -1 moves the item one position "
                                          "backward, 0 leaves the item unchanged.")
    url = graphene.String(required=True, **thumbnail_args(), description="The URL of the image.")

    class Meta:
        description = "Represents a product image."

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_url(root, info, size=None, format=None):
        return image_url(info, "ProductMedia", root, root.image, size, format) or ""


class TaxType(graphene.ObjectType):
    description = graphene.String(description="Description of the tax type.")
    tax_code = graphene.String(description="External tax code used to identify given tax group.")

    class Meta:
        description = "Representation of tax types fetched from tax gateway."


class PreorderData(graphene.ObjectType):
    global_threshold = graphene.Int(deprecation_reason=PREORDER_DEPRECATION,
                                    description="The global preorder threshold for product variant.")
    global_sold_units = graphene.Int(required=True, deprecation_reason=PREORDER_DEPRECATION,
                                     description="Total number of sold product variant during preorder.")
    end_date = graphene.DateTime(deprecation_reason=PREORDER_DEPRECATION, description="Preorder end date.")

    class Meta:
        description = f"Represents preorder settings for product variant.\n\nDEPRECATED: {PREORDER_DEPRECATION}"


def _images(media):
    return [m for m in media if m.type == "IMAGE" and m.image]


class ProductDeprecatedFields(graphene.ObjectType):
    tax_type = graphene.Field(TaxType, deprecation_reason="Use `taxClass` field instead.",
                              description="A type of tax. Assigned by enabled tax gateway")
    image_by_id = graphene.Field(ProductImage, id=graphene.Argument(graphene.ID, required=True,
                                                                    description="ID of a product image."),
                                 deprecation_reason="Use the `mediaById` field instead.",
                                 description="Get a single product image by ID.")
    images = graphene.List(graphene.NonNull(ProductImage), deprecation_reason="Use the `media` field instead.",
                           description="List of images for the product.")

    class Meta:
        abstract = True

    @staticmethod
    def resolve_tax_type(_root, _info):
        return None  # no tax gateway: French VAT classes are answered by `taxClass`

    @staticmethod
    def resolve_images(root, info):
        return then(loaders.MediaByProductIdLoader(info.context).load(root.pk), _images)

    @staticmethod
    def resolve_image_by_id(root, info, id):
        pk = decode_id(id, "ProductImage")
        return then(loaders.MediaByProductIdLoader(info.context).load(root.pk),
                    lambda media: next((m for m in _images(media) if m.pk == pk), None))


class VariantDeprecatedFields(graphene.ObjectType):
    images = graphene.List(graphene.NonNull(ProductImage), deprecation_reason="Use the `media` field instead.",
                           description="List of images for the product variant.")
    preorder = graphene.Field(PreorderData, deprecation_reason=PREORDER_DEPRECATION,
                              description="Preorder data for product variant.")

    class Meta:
        abstract = True

    @staticmethod
    def resolve_images(root, info):
        return then(loaders.MediaByVariantIdLoader(info.context).load(root.pk), _images)

    @staticmethod
    def resolve_preorder(root, _info):
        return PreorderData(global_threshold=None, global_sold_units=0, end_date=None) if root.is_preorder else None
