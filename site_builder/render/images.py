"""Pictures on pages: member photos and papers' teaser images, resized at build (Pillow) and
published under `/static/img/`, with the width and height pages give them so nothing shifts
while they load. A resized copy is kept in the site's cache, named by the source's digest, in a
folder of this version of site_builder's (another version may resize otherwise)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from site_builder.code import versioned_folder
from site_builder.errors import Problems, SourceLocation
from site_builder.site.catalog import Catalog
from site_builder.source.content import PAPERS_DIR

PHOTO_WIDTH = 320
"""A photo is shown at most 160 CSS pixels wide: twice that for sharp screens."""
TEASER_WIDTH = 480
"""A teaser is shown at most 240 CSS pixels wide."""
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


@dataclass(frozen=True, slots=True)
class Picture:
    name: str
    """Its path under `static/`: `img/photo-song-han-1a2b3c4d.jpg`."""
    width: int
    height: int


def is_local_image(value: str) -> bool:
    """Whether a paper's `image:` names a file next to the paper (not a URL or a site path)."""
    return bool(value) and "://" not in value and not value.startswith("/") and Path(value).suffix.lower() in FORMATS


def prepare_pictures(root: Path, catalog: Catalog, cache: Path, problems: Problems) -> tuple[dict[str, Picture], dict[str, Path]]:
    """Key (`photo:<author slug>`, `teaser:<paper slug>`) -> the resized picture, and the static
    files to publish (name under `static/` -> its file in the cache)."""
    wanted: list[tuple[str, Path, str, int]] = []
    for author in catalog.authors:
        if author.photo:
            wanted.append((f"photo:{author.slug}", root / "content" / author.photo, f"content/{author.photo}", PHOTO_WIDTH))
    for paper in catalog.papers:
        if is_local_image(paper.image):
            source = (root / PAPERS_DIR / paper.image).resolve()
            shown = f"{PAPERS_DIR}/{paper.slug}.md"
            if not source.is_relative_to((root / "content").resolve()) or not source.is_file():
                # A warning: imported .bib files name previews a lab keeps elsewhere; the page shows none.
                problems.warning(
                    SourceLocation(shown), f"`image` {paper.image!r}: no such file next to the paper", f"put it in {PAPERS_DIR}/"
                )
                continue
            wanted.append((f"teaser:{paper.slug}", source, f"{PAPERS_DIR}/{paper.image}", TEASER_WIDTH))
    pictures: dict[str, Picture] = {}
    files: dict[str, Path] = {}
    folder = versioned_folder(cache)  # a copy another version made may differ
    for key, source, shown, width in wanted:
        made = _resized(source, shown, width, folder, key.replace(":", "-"), problems)
        if made is not None:
            pictures[key], files[made[0].name] = made
    return pictures, files


def _resized(source: Path, shown: str, width: int, cache: Path, stem: str, problems: Problems) -> tuple[Picture, Path] | None:
    data = source.read_bytes()
    digest = hashlib.blake2b(data + str(width).encode(), digest_size=6).hexdigest()
    suffix = ".jpg" if source.suffix.lower() in (".jpg", ".jpeg") else source.suffix.lower()
    name = f"img/{stem}-{digest}{suffix}"
    target = cache / name
    size_file = target.with_suffix(target.suffix + ".size")
    if target.is_file() and size_file.is_file():
        w, h = (int(n) for n in size_file.read_text().split())
        return Picture(name, w, h), target
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(source) as image:
            image = ImageOps.exif_transpose(image)
            if image.width > width:
                image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            if FORMATS[suffix] == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(target.suffix + ".part")
            image.save(partial, FORMATS[suffix], quality=85, optimize=True)
            w, h = image.width, image.height
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        problems.error(SourceLocation(shown), f"cannot read the picture: {exc}", "save it again as JPEG, PNG or WebP")
        return None
    partial.replace(target)
    size_file.write_text(f"{w} {h}\n")
    return Picture(name, w, h), target
