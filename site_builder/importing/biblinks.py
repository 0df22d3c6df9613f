"""A .bib entry's links, PDF and preview image: web addresses as they are; file names (al-folio
writes `pdf = {paper.pdf}`, `preview = {paper.png}`) looked up where the site serves them. One
found beside the .bib, where al-folio and Hugo Blox keep them, is copied into the site by the
import; one found nowhere is left for a person, and the review says where to put it."""

from __future__ import annotations

import base64
import binascii
import plistlib
import re
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers.expat import ExpatError

from site_builder.text.latex import decode_identifier
from site_builder.text.links import LINK_LABELS, is_safe_url, place_of, split_url

# al-folio's link fields (and a few other sites' habits) -> our link labels.
LINK_FIELDS = {
    "code": "code", "github": "code", "slides": "slides", "poster": "poster", "video": "video",
    "html": "project", "website": "project", "project": "project", "blog": "blog", "supp": "supplement",
    "supplementary": "supplement", "huggingface": "huggingface", "demo": "demo", "dataset": "dataset",
    "adsurl": "ads", "scopus": "scopus", "webofscience": "webofscience",
}  # fmt: skip
_PUBMED = ("pubmed", re.compile(r"\d{1,9}"), "https://pubmed.ncbi.nlm.nih.gov/{}/")
ID_LINKS = {
    "pmid": _PUBMED,
    "pubmedid": _PUBMED,
    "pubmed": _PUBMED,
    "pmcid": ("pmc", re.compile(r"PMC\d{1,9}", re.I), "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/"),
    "mrnumber": (
        "mathscinet",
        re.compile(r"(?:MR\s*)?(\d{4,8})(?:\s*\([^()]*\))?", re.I),
        "https://mathscinet.ams.org/mathscinet-getitem?mr={}",
    ),
    "zbl": ("zbmath", re.compile(r"\d{4}\.\d{5}"), "https://zbmath.org/?q=an:{}"),
    "inspirehep_id": ("inspire", re.compile(r"\d{1,9}"), "https://inspirehep.net/literature/{}"),
}
"""Ids of PubMed (PubMed and BibDesk exports; MDPI's `PubMedID`), MathSciNet (`MRNUMBER =
{2784665}`, older exports' `{MR1234567 (95a:11074)}`), zbMATH (`Zbl = {1360.35192}`) and
INSPIRE-HEP (al-folio's `inspirehep_id`) -> a link label, the shape of the id (its group, when it
has one, is the id), its page."""


@dataclass
class Files:
    """Where an entry's file names are looked for, and the files the import copies into the site."""

    folder: Path
    """The .bib's folder, where al-folio keeps `assets/` and Hugo Blox `featured.png`."""
    site: Path | None
    """The site's folder (None: nothing is looked up there)."""
    copies: dict[str, Path] | None = None
    """Destination, relative to the site's folder -> the file found beside the .bib (None: the
    caller copies nothing, and the review says where to put what was found)."""
    libraries: tuple[Path, ...] = ()
    """Other folders a reference manager keeps the .bib's files in (JabRef's `fileDirectory`)."""

    def copy(self, source: Path, destination: str, review: list[str]) -> bool:
        """Plan copying `source` to `destination` unless another file is planned there (then the
        review says so) or the name would leave its folder."""
        parts = PurePosixPath(destination).parts
        if self.copies is None or self.site is None or ".." in parts or destination.startswith("/") or "\\" in destination:
            return False
        planned = self.copies.setdefault(destination, source)
        if planned.resolve() != source.resolve():
            review.append(f"{source} has the name of another entry's file, {destination}: copy it under a new name and link that")
            return False
        return True


