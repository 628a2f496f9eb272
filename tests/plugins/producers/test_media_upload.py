"""productMediaCreate over the graphql-multipart-request-spec: own products only, image checked from its bytes."""

import io
import json

import pytest
from django.test import Client
from PIL import Image

from backend.commerce.product.models import ProductMedia
from tests.plugins.producers.conftest import member, owned_variant, token_for
from tests.utils import to_global_id

pytestmark = pytest.mark.django_db
MEDIA_CREATE = """mutation($image: Upload, $product: ID!) { productMediaCreate(input: {product: $product,
    image: $image, alt: "Maroilles sur planche"}) { media { alt type } errors { field code message } } }"""


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 150, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(user, product_id, content: bytes, name="photo.png"):
    operations = {"query": MEDIA_CREATE, "variables": {"image": None, "product": product_id}}
    data = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.image"]}),
            "0": io.BytesIO(content)}
    data["0"].name = name
    response = Client().post("/graphql/", data=data, HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def cheese(channel, producer_a):
    return owned_variant(producer_a, "Maroilles AOP")


def test_a_member_uploads_a_photo_of_its_product(cheese, producer_a):
    answer = upload(member(producer_a), to_global_id("Product", cheese.product_id), png_bytes())

    assert answer["data"]["productMediaCreate"] == {"media": {"alt": "Maroilles sur planche", "type": "IMAGE"},
                                                    "errors": []}
    media = ProductMedia.objects.get(product=cheese.product)
    assert media.image.name.endswith(".png")


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(cheese, producer_a):
    answer = upload(member(producer_a), to_global_id("Product", cheese.product_id), b"%PDF-1.4 pas une image",
                    name="photo.jpg")

    assert answer["data"]["productMediaCreate"]["errors"] == [
        {"field": "image", "code": "INVALID_FILE_TYPE", "message": "Ce fichier n'est pas une image."}]
    assert ProductMedia.objects.count() == 0


def test_another_producer_cannot_add_a_photo(cheese, producer_b):
    answer = upload(member(producer_b), to_global_id("Product", cheese.product_id), png_bytes())

    assert answer["data"]["productMediaCreate"] is None
    assert answer["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert ProductMedia.objects.count() == 0


def test_a_too_large_image_is_refused(cheese, producer_a, settings):
    settings.PRODUCT_MEDIA_MAX_BYTES = 50

    answer = upload(member(producer_a), to_global_id("Product", cheese.product_id), png_bytes())

    assert answer["data"]["productMediaCreate"]["errors"][0]["code"] == "FILE_SIZE_LIMIT_EXCEEDED"
    assert ProductMedia.objects.count() == 0
