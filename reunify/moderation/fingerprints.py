"""Perceptual fingerprints of photos: resized, re-compressed and cropped copies stay close.

A plain pHash survives resizing and re-compression but not a crop of more than a few
per cent. So each photo also keeps the pHashes of corner and centre windows from 95 % down
to 70 %: a crop of a stored photo lands near one of its windows, and a photo that is
itself the uncropped original has a window near the stored crop. Distances are Hamming
distances between 64-bit hashes; unrelated photos sit around 20-32.
"""

import io
from dataclasses import dataclass

import imagehash
import numpy as np
from PIL import Image, ImageStat

WINDOW_SIZES = (0.95, 0.9, 0.85, 0.8, 0.75, 0.7)
# At or below this distance two photos are treated as the same picture.
NEAR_DISTANCE = 10
_WORK_SIZE = (320, 320)
FLAT_STDDEV = 4.0


@dataclass(frozen=True)
class Fingerprint:
    full: int
    windows: tuple[int, ...]

    @property
    def full_hex(self) -> str:
        return f"{self.full:016x}"

    @property
    def windows_hex(self) -> str:
        return "".join(f"{w:016x}" for w in self.windows)

    @classmethod
    def from_hex(cls, full: str, windows: str = "") -> "Fingerprint":
        parts = [windows[i : i + 16] for i in range(0, len(windows), 16)]
        return cls(int(full, 16), tuple(int(p, 16) for p in parts if len(p) == 16))


def _hash(image: Image.Image) -> int:
    return int(str(imagehash.phash(image)), 16)


def fingerprint_image(image: Image.Image) -> Fingerprint | None:
    image = image.convert("L")
    image.thumbnail(_WORK_SIZE)
    if ImageStat.Stat(image).stddev[0] < FLAT_STDDEV:
        return None  # a blank or flat picture says nothing about who it shows
    width, height = image.size
    windows = []
    for size in WINDOW_SIZES:
        w, h = max(1, int(width * size)), max(1, int(height * size))
        anchors = [(0, 0), (width - w, 0), (0, height - h), (width - w, height - h)]
        anchors.append(((width - w) // 2, (height - h) // 2))
        windows += [_hash(image.crop((x, y, x + w, y + h))) for x, y in anchors]
    return Fingerprint(_hash(image), tuple(windows))


def fingerprint_bytes(data: bytes) -> Fingerprint | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return fingerprint_image(image)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def distance(a: Fingerprint, b: Fingerprint) -> int:
    """The closest of whole-to-whole and whole-to-window (either way round)."""
    best = _hamming(a.full, b.full)
    for window in b.windows:
        best = min(best, _hamming(a.full, window))
    for window in a.windows:
        best = min(best, _hamming(window, b.full))
    return best


WINDOW_COUNT = len(WINDOW_SIZES) * 5  # four corners and the centre, per size
_CHUNK = 65_536  # rows compared at once: bounds the temporary arrays (~16 MB each)


def _windows_of(print_: Fingerprint) -> list[int]:
    # A missing window is filled with the whole-picture hash, which adds no new distance.
    windows = list(print_.windows[:WINDOW_COUNT])
    return windows + [print_.full] * (WINDOW_COUNT - len(windows))


class FingerprintTable:
    """Many stored fingerprints as arrays, so one photo is compared with all at C speed.

    The same distance as `distance()`, for every row at once: whole-to-whole, the new
    photo against each stored window, and each of its windows against the stored photo.
    """

    def __init__(self, rows: list[tuple[int, str, str]]):
        """rows: (id, whole-picture hex, windows hex) as stored on Photo."""
        self.ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.full = _hex_to_array(row[1] for row in rows)
        windows = _hex_to_array(_padded_windows(row[1], row[2]) for row in rows)
        self.windows = windows.reshape(len(rows), WINDOW_COUNT)

    def __len__(self) -> int:
        return len(self.ids)

    def near(self, print_: Fingerprint, limit: int = NEAR_DISTANCE) -> list[tuple[int, int]]:
        """(id, distance) of every stored fingerprint within `limit` of this one."""
        mine_full = np.uint64(print_.full)
        mine_windows = np.array(_windows_of(print_), dtype=np.uint64)
        found = []
        for start in range(0, len(self.ids), _CHUNK):
            full = self.full[start : start + _CHUNK]
            best = np.bitwise_count(full ^ mine_full)
            theirs = np.bitwise_count(self.windows[start : start + _CHUNK] ^ mine_full).min(axis=1)
            ours = np.bitwise_count(full[:, None] ^ mine_windows[None, :]).min(axis=1)
            best = np.minimum(best, np.minimum(theirs, ours))
            for i in np.flatnonzero(best <= limit):
                found.append((int(self.ids[start + i]), int(best[i])))
        return found


def _padded_windows(full: str, windows: str) -> str:
    """Exactly WINDOW_COUNT window hashes, filled with the whole-picture hash if short."""
    kept = min(len(windows) // 16, WINDOW_COUNT)
    return windows[: 16 * kept] + full * (WINDOW_COUNT - kept)


def _hex_to_array(hexes) -> np.ndarray:
    data = bytes.fromhex("".join(hexes))
    return np.frombuffer(data, dtype=">u8").astype(np.uint64)
