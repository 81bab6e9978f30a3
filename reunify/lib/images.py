"""Checking and cleaning user-uploaded photos of missing people.

Pure Pillow, no Django: the web form calls `check_upload` to reject bad files while the
person is still on the page, and the background task calls `process_upload` to produce the
files we actually serve. Served files carry no metadata at all: a family's photo must not
publish the GPS position of their home.
"""

from __future__ import annotations

import io
import secrets
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from PIL import ExifTags, Image, ImageCms, ImageFile, UnidentifiedImageError


def _(message: str) -> str:
    # No-op marker so that Django's makemessages extracts the messages below; the form
    # translates them with gettext() at request time.
    return message


MAX_UPLOAD_BYTES: int = 10 * 1024 * 1024
# Below Pillow's own default (~89 megapixels): a 40 MP RGBA frame is already 160 MB of RAM.
MAX_PIXELS: int = 40_000_000
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")

DISPLAY_MAX_SIDE = 1200
THUMBNAIL_MAX_SIDE = 320
JPEG_QUALITY = 85

_MESSAGES = {
    "empty": _("The file is empty. Please choose a photo to upload."),
    "too_large_bytes": _("This file is too large. A photo can be at most 10 MB."),
    "not_an_image": _("This file is not a photo. Please upload a JPEG, PNG or WebP picture."),
    "unsupported_format": _(
        "This type of picture is not supported. Please upload a JPEG, PNG or WebP photo. "
        "Most phones can share or save a photo as JPEG."
    ),
    "too_many_pixels": _(
        "This picture is too big to process. Please upload a smaller copy of it, "
        "for example a screenshot."
    ),
    "truncated": _(
        "This photo is incomplete, perhaps because the upload was interrupted. "
        "Please try uploading it again."
    ),
    "corrupt": _("This photo is damaged and cannot be opened. Please try another copy of it."),
}

# Magic numbers of formats that people do upload but we do not accept, so that they get
# "not supported" rather than "not a photo".
_UNSUPPORTED_SIGNATURES = (
    b"GIF87a",
    b"GIF89a",
    b"BM",  # BMP
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
    b"\xff\x0a",  # JPEG XL codestream
    b"\x00\x00\x00\x0cJXL ",  # JPEG XL container
    b"8BPS",  # Photoshop
    b"%PDF",
)
_ALLOWED_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")

# Pillow's decoders report hostile input with many exception types: OSError (truncated,
# broken data stream), SyntaxError (PNG chunks), struct.error and IndexError (short
# headers), ValueError and EOFError.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