def links_and_pdf(fields: dict[str, str], review: list[str], files: Files) -> tuple[dict[str, str], str]:
    """The entry's labelled links and its PDF; what cannot be linked yet is said in `review`."""
    links: dict[str, str] = {}
    written: dict[str, str] = {}
    pdf = ""
    for name, label in LINK_FIELDS.items():
        value = _link_value(fields.get(name, ""))
        if not value or written.get(label) == value:
            continue
        if name == "html" and place_of(value):  # al-folio's "HTML": the paper's page at its publisher, no project's
            if "arxiv.org/" in value or "doi.org/" in value:
                continue  # the paper's arXiv id and DOI give these
            label = (split_url(value).hostname or "").lower().removeprefix("www.")  # its button names the place
        if label in links:  # al-folio's `html` and `website` are two buttons: the second keeps its field's name
            label = name
        if label in links:
            review.append(f"its `{name}` is a second link of one kind ({value}): add it to `links` under a label of its own")
            continue
        written[label] = value
        links[label] = _resolved(value, name, review, files)
    value = _link_value(fields.get("pdf", ""))
    if value:
        pdf = _resolved(value, "pdf", review, files)
    attached = next((path for path in file_field_paths(fields.get("file", "")) if path.lower().endswith(".pdf")), "")
    if attached and not pdf:
        pdf = _attached(attached, review, files) if _on_a_disk(attached) else _resolved(attached, "file", review, files)
    attached = next((path for path in bibdesk_file_paths(fields) if path.lower().endswith(".pdf")), "")
    if attached and not pdf:
        pdf = _attached(attached, review, files)
    for name, (label, shape, page) in ID_LINKS.items():
        value = decode_identifier(fields.get(name, "")).strip()
        if value and label not in links:
            match = shape.fullmatch(value)
            if match or "://" in value:  # the id, or its page already
                links[label] = page.format(match.group(match.lastindex or 0).upper()) if match else value
            else:
                review.append(f"its `{name}` {value!r} is not a {LINK_LABELS[label]} id: left out")
    field = next((name for name in ("url", "bdsk-url-1") if fields.get(name, "").strip()), "")  # BibDesk's dropped links
    urls = _addresses(fields[field]) if field else []
    if not urls:
        urls = [address_in_text(fields.get("howpublished", "") + " " + fields.get("note", ""))]
    unplaced = []
    for url in filter(None, urls):
        if "arxiv.org/" in url or "doi.org/" in url:
            continue  # the paper's arXiv id and DOI give these
        if url.lower().endswith(".pdf") and pdf in ("", url):
            pdf = url
        elif "github.com/" in url and links.get("code", url) == url:
            links["code"] = url
        elif links.setdefault("url", url) != url and url not in links.values():
            unplaced.append(url)
    if unplaced:
        others = ", ".join(unplaced)
        review.append(f"its `{field}` holds {len(urls)} addresses; not linked: {others} (add any to `links` under a label of its own)")
    links = {label: link for label, link in links.items() if _web_address(label, link, review)}
    return links, pdf if _web_address("pdf", pdf, review) else ""


_UNIX_TOP = re.compile(r"(?:Users|home|Volumes|media|mnt|private|root)/")
"""The folders at the top of a Mac's or Linux machine's disk where people's files are: a `file`
record's path that starts with one is on the exporting machine (Mendeley writes
`:home/ann/Mendeley Desktop/x.pdf:pdf`, without the root's `/`)."""


_JABREF_FOLDER = re.compile(r"@comment\s*\{\s*jabref-meta:\s*fileDirectory(?:-[^:]*)?:((?:[^;\\]|\\.)+);\s*\}", re.I)
"""JabRef's note of where a library keeps its files (a backslash in it is written twice)."""


def jabref_file_folders(text: str, folder: Path) -> tuple[Path, ...]:
    """The folders a JabRef library keeps its files in (`@Comment{jabref-meta:
    fileDirectory:papers;}`, a user's own `fileDirectory-ann-laptop:…`), which its `file`
    records' paths start from; a relative one is from the .bib's folder."""
    found = (folder / match.group(1).replace("\\\\", "\\").replace("\\", "/").strip() for match in _JABREF_FOLDER.finditer(text))
    return tuple(dict.fromkeys(path for path in found if path.is_dir()))


def file_field_paths(raw: str) -> list[str]:
    """The files a reference manager's `file` field names: Zotero's, JabRef's and Mendeley's
    `Description:path:type` records separated by `;` (a colon in the path escaped, `C\\:`), or
    plain paths (Better BibTeX)."""
    paths = []
    text = decode_identifier(raw.replace("$\\backslash$", "\\"), keep_spaces=True)  # Mendeley's `C$\\backslash$:`
    for record in re.split(r"(?<!\\);", text):
        parts = [part.replace("\\:", ":").replace("\\;", ";") for part in re.split(r"(?<!\\):", record)]
        path = parts[1] if len(parts) == 3 else ":".join(parts)
        if re.fullmatch(r"[A-Za-z]", parts[0]) and len(parts) == 2:  # `C:/Users/…` written bare
            path = record
        if len(parts) == 3 and _UNIX_TOP.match(path):  # Mendeley leaves out the root's `/`
            path = "/" + path
        if path.strip():
            paths.append(path.strip())
    return paths


