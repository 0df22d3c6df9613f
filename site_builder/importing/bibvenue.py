"""A .bib entry's kind of paper and its venue: the kind its type says (or a patent's marks, or
its venue: a preprint server, a conference filed as `@article`), the field that names the venue
for that kind, its short name when the field is a journal macro, and its capitals when an export
wrote it in small letters.

Google Scholar exports `journal={Advances in neural information processing systems}` and
`booktitle={Proceedings of the IEEE/CVF conference on computer vision and pattern
recognition}`. Venue names are written in title case; such a name is given its capitals
(`Advances in Neural Information Processing Systems`), its acronyms and a short first word
(`npj`) as written. Only English names in plain letters are: other languages case otherwise.
"""

from __future__ import annotations

import re

from site_builder.importing.bibfields import field_text
from site_builder.site.venues import names_a_conference
from site_builder.text.capitals import SMALL_WORDS
from site_builder.text.journals import journal_macro
from site_builder.text.latex import decode_latex
from site_builder.text.tags import tags_as_text

_FIELDS = {
    "journal": ("fjournal", "journal", "journaltitle"),  # MathSciNet's and zbMATH's `fjournal`: the full name
    "conference": ("booktitle", "eventtitle", "organization"),
    "chapter": ("booktitle",),
    "thesis": ("school", "institution"),
    "report": ("institution", "organization"),
    "patent": ("howpublished", "note"),
}
_TITLE_CASED = ("fjournal", "journal", "journaltitle", "booktitle", "eventtitle")
"""The fields that name a journal or proceedings: a venue under another type's name, and cased
as a title when an export wrote it in small letters."""
_PREPRINT_SERVERS = ("arxiv", "corr", "biorxiv", "medrxiv", "chemrxiv", "ssrn", "preprint", "openreview")
_ADDRESS_WORDS = re.compile(r"\\(?:url|href)\s*\{[^{}]*\}(?:\{[^{}]*\})?|https?://\S+|\b(?:available|online)\s+(?:at|from)\b:?", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def entry_venue(kind: str, fields: dict[str, str]) -> tuple[str, str]:
    """The venue, and its short name when the field is a journal macro (`journal = {\\apj}`)."""
    names = _FIELDS.get(kind, ("howpublished", "organization", "journal", "booktitle"))
    # then the venue under the other type's name (Semantic Scholar's `@Article` with a `booktitle`)
    names += tuple(name for name in _TITLE_CASED if name not in names)
    for name in names:
        value = fields.get(name, "").strip()
        if name == "howpublished":  # `Blog, \\url{…}`: the words are the venue, the address a link
            value = _ADDRESS_WORDS.sub("", value).strip(" ,;:.")
        if value:
            known = journal_macro(value)
            if known is not None:
                return known[1], known[0]
            text = decode_latex(tags_as_text(value))
            return (title_cased(text) if name in _TITLE_CASED else text), ""
    return "", ""


def is_preprint_venue(venue: str) -> bool:
    folded = venue.casefold()
    return not venue or (any(server in folded for server in _PREPRINT_SERVERS) and len(folded.split()) <= 6)


def title_cased(venue: str) -> str:
    """`venue` in title case when it was written in small letters after its first word (its
    acronyms aside): `Nature communications` -> `Nature Communications`; as written otherwise."""
    words = venue.split()
    if len(words) < 2 or not venue.isascii() or is_preprint_venue(venue):
        return venue
    rest = [w for w in words[1:] if _WORD.match(w)]
    if any(w[0].isupper() and not _acronym(w) for w in rest) or not any(len(w) >= 4 and w.islower() for w in rest):
        return venue
    first = _capitalized(words[0]) if words[0].isalpha() and words[0].islower() and len(words[0]) >= 4 else words[0]  # not `npj`
    cased, after_colon = [first], words[0].endswith(":")
    for word in words[1:]:
        plain = word.strip("()[],.;:").lower()
        keep = not word.islower() or (plain in SMALL_WORDS and not after_colon)
        cased.append(word if keep else _capitalized(word))
        after_colon = word.endswith(":")
    return " ".join(cased)


def _acronym(word: str) -> bool:
    """`IEEE`, `IEEE/CVF`, `ACM`, `PLoS`: more capitals than the first."""
    return sum(1 for c in word if c.isupper()) >= 2


def _capitalized(word: str) -> str:
    """`real-time` -> `Real-Time`, `(tog)` stays a word in brackets with its capital."""
    return "-".join(re.sub(r"[a-z]", lambda m: m.group().upper(), part, count=1) for part in word.split("-"))


ENTRY_KINDS = {
    "article": "journal", "inproceedings": "conference", "conference": "conference",
    "incollection": "chapter", "inbook": "chapter", "book": "book", "mvbook": "book",
    "proceedings": "book", "collection": "book", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "patent": "patent",
}  # fmt: skip
"""A .bib entry type -> the kind of paper (`type`); any other is `other`."""
_PATENT = re.compile(r"\bpatent", re.I)
"""A patent's mark in a `.bib` that has no `@patent` for it: Google Scholar's `@misc` with
`note = {US Patent 10,481,234}` and `publisher = {Google Patents}`, biblatex's `type = {patentus}`."""


def kind_and_venue(entry_type: str, fields: dict[str, str], arxiv: str) -> tuple[str, str, str]:
    """The kind of paper, its venue and the venue's short name (`entry_venue`). A patent's venue
    is its number as Scholar shows it (`US Patent 10,481,234`), from `howpublished` or `note`, said
    there once; Google Patents, where Scholar found it, is not its publisher."""
    kind = ENTRY_KINDS.get(entry_type, "other")
    if kind == "other" and any(_PATENT.search(fields.get(name, "")) for name in ("howpublished", "note", "publisher", "type")):
        kind = "patent"
    venue, short = entry_venue(kind, fields)
    if kind == "patent":
        if venue and field_text(fields.get("note", "")) == venue:
            del fields["note"]
        if fields.get("publisher", "").strip().casefold() == "google patents":
            del fields["publisher"]
    return _kind_by_venue(kind, venue, arxiv), venue, short


def _kind_by_venue(kind: str, venue: str, arxiv: str) -> str:
    """The kind of paper the venue says where the entry type says less: a preprint server's
    (`arXiv preprint arXiv:…`, `CoRR`: the venue text is kept, styles print it), or a
    conference's where a lab files its papers as `@article` (`journal = {… Conference …}`,
    `{CVPR}`)."""
    if arxiv and (kind == "other" or is_preprint_venue(venue)):
        return "preprint"
    return "conference" if kind == "journal" and names_a_conference(venue) else kind
