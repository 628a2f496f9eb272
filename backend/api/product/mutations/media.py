"""productMediaCreate: an image sent with the graphql-multipart-request-spec. Its type is read from the image bytes
(never from the client's file name or content type), and its size is capped."""

import graphene
from django.conf import settings
from PIL import Image, UnidentifiedImageError

from backend.api.core.mutations import BaseMutation
from backend.api.core.scalars import Upload
from backend.api.product.mutations.common import ProductError, as_node, deprecated_errors, error, product_in_scope
from backend.commerce.product.models import ProductMedia
from backend.core.plugins import get_plugin_manager

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def _product_type():
    from backend.api.product.types.products import Product

    return Product


def _media_type():
    from backend.api.product.types.media import ProductMedia as ProductMediaType

    return ProductMediaType


def checked_image(upload) -> str:
    """The image format read from the content; a clear ProductError otherwise (nothing is written)."""
    limit = getattr(settings, "PRODUCT_MEDIA_MAX_BYTES", 8 * 1024 * 1024)
    if upload.size > limit:
        raise error("image", f"L'image dépasse {limit // (1024 * 1024)} Mo.", "FILE_SIZE_LIMIT_EXCEEDED")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise error("image", "Ce fichier n'est pas une image.", "INVALID_FILE_TYPE") from None
    if kind not in ALLOWED_FORMATS:
        raise error("image", "Format d'image non pris en charge (JPEG, PNG, WebP ou GIF).", "UNSUPPORTED_MIME_TYPE")
    upload.seek(0)
    return ALLOWED_FORMATS[kind]


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String(description="Alt text for a product media.")
    image = Upload(description="Represents an image file in a multipart request.")
    product = graphene.ID(required=True, description="ID of an product.")
    media_url = graphene.String(description="Represents an URL to an external media.")


class ProductMediaCreate(BaseMutation):
    product_errors = deprecated_errors(ProductError)
    product = graphene.Field(_product_type)
    media = graphene.Field(_media_type)

    class Arguments:
        input = ProductMediaCreateInput(required=True, description="Fields required to create a product media.")

    class Meta:
        description = "Create a media object (image) for a product, sent as a multipart request."
        error_type_class = ProductError
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, input):
        product = product_in_scope(info, id=input["product"])
        if input.get("media_url"):
            raise error("mediaUrl", "Les médias externes ne sont pas pris en charge : envoyez une image.",
                        "UNSUPPORTED_MEDIA_PROVIDER")
        upload = input.get("image")
        if upload is None or not hasattr(upload, "read"):
            raise error("image", "Envoyez une image (requête multipart).", "REQUIRED")
        extension = checked_image(upload)
        alt = (input.get("alt") or "")[:250]
        media = ProductMedia(product=product, alt=alt, sort_order=product.media.count())
        media.image.save(f"{product.slug}.{extension}", upload, save=False)
        media.save()
        media.refresh_from_db()  # plain values for the GraphQL enums
        get_plugin_manager().notify("product_updated", product=product)
        return cls(product=as_node(product), media=media)