def bibdesk_file_paths(fields: dict[str, str]) -> list[str]:
    """The files BibDesk attached to an entry (`Bdsk-File-1`, `Bdsk-File-2`, …), each the base64
    of a property list whose `relativePath` is the file's path from the .bib's folder: a plain
    dictionary, or (older BibDesk) one kept by `NSKeyedArchiver`. A value that is neither is
    no file."""
    numbered = sorted((int(name[10:]), name) for name in fields if re.fullmatch(r"bdsk-file-\d{1,3}", name))
    paths = []
    for _, name in numbered:
        try:
            archive = plistlib.loads(base64.b64decode("".join(fields[name].split()), validate=True))
        except (ValueError, TypeError, IndexError, KeyError, OverflowError, RecursionError, struct.error, binascii.Error, ExpatError):
            continue
        path = _relative_path(archive)
        if path:
            paths.append(path)
    return paths


def _relative_path(archive: object) -> str:
    if not isinstance(archive, dict):
        return ""
    if isinstance(archive.get("relativePath"), str):
        return archive["relativePath"]
    objects = archive.get("$objects")
    if not isinstance(objects, list):
        return ""

    def unarchived(uid: object) -> object:
        index = uid.data if isinstance(uid, plistlib.UID) else -1
        return objects[index] if 0 <= index < len(objects) else None

    for item in objects:
        if isinstance(item, dict) and isinstance(item.get("NS.keys"), list) and isinstance(item.get("NS.objects"), list):
            for key, value in zip(item["NS.keys"], item["NS.objects"], strict=False):
                path = unarchived(value)
                if unarchived(key) == "relativePath" and isinstance(path, str):
                    return path
    return ""


def _on_a_disk(path: str) -> bool:
    """Whether a `file` path is where the exporting machine kept it (`/Users/…`, `~/…`, `C:\\…`),
    not a name beside the .bib."""
    return path.startswith(("/", "~")) or bool(re.match(r"[A-Za-z]:[\\/]", path))


def _attached(path: str, review: list[str], files: Files) -> str:
    """A reference manager's attached PDF, at its path on the exporting machine or (BibDesk's)
    from the .bib's folder: copied into static/pdf/ when it is on this machine (a lab member
    importing their own library), else left out, with the review saying what to do.
    Never a link: `/Users/ann/Zotero/…` on a page is a broken link that names a person's disk."""
    found = Path(path).expanduser() if _on_a_disk(path) else files.folder / path
    name = re.split(r"[\\/]", path)[-1]
    if found.is_file() and files.copy(found, f"static/pdf/{name}", review):
        return f"/static/pdf/{name}"
    where = "on the computer that exported the .bib" if _on_a_disk(path) else "beside the .bib, not found here"
    review.append(f"its PDF {path!r} is a file {where}: copy it into static/pdf/, link /static/pdf/{name}")
    return ""


def _web_address(label: str, link: str, review: list[str]) -> bool:
    """Whether `link` is one pages may link; one that is not (`javascript:`, `https://[oops`) is
    named in `review`."""
    if link and not is_safe_url(link):
        review.append(f"its {label} link {link!r} is not a web address: left out")
        return False
    return bool(link)


_ADDRESS = re.compile(r"\\(?:url|href)\s*\{([^{}\s]+)\}|(https?://[^\s{}]+)")


def address_in_text(text: str) -> str:
    """The first web address a text field names (`howpublished = {\\url{https://…}}`, `note =
    {Available at https://…}`), which entries without `url` give for software and web pages."""
    match = _ADDRESS.search(text)
    return decode_identifier(match.group(1) or match.group(2).rstrip(".,;:)")) if match else ""