class ImageRejected(ValueError):
    """An upload we refuse; `message` is for the person who uploaded it."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.message = _MESSAGES[code]
        super().__init__(self.message)


@dataclass(frozen=True)
class ImageInfo:
    format: str  # one of ALLOWED_FORMATS
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedImage:
    display: bytes
    thumbnail: bytes
    width: int
    height: int
    thumb_width: int
    thumb_height: int
    content_type: str = "image/jpeg"


def random_name(suffix: str = ".jpg") -> str:
    """A file name that reveals nothing about the person and cannot be guessed."""
    return secrets.token_hex(16) + suffix


def check_upload(data: bytes | BinaryIO) -> ImageInfo:
    """Reject anything that is not a complete, reasonably sized JPEG, PNG or WebP.

    A file object is read from its current position and put back there afterwards.
    """
    _, info = _decode(_read_limited(data))
    return info


def process_upload(data: bytes) -> ProcessedImage:
    """Check again, then re-encode without metadata in a display size and a thumbnail."""
    image, _info = _decode(_read_limited(data))
    with _decoding_errors_rejected():
        image = _apply_orientation(image)
        image = _to_srgb(image)
    image = _flatten_to_rgb(image)

    display = image.copy()
    display.thumbnail((DISPLAY_MAX_SIDE, DISPLAY_MAX_SIDE), Image.Resampling.LANCZOS)
    thumbnail = display.copy()
    thumbnail.thumbnail((THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE), Image.Resampling.LANCZOS)
    return ProcessedImage(
        display=_encode_jpeg(display),
        thumbnail=_encode_jpeg(thumbnail),
        width=display.width,
        height=display.height,
        thumb_width=thumbnail.width,
        thumb_height=thumbnail.height,
    )


def _read_limited(data: bytes | BinaryIO) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        content = bytes(data)
    else:
        start = data.tell() if data.seekable() else None
        # One byte over the limit is enough to know it is too large.
        content = data.read(MAX_UPLOAD_BYTES + 1)
        if start is not None:
            data.seek(start)
    if not content:
        raise ImageRejected("empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImageRejected("too_large_bytes")
    return content


def _decode(data: bytes) -> tuple[Image.Image, ImageInfo]:
    """Fully decode the first frame; the only place that reads untrusted bytes."""
    with _decoding_errors_rejected():
        image = _open(data)
        info = ImageInfo(_format_of(image), image.width, image.height)
        # verify() catches broken PNG chunks that load() tolerates, but it leaves the
        # image unusable, so open a second time to decode.
        image.verify()
        image = _open(data)
        # For JPEG, let libjpeg decode at a reduced scale that is still larger than the
        # display size: much less memory and time, and the whole stream is still read, so
        # truncation is still caught.
        image.draft(None, (DISPLAY_MAX_SIDE, DISPLAY_MAX_SIDE))
        # Decodes the first frame only; animated images keep just that one.
        image.load()
    return image, info


def _open(data: bytes) -> ImageFile.ImageFile:
    try:
        image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except UnidentifiedImageError as error:
        raise ImageRejected(_code_for_unidentified(data)) from error
    # Checked before any pixel is decoded. Pillow's own bomb check happens in open() with
    # a higher limit; this is the one that counts.
    if image.width * image.height > MAX_PIXELS:
        raise ImageRejected("too_many_pixels")
    return image


def _format_of(image: Image.Image) -> str:
    # Pillow reports phone photos with a second embedded picture (depth map, preview) as
    # MPO; they are ordinary JPEG files and we decode the first picture only.
    if image.format == "MPO":
        return "JPEG"
    if image.format not in ALLOWED_FORMATS:
        raise ImageRejected("unsupported_format")
    return image.format


def _code_for_unidentified(data: bytes) -> str:
    if data.startswith(_ALLOWED_SIGNATURES) or _is_webp(data):
        return "corrupt"
    if data.startswith(_UNSUPPORTED_SIGNATURES) or data[4:8] == b"ftyp":
        # ftyp: ISO media files, which includes HEIC/HEIF and AVIF photos.
        return "unsupported_format"
    return "not_an_image"


def _is_webp(data: bytes) -> bool:
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


@contextmanager
def _decoding_errors_rejected() -> Iterator[None]:
    # Pillow only warns between MAX_IMAGE_PIXELS and twice that; make it an error here.
    # catch_warnings() swaps the process-wide filter list and is not thread-safe on
    # Python 3.11, so it is only a second line of defence: the pixel check in _open()
    # does not depend on it.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except ImageRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRejected("too_many_pixels") from error
        except _DECODE_ERRORS as error:
            raise ImageRejected(_code_for_decode_error(error)) from error


def _code_for_decode_error(error: Exception) -> str:
    # Pillow says "image file is truncated", "Truncated File Read" or "truncated PNG file".
    if isinstance(error, EOFError) or "truncated" in str(error).lower():
        return "truncated"
    return "corrupt"


# The table of ImageOps.exif_transpose(). We do not call it: it re-encodes the remaining
# EXIF, which we throw away anyway, and that raises TypeError on some corrupt EXIF.
_TRANSPOSE_FOR_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _apply_orientation(image: Image.Image) -> Image.Image:
    """Turn the pixels the way the camera's EXIF Orientation tag says they are shown."""
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation)
    except _DECODE_ERRORS:
        # Unreadable EXIF (a SyntaxError for a bad TIFF header) does not make the pixels
        # bad: show the photo as stored rather than reject what the form accepted.
        return image
    method = _TRANSPOSE_FOR_ORIENTATION.get(orientation)
    return image if method is None else image.transpose(method)


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours to sRGB so that the embedded ICC profile can be dropped."""
    icc_profile = image.info.get("icc_profile")
    output_modes = {"RGB": "RGB", "RGBA": "RGBA", "CMYK": "RGB", "L": "RGB"}
    if not icc_profile or image.mode not in output_modes:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        srgb = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(
            image, source, srgb, outputMode=output_modes[image.mode]
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken or mismatched profile (say RGB profile in a greyscale file): the
        # colours may be slightly off, which is better than rejecting the photo.
        return image
    assert converted is not None  # profileToProfile returns None only with inPlace=True
    return converted


def _flatten_to_rgb(image: Image.Image) -> Image.Image:
    if image.mode.startswith("I"):
        # 16-bit greyscale PNG: convert("RGB") would clip everything above 255 to white.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if not has_alpha:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    # Transparent areas become white, as they look on the white page.
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _encode_jpeg(image: Image.Image) -> bytes:
    # Pillow's JPEG encoder falls back to image.info for some fields (the comment, for
    # one); start from nothing so that no metadata can survive.
    image.info = {}
    output = io.BytesIO()
    image.save(output, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return output.getvalue()
