"""Thumbnails: URLs on Product/ProductMedia, and the /thumbnail/ view (Pillow, cached, 404 on bad input)."""

import pytest
from PIL import Image

from backend.commerce.product.models import ProductMedia
from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.catalogue.conftest import gql

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def photo(media_root, channel):
    """A 1200x800 JPEG of a product."""
    (media_root / "products").mkdir()
    Image.new("RGB", (1200, 800), (200, 160, 60)).save(media_root / "products" / "maroilles.jpg", "JPEG")
    product = factories.product("Maroilles")
    return ProductMedia.objects.create(product=product, image="products/maroilles.jpg", alt="Un maroilles")


def test_thumbnail_urls_are_absolute_and_snapped_to_allowed_sizes(api, photo):
    media_id = to_global_id("ProductMedia", photo.pk)
    query = """{ products(first: 1) { edges { node {
      thumbnail(size: 300) { url alt } webp: thumbnail(size: 256, format: WEBP) { url }
      original: thumbnail(size: 0) { url } media { url(size: 1000) type alt } } } } }"""

    node = gql(api, query)["products"]["edges"][0]["node"]

    assert node["thumbnail"] == {"url": f"http://testserver/thumbnail/{media_id}/256/", "alt": "Un maroilles"}
    assert node["webp"] == {"url": f"http://testserver/thumbnail/{media_id}/256/webp/"}
    assert node["original"] == {"url": "http://testserver/media/products/maroilles.jpg"}
    assert node["media"] == [{"url": f"http://testserver/thumbnail/{media_id}/1024/", "type": "IMAGE",
                              "alt": "Un maroilles"}]


def test_thumbnail_is_generated_once_and_cached(client, photo, media_root):
    media_id = to_global_id("ProductMedia", photo.pk)

    first = client.get(f"/thumbnail/{media_id}/256/webp/")
    cached_files = sorted(p.name for p in (media_root / "thumbnails").iterdir())
    second = client.get(f"/thumbnail/{media_id}/256/webp/")

    assert first.status_code == 200 and second.status_code == 200
    assert first["Content-Type"] == "image/webp"
    assert first["Cache-Control"] == "public, max-age=2592000"
    assert len(cached_files) == 1 and cached_files[0].endswith(".webp")
    assert sorted(p.name for p in (media_root / "thumbnails").iterdir()) == cached_files
    with Image.open(media_root / "thumbnails" / cached_files[0]) as image:
        assert image.size == (256, 171)  # longest side = 256, never cropped


def test_thumbnail_original_format_and_avif(client, photo):
    media_id = to_global_id("ProductMedia", photo.pk)

    jpeg = client.get(f"/thumbnail/{media_id}/64/")
    avif = client.get(f"/thumbnail/{media_id}/64/avif/")

    assert jpeg.status_code == 200 and jpeg["Content-Type"] == "image/jpeg"
    assert avif.status_code == 200 and avif["Content-Type"] == "image/avif"


@pytest.mark.parametrize("path", [
    "/thumbnail/pas-un-id/256/",
    "/thumbnail/UHJvZHVjdE1lZGlhOjk5OTk5/256/",  # ProductMedia:99999
    "/thumbnail/UHJvZHVjdDox/256/",  # Product:1, not an image
    "/thumbnail/{media}/256/gif/",
])
def test_bad_thumbnail_requests_are_404(client, photo, path):
    response = client.get(path.format(media=to_global_id("ProductMedia", photo.pk)))

    assert response.status_code == 404


def test_missing_image_file_is_404_not_500(client, media_root, channel):
    product = factories.product("Sans photo")
    media = ProductMedia.objects.create(product=product, image="products/absent.jpg")

    response = client.get(f"/thumbnail/{to_global_id('ProductMedia', media.pk)}/128/")

    assert response.status_code == 404