_NEXT_ADDRESS = re.compile(r"[\s,;]+(?=(?:\\url\s*)?\{?(?:https?|ftp)://)", re.I)
"""Where one web address ends and the next starts in a field that holds several (Mendeley writes
every address it knows into `url`, a space between them): spaces, a comma or a semicolon before a
scheme. Other spaces are a wrapped line's, inside one address."""


def _addresses(text: str) -> list[str]:
    """The web addresses a link field holds, in its order: one, or several (`_NEXT_ADDRESS`)."""
    return [address for address in (decode_identifier(part) for part in _NEXT_ADDRESS.split(text.strip())) if address]


def _link_value(text: str) -> str:
    """A link field's value: a web address without the spaces a wrapped line put in it, a file
    name with its own (`My Paper.pdf`)."""
    value = decode_identifier(text)
    return value if "://" in value or value.startswith("mailto:") else decode_identifier(text, keep_spaces=True)


def preview_image(fields: dict[str, str], review: list[str], files: Files) -> str:
    """al-folio's `preview` image as the paper's `image`, a file next to the paper's file: one
    found beside the .bib or in its assets/img/publication_preview/ is copied there."""
    name = _link_value(fields.get("preview", ""))
    if not name:
        return _featured_image(review, files)
    if "://" in name or (files.site is not None and (files.site / "content/papers" / name).is_file()):
        return name
    folder = files.folder
    places = (folder / name, folder / "assets/img/publication_preview" / name, folder.parent / "assets/img/publication_preview" / name)
    found = next((place for place in places if place.is_file()), None)
    if found is not None and "/" not in name and files.copy(found, f"content/papers/{name}", review):
        return name
    where = f"it is at {found}" if found else "it is not beside the .bib or in its assets/img/publication_preview/"
    review.append(f"its `preview` image {name!r} is not in content/papers/ yet ({where}): copy it there")
    return name


def _featured_image(review: list[str], files: Files) -> str:
    """Hugo Blox keeps a paper's picture as `featured.png` beside its `index.md` and `cite.bib`:
    it is copied next to the paper's file as the paper's `image`, named after its folder (every
    paper's picture has the same name there)."""
    folder = files.folder
    if not (folder / "index.md").is_file():
        return ""
    found = next((p for p in sorted(folder.glob("featured.*")) if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")), None)
    if found is None:
        return ""
    name = folder.name + found.suffix.lower()
    known = files.site is not None and (files.site / "content/papers" / name).is_file()
    if not known and not files.copy(found, f"content/papers/{name}", review):
        review.append(f"its picture is {found}: copy it to content/papers/{name}")
    return name


def _resolved(value: str, name: str, review: list[str], files: Files) -> str:
    """A link field's value as a link: web addresses as they are; a file name (al-folio writes
    `pdf = {paper.pdf}` for `assets/pdf/paper.pdf`) becomes `/static/…`: the site's file of that
    name, else the file found beside the .bib, copied into static/pdf/ (static/files/ for slides
    and the like); one found nowhere is left out and the review says where to put it."""
    if "://" in value or value.startswith(("mailto:", "/")):
        return value
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:(?![\\/])", value):  # `javascript:…`, `data:…`; `C:\\…` is a file
        review.append(f"its `{name}` {value!r} is not a web address: left out")
        return ""
    relative = value.lstrip("./")
    site, folder = files.site, files.folder
    if site is not None:
        for candidate in (f"static/{relative}", f"static/pdf/{relative}", f"static/assets/pdf/{relative}"):
            if (site / candidate).is_file():
                return "/" + candidate
    # al-folio keeps every linked file in assets/pdf/ at the top of the site, beside _bibliography/
    places = (
        folder / relative,
        folder / "assets/pdf" / relative,
        folder.parent / "assets/pdf" / relative,
        *(library / relative for library in files.libraries),
    )
    beside = next((place for place in places if place.is_file()), None)
    folder_name = "pdf" if name in ("pdf", "file") else "files"
    if beside is not None and files.copy(beside, f"static/{folder_name}/{relative}", review):
        return f"/static/{folder_name}/{relative}"
    where = f" (found at {beside})" if beside else ""
    review.append(
        f"`{name}` {value!r} is a file, not a link{where}: "
        f"copy it into static/{folder_name}/ and link it as /static/{folder_name}/{relative}"
    )
    return ""
