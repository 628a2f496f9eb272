"""Thumbnails, as Saleor serves them: /thumbnail/<global id>/<size>/[<format>/].

The size is snapped to Saleor's allowed set, the image is generated once with Pillow (never cropped, longest side =
size) and kept under MEDIA_ROOT/thumbnails; later requests read the file. Unknown ids, sizes or formats answer 404.
"""

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.http import http_date
from PIL import Image, UnidentifiedImageError

from backend.core.ids import InvalidGlobalId, from_global_id

logger = logging.getLogger(__name__)

THUMBNAIL_SIZES = (32, 64, 128, 256, 512, 1024, 2048, 4096)
DEFAULT_THUMBNAIL_SIZE = 4096
FORMATS = {"webp": ("WEBP", "image/webp"), "avif": ("AVIF", "image/avif")}
ORIGINAL_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp",
                          "AVIF": "image/avif"}
CACHE_SECONDS = 30 * 24 * 3600


def snap_size(size: int | None) -> int:
    """The allowed size closest to the one asked (Saleor's rule); the default is the largest."""
    if size is None:
        return DEFAULT_THUMBNAIL_SIZE
    return min(THUMBNAIL_SIZES, key=lambda allowed: (abs(allowed - size), allowed))


THUMBNAIL_ROUTE = "/thumbnail/"


def thumbnail_path(global_id: str, size: int | None, fmt=None) -> str:
    """The URL path of a thumbnail; `fmt` is a ThumbnailFormatEnum member or name (ORIGINAL adds nothing)."""
    name = str(getattr(fmt, "name", fmt) or "ORIGINAL").lower()
    path = f"{THUMBNAIL_ROUTE}{global_id}/{snap_size(size)}/"
    return path if name == "original" else f"{path}{name}/"


def absolute_url(context, path: str) -> str:
    build = getattr(context, "build_absolute_uri", None)
    if callable(build):
        try:
            if path.startswith(THUMBNAIL_ROUTE):
                # A grid asks for 24 thumbnails: the scheme and host (checked against ALLOWED_HOSTS) are worked out
                # once per request. The rest of such a path is ours, ASCII, and needs no escaping.
                base = getattr(context, "_thumbnail_base", None)
                if base is None:
                    base = context._thumbnail_base = build(THUMBNAIL_ROUTE)
                return base + path[len(THUMBNAIL_ROUTE):]
            return build(path)
        except Exception:  # noqa: BLE001 - a request without a host (in-process call) falls back to PUBLIC_URL
            logger.debug("No host to build an absolute URL; using PUBLIC_URL")
    return f"{settings.PUBLIC_URL}{path}"


def _image_field(type_name: str, pk: str):
    from backend.commerce.product.models import Category, Collection, ProductMedia

    if not pk.isdigit():
        return None
    if type_name == "ProductMedia":
        media = ProductMedia.objects.filter(pk=int(pk)).only("image").first()
        return media.image if media else None
    if type_name in ("Category", "Collection"):
        model = Category if type_name == "Category" else Collection
        obj = model.objects.filter(pk=int(pk)).only("background_image").first()
        return obj.background_image if obj else None
    return None


def _source_path(image_field) -> Path | None:
    if not image_field:
        return None
    try:
        path = Path(image_field.path)
    except (NotImplementedError, ValueError):
        return None
    return path if path.is_file() else None


def _render(source: Path, target: Path, size: int, pillow_format: str | None) -> None:
    with Image.open(source) as image:
        original_format = image.format or "PNG"
        image.thumbnail((size, size))
        out_format = pillow_format or original_format
        if out_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed: concurrent workers never serve a half-written file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                image.save(out, format=out_format, **({"quality": 82} if out_format in ("JPEG", "WEBP") else {}))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def serve_thumbnail(request, media_id: str, size: int, fmt: str | None = None):
    try:
        type_name, pk = from_global_id(media_id)
    except InvalidGlobalId as exc:
        raise Http404("Identifiant inconnu.") from exc
    if size not in THUMBNAIL_SIZES and size != 0:
        size = snap_size(size)
    fmt_key = (fmt or "original").lower()
    if fmt_key != "original" and fmt_key not in FORMATS:
        raise Http404("Format d'image inconnu.")
    source = _source_path(_image_field(type_name, pk))
    if source is None:
        raise Http404("Image introuvable.")
    pillow_format, content_type = FORMATS.get(fmt_key, (None, None))
    stamp = hashlib.sha256(f"{source}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    if size == 0:
        target = source
    else:
        extension = fmt_key if pillow_format else source.suffix.lstrip(".").lower() or "png"
        target = Path(settings.MEDIA_ROOT) / "thumbnails" / f"{type_name.lower()}-{pk}-{size}-{stamp}.{extension}"
        if not target.exists():
            try:
                _render(source, target, size, pillow_format)
            except (UnidentifiedImageError, OSError) as exc:
                logger.warning("Thumbnail of %s failed: %s", media_id, exc)
                raise Http404("Image illisible.") from exc
    if content_type is None:
        content_type = _content_type(target)
    response = FileResponse(open(target, "rb"), content_type=content_type)  # noqa: SIM115 - closed by Django
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Last-Modified"] = http_date(target.stat().st_mtime)
    response["ETag"] = f'"{stamp}-{size}-{fmt_key}"'
    return response


def _content_type(path: Path) -> str:
    try:
        with Image.open(path) as image:
            return ORIGINAL_CONTENT_TYPES.get(image.format, "application/octet-stream")
    except (UnidentifiedImageError, OSError):
        return "application/octet-stream"
