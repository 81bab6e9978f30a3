import ast
import contextlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from reunify.lib import images
from reunify.lib.images import (
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    ImageInfo,
    ImageRejected,
    check_upload,
    process_upload,
    random_name,
)

RED = (255, 0, 0)
BLUE = (0, 0, 255)
HOME_ADDRESS = "12 Hope Street"


# Builders ------------------------------------------------------------------------------


def _picture(width=400, height=200, mode="RGB"):
    """Blue, with a red block in the top-left corner so that rotations can be told apart."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 4, height // 4))
    return image.convert(mode)


def _gps_exif(orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
    }
    return exif.tobytes()


def _xmp():
    return (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b"<rdf:Description>" + HOME_ADDRESS.encode() + b"</rdf:Description>"
        b"</rdf:RDF></x:xmpmeta>"
    )


def _encode(image, image_format, **params):
    output = io.BytesIO()
    image.save(output, image_format, **params)
    return output.getvalue()


def _phone_jpeg(orientation=6):
    """What a phone camera uploads: GPS in EXIF, rotation in a tag, XMP, a comment."""
    return _encode(
        _picture(),
        "JPEG",
        exif=_gps_exif(orientation),
        xmp=_xmp(),
        comment=HOME_ADDRESS.encode(),
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )


def _png_with_metadata():
    text = PngInfo()
    text.add_text("Comment", HOME_ADDRESS)
    text.add_itxt("XML:com.adobe.xmp", _xmp().decode())
    return _encode(_picture(), "PNG", pnginfo=text, exif=_gps_exif())


def _webp_with_metadata():
    return _encode(_picture(), "WEBP", exif=_gps_exif(), xmp=_xmp())


def _png_declaring(width, height):
    """A small PNG whose header claims a huge picture, as a decompression bomb does."""

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    rows = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def _reopen(data):
    return Image.open(io.BytesIO(data))


def _colour_at(image, x, y):
    """The colour nearest to the pixel: red, blue or white (JPEG shifts values a little)."""
    pixel = image.convert("RGB").getpixel((x, y))
    named = {"red": RED, "blue": BLUE, "white": (255, 255, 255), "black": (0, 0, 0)}
    return min(
        named, key=lambda name: sum(abs(a - b) for a, b in zip(named[name], pixel, strict=True))
    )


# Accepted uploads ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "expected_format"),
    [(_phone_jpeg, "JPEG"), (_png_with_metadata, "PNG"), (_webp_with_metadata, "WEBP")],
)
def test_jpeg_png_and_webp_are_accepted_with_their_size(build, expected_format):
    assert check_upload(build()) == ImageInfo(expected_format, 400, 200)


def test_a_file_object_is_read_and_put_back_where_it_was(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(_png_with_metadata())
    with path.open("rb") as upload:
        assert check_upload(upload).format == "PNG"
        assert upload.tell() == 0


def test_a_phone_photo_with_a_second_embedded_picture_counts_as_jpeg():
    # Pillow calls these MPO (multi-picture JPEG); many phone cameras produce them.
    data = _encode(_picture(), "MPO", save_all=True, append_images=[_picture(mode="RGB")])
    assert _reopen(data).format == "MPO"
    assert check_upload(data).format == "JPEG"
    assert _reopen(process_upload(data).display).format == "JPEG"


# Metadata is stripped ------------------------------------------------------------------


def test_the_builders_really_put_gps_and_text_into_the_uploads():
    # Otherwise the stripping tests below would pass for the wrong reason.
    for data in (_phone_jpeg(), _png_with_metadata(), _webp_with_metadata()):
        uploaded = _reopen(data)
        assert uploaded.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert b"Exif\x00\x00" in data or b"eXIf" in data or b"EXIF" in data
        assert HOME_ADDRESS.encode() in data


@pytest.mark.parametrize("build", [_phone_jpeg, _png_with_metadata, _webp_with_metadata])
def test_gps_exif_xmp_and_text_are_gone_after_processing(build):
    processed = process_upload(build())
    for data in (processed.display, processed.thumbnail):
        output = _reopen(data)
        assert not output.getexif()
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(output.info)
        assert b"Exif" not in data
        assert b"http://ns.adobe.com/xap" not in data and b"xmpmeta" not in data
        assert HOME_ADDRESS.encode() not in data
        assert b"PhoneMaker" not in data


def test_png_text_chunks_are_not_carried_over():
    processed = process_upload(_png_with_metadata())
    assert "Comment" not in _reopen(processed.display).info


# Orientation, colours and sizes --------------------------------------------------------


def test_the_exif_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned, the picture is shown rotated 90° clockwise,
    # so the red top-left corner of the stored picture ends up top-right.
    processed = process_upload(_phone_jpeg(orientation=6))
    output = _reopen(processed.display)
    assert (processed.width, processed.height) == (200, 400) == output.size
    assert _colour_at(output, 190, 10) == "red"
    assert _colour_at(output, 10, 10) == "blue"
    assert _colour_at(output, 190, 390) == "blue"


def test_a_photo_without_orientation_keeps_its_pixels_where_they_are():
    processed = process_upload(_phone_jpeg(orientation=None))
    output = _reopen(processed.display)
    assert output.size == (400, 200)
    assert _colour_at(output, 10, 10) == "red"
    assert _colour_at(output, 390, 10) == "blue"


def test_a_photo_with_unreadable_exif_is_still_processed_as_stored():
    data = bytearray(_phone_jpeg(orientation=6))
    header = data.index(b"Exif\x00\x00") + 6
    data[header : header + 4] = b"XX\x00*"  # not a TIFF byte order mark
    processed = process_upload(bytes(data))
    assert (processed.width, processed.height) == (400, 200)
    assert not _reopen(processed.display).getexif()


def test_a_large_photo_gets_a_bounded_display_size_and_thumbnail():
    processed = process_upload(_encode(_picture(3000, 2000), "JPEG"))
    assert (processed.width, processed.height) == (1200, 800)
    assert (processed.thumb_width, processed.thumb_height) == (320, 213)
    assert _reopen(processed.display).size == (1200, 800)
    assert _reopen(processed.thumbnail).size == (320, 213)


def test_a_tall_photo_is_bounded_by_its_long_side():
    processed = process_upload(_encode(_picture(900, 2700), "PNG"))
    assert (processed.width, processed.height) == (400, 1200)
    assert (processed.thumb_width, processed.thumb_height) == (107, 320)


def test_a_small_photo_is_not_enlarged():
    processed = process_upload(_encode(_picture(100, 50), "PNG"))
    assert (processed.width, processed.height) == (100, 50)
    assert (processed.thumb_width, processed.thumb_height) == (100, 50)


def test_outputs_are_progressive_rgb_jpeg():
    processed = process_upload(_webp_with_metadata())
    assert processed.content_type == "image/jpeg"
    for data in (processed.display, processed.thumbnail):
        output = _reopen(data)
        assert (output.format, output.mode) == ("JPEG", "RGB")
        assert output.info.get("progressive")


def test_transparent_areas_become_white():
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 50, 100))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    output = _reopen(process_upload(_encode(image, "PNG", icc_profile=srgb)).display)
    assert _colour_at(output, 25, 50) == "red"
    assert _colour_at(output, 75, 50) == "white"


def test_a_palette_png_with_a_transparent_colour_gets_a_white_background():
    image = Image.new("P", (100, 100), 0)
    image.putpalette([0, 0, 0, 255, 0, 0])
    image.paste(1, (0, 0, 50, 100))
    output = _reopen(process_upload(_encode(image, "PNG", transparency=0)).display)
    assert _colour_at(output, 25, 50) == "red"
    assert _colour_at(output, 75, 50) == "white"


def test_a_16_bit_greyscale_png_keeps_its_greys():
    image = Image.new("I;16", (50, 50), 0)
    image.paste(65535, (0, 0, 25, 50))
    output = _reopen(process_upload(_encode(image, "PNG")).display)
    assert _colour_at(output, 10, 25) == "white"
    assert _colour_at(output, 40, 25) == "black"


def test_a_cmyk_jpeg_comes_out_as_rgb():
    output = _reopen(process_upload(_encode(_picture(mode="CMYK"), "JPEG")).display)
    assert output.mode == "RGB"
    assert _colour_at(output, 10, 10) == "red"


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_an_animated_picture_keeps_only_its_first_frame(image_format):
    red, blue = Image.new("RGB", (60, 40), RED), Image.new("RGB", (60, 40), BLUE)
    data = _encode(red, image_format, save_all=True, append_images=[blue], duration=100)
    assert getattr(_reopen(data), "n_frames", 1) == 2
    assert _colour_at(_reopen(process_upload(data).display), 30, 20) == "red"


# Rejected uploads ----------------------------------------------------------------------


def test_empty_bytes_are_rejected():
    with pytest.raises(ImageRejected) as rejected:
        check_upload(b"")
    assert rejected.value.code == "empty"


def test_a_file_over_the_byte_limit_is_rejected_without_reading_all_of_it():
    upload = io.BytesIO(_phone_jpeg() + bytes(MAX_UPLOAD_BYTES))
    with pytest.raises(ImageRejected) as rejected:
        check_upload(upload)
    assert rejected.value.code == "too_large_bytes"
    assert upload.tell() == 0


def test_bytes_over_the_limit_are_rejected_by_processing_too():
    with pytest.raises(ImageRejected) as rejected:
        process_upload(b"\xff\xd8\xff" + bytes(MAX_UPLOAD_BYTES))
    assert rejected.value.code == "too_large_bytes"


def test_a_text_file_named_photo_jpg_is_not_an_image(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_text("Last seen near the station on Tuesday.\n")
    with path.open("rb") as upload, pytest.raises(ImageRejected) as rejected:
        check_upload(upload)
    assert rejected.value.code == "not_an_image"


def test_a_gif_is_an_unsupported_format():
    with pytest.raises(ImageRejected) as rejected:
        check_upload(_encode(_picture(), "GIF"))
    assert rejected.value.code == "unsupported_format"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", id="heic"),
        pytest.param(b"II*\x00" + bytes(100), id="tiff"),
        pytest.param(b"BM" + bytes(100), id="bmp"),
    ],
)
def test_other_picture_formats_are_unsupported_rather_than_not_images(data):
    with pytest.raises(ImageRejected) as rejected:
        check_upload(data)
    assert rejected.value.code == "unsupported_format"


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.999])
def test_a_truncated_jpeg_is_rejected(cut):
    data = _phone_jpeg()
    with pytest.raises(ImageRejected) as rejected:
        check_upload(data[: int(len(data) * cut)])
    assert rejected.value.code == "truncated"


def test_a_png_cut_just_before_its_end_is_rejected():
    # load() alone accepts this one; verify() does not.
    data = _png_with_metadata()
    with pytest.raises(ImageRejected) as rejected:
        check_upload(data[:-5])
    assert rejected.value.code in ("truncated", "corrupt")


def test_a_png_with_a_damaged_chunk_is_corrupt():
    data = bytearray(_png_with_metadata())
    data[data.index(b"IDAT") + 20] ^= 0xFF
    with pytest.raises(ImageRejected) as rejected:
        check_upload(bytes(data))
    assert rejected.value.code == "corrupt"


@pytest.mark.parametrize(
    ("width", "height"),
    [
        pytest.param(30000, 30000, id="over Pillow's error limit"),
        pytest.param(10000, 10000, id="in Pillow's warning band"),
        pytest.param(8000, 6000, id="under Pillow's limit but over ours"),
    ],
)
def test_a_decompression_bomb_is_rejected_before_decoding(width, height):
    data = _png_declaring(width, height)
    assert len(data) < 1000
    for step in (check_upload, process_upload):
        with pytest.raises(ImageRejected) as rejected:
            step(data)
        assert rejected.value.code == "too_many_pixels"


def test_a_picture_at_the_pixel_limit_is_not_a_bomb():
    # Only the header matters here: the rejection must not come from the pixel check.
    with pytest.raises(ImageRejected) as rejected:
        check_upload(_png_declaring(MAX_PIXELS // 5000, 5000))
    assert rejected.value.code != "too_many_pixels"


# Messages and names --------------------------------------------------------------------


def test_every_rejection_has_a_message_for_the_person_uploading():
    for code in images._MESSAGES:
        rejected = ImageRejected(code)
        assert rejected.code == code
        assert str(rejected) == rejected.message
        assert rejected.message.endswith(".")
        assert isinstance(rejected, ValueError)


def test_the_size_limit_in_the_message_matches_the_constant():
    megabytes = MAX_UPLOAD_BYTES // (1024 * 1024)
    assert f"{megabytes} MB" in ImageRejected("too_large_bytes").message


def test_random_names_are_unguessable_and_keep_the_suffix():
    names = {random_name() for _ in range(100)}
    assert len(names) == 100
    assert all(name.endswith(".jpg") and len(name) == 36 for name in names)
    assert random_name(".webp").endswith(".webp")


def test_the_images_module_does_not_import_django():
    tree = ast.parse(Path(images.__file__).read_text())
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    ]
    assert not [name for name in imported if name.split(".")[0] == "django"]


# Hostile input -------------------------------------------------------------------------

_SMALL_VALID_UPLOADS = [
    _encode(_picture(64, 48), "JPEG", exif=_gps_exif(6)),
    _encode(_picture(64, 48), "JPEG", progressive=True),
    _encode(_picture(64, 48, mode="P"), "PNG"),
    _encode(_picture(64, 48), "PNG", exif=_gps_exif(6)),
    _encode(_picture(64, 48), "WEBP", exif=_gps_exif(6)),
    _encode(_picture(64, 48), "WEBP", lossless=True),
]


def _only_rejections(data):
    with contextlib.suppress(ImageRejected):
        process_upload(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise_anything_but_image_rejected(data):
    _only_rejections(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    original=st.sampled_from(_SMALL_VALID_UPLOADS),
    changes=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    keep=st.floats(0, 1),
)
def test_damaged_real_pictures_never_raise_anything_but_image_rejected(original, changes, keep):
    data = bytearray(original)
    for position, value in changes:
        data[int(position * len(data))] = value
    _only_rejections(bytes(data[: max(1, int(len(data) * keep))]))
