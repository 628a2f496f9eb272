import graphene

from backend.api.core.enums import saleor_enum
from backend.api.core.types import ObjectWithMetadata
from backend.api.product.thumbnails import absolute_url, thumbnail_path
from backend.core.ids import to_global_id

ProductMediaType = saleor_enum("ProductMediaType")
ThumbnailFormatEnum = saleor_enum("ThumbnailFormatEnum")

SIZE_DESCRIPTION = ("Desired longest side the image in pixels. Defaults to 4096. Images are never cropped. Pass 0 to "
                    "retrieve the original size (not recommended).")
FORMAT_DESCRIPTION = "The format of the image. When not provided, format of the original image will be used."


def thumbnail_args() -> dict:
    return {
        "size": graphene.Argument(graphene.Int, description=SIZE_DESCRIPTION),
        "format": graphene.Argument(ThumbnailFormatEnum, default_value="ORIGINAL", description=FORMAT_DESCRIPTION),
    }


def image_url(info, type_name: str, obj, image_field, size=None, format=None) -> str | None:
    """Absolute URL of an image: the original when size is 0, else the thumbnail route."""
    if not image_field:
        return None
    if size == 0:
        return absolute_url(info.context, image_field.url)
    return absolute_url(info.context, thumbnail_path(to_global_id(type_name, obj.pk), size, format))


class ProductMedia(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The unique ID of the product media.")
    sort_order = graphene.Int(description="The sort order of the media.")
    alt = graphene.String(required=True, description="The alt text of the media.")
    type = graphene.Field(ProductMediaType, required=True, description="The type of the media.")
    oembed_data = graphene.JSONString(required=True, description="The oEmbed data of the media.")
    url = graphene.String(required=True, **thumbnail_args(), description="The URL of the media.")
    product_id = graphene.ID(description="Product id the media refers to.")

    class Meta:
        description = "Represents a product media."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_url(root, info, size=None, format=None):
        if root.type == "VIDEO" or not root.image:
            return root.external_url or ""
        return image_url(info, "ProductMedia", root, root.image, size, format)

    @staticmethod
    def resolve_product_id(root, _info):
        return to_global_id("Product", root.product_id)

    @staticmethod
    def resolve_oembed_data(root, _info):
        return root.oembed_data or {}


class MediaSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(saleor_enum("OrderDirection"), required=True,
                                    description="Specifies the direction in which to sort products.")
    field = graphene.InputField(saleor_enum("MediaChoicesSortField"), required=True,
                                description="Sort media by the selected field.")
