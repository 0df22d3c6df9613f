"""Which authors of a `.bib` entry contributed equally and which are corresponding, from every
place labs write it: marks after the names (`Lee*, Gunwoo`, explained by al-folio's
`annotation`) and fields of their own that name the authors (`cofirstauthors = {Hyunjun Kim and
Younghan Lee}`, `equal_contribution = {Author A; Liu, Jiaxi}`, `equal_contribution = {3}` for
the first three, `corresponding_author = {Author B}`).

A named person who is not among the authors is never marked: the review says so.
"""

from __future__ import annotations

import re

from site_builder.importing import bibnames
from site_builder.text.latex import decode_latex
from site_builder.text.names import fold

_EQUAL_FIELD = re.compile(r"(?:co|joint|shared)first(?:authors?)?|equal(?:contrib(?:ution|utions|utors?)?|authors?)?")
_CORRESPONDING_FIELD = re.compile(r"corr(?:esponding)?authors?|corresponding|correspondence")
"""Field names once case, `_` and `-` are set aside: `cofirstauthors`, `co_first`,
`equal_contribution`, `corresponding_author`, `correspondingauthors`, `corr_author`."""
_ROLES = {"equal_contribution": _EQUAL_FIELD, "corresponding": _CORRESPONDING_FIELD}


def role_fields(fields: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """The entry's fields that name authors of each role: role -> [(field name, value)]."""
    found: dict[str, list[tuple[str, str]]] = {role: [] for role in _ROLES}
    for name, value in fields.items():
        plain = re.sub(r"[^a-z]", "", name.lower())
        for role, pattern in _ROLES.items():
            if pattern.fullmatch(plain) and value.strip():
                found[role].append((name, value))
    return found


def author_roles(names: tuple[str, ...], marks: tuple[str, ...], fields: dict[str, str], review: list[str]) -> dict[str, tuple[str, ...]]:
    """`equal_contribution` and `corresponding`, each in author order: the authors whose marks
    say so, and those the entry's role fields name. What a field names that is not an author
    goes into `review`."""
    marked = bibnames.marked_authors(names, marks, fields.get("annotation", ""))
    roles: dict[str, tuple[str, ...]] = {}
    for role, found in role_fields(fields).items():
        chosen = set(marked[role])
        for field_name, value in found:
            picked, unknown = _named_authors(names, value, first_n=role == "equal_contribution")
            chosen.update(picked)
            if unknown:
                listed = ", ".join(repr(item) for item in unknown)
                review.append(f"`{field_name}` names {listed}, not found among the authors: add them to `{role}` by hand if they are")
        if role == "equal_contribution":
            chosen.update(_said_equal(names, fields.get("note", "")))
        roles[role] = tuple(name for name in names if name in chosen)
    return roles


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_SAID_EQUAL = re.compile(
    r"(?:^|[.;:(]\s*)(?P<who>[^.;:()]+?)\s+(?:have\s+|had\s+)?(?:contributed|contribute)\s+equally"
    r"|(?P<who2>[^.;:()]+?)\s+(?:are|were)\s+(?:co-?first|joint\s+first)\s+authors",
    re.IGNORECASE,
)
_FIRST_N = re.compile(r"(?:the\s+)?first\s+(two|three|four|five|[2-5])\s+authors?(?:\s+of\s+this\s+\w+)?", re.IGNORECASE)


def _said_equal(names: tuple[str, ...], note: str) -> list[str]:
    """The authors a note says contributed equally, in words (`First two authors contributed
    equally to this work`, `Ann Lee and Bo Chen contributed equally`, `… are co-first authors`,
    `All authors contributed equally`): only when it names at least two authors and nothing else."""
    for match in _SAID_EQUAL.finditer(" ".join(decode_latex(note).split())):
        who = (match.group("who") or match.group("who2")).strip()
        if re.fullmatch(r"all(?:\s+the)?\s+authors", who, re.IGNORECASE):
            return list(names) if len(names) >= 2 else []
        first = _FIRST_N.fullmatch(who)
        if first:
            count = _NUMBERS[first.group(1).lower()]
            return list(names[:count]) if count <= len(names) else []
        picked, unknown = _named_authors(names, who, first_n=False)
        if len(picked) >= 2 and not unknown:
            return picked
    return []


def _named_authors(names: tuple[str, ...], value: str, first_n: bool) -> tuple[list[str], list[str]]:
    """The authors a role field names, and what it names that is not one. Numbers are places
    in the author list (`1, 2`); a single number `N` in an equal-contribution field is the
    first N authors, as templates that use it document."""
    text = " ".join(decode_latex(value).split())
    if re.fullmatch(r"\d+", text) and first_n:
        count = int(text)
        return (list(names[:count]), []) if 0 < count <= len(names) else ([], [text])
    picked: list[str] = []
    unknown: list[str] = []
    for item in _items(text, names):
        author = _matching_author(names, item)
        if author:
            picked.append(author)
        else:
            unknown.append(item)
    return picked, unknown


def _items(text: str, names: tuple[str, ...]) -> list[str]:
    """The names (or places) in a role field: separated by `;`, by `and` as in BibTeX, or by
    commas, where a comma inside `Family, Given` of an author is kept."""
    pieces = re.split(r"\s*;\s*", text) if ";" in text else re.split(r"\s*(?:,\s*)?\band\s+", text, flags=re.IGNORECASE)
    items: list[str] = []
    for piece in (p.strip(" ,") for p in pieces):
        if not piece:
            continue
        if "," in piece and not _matching_author(names, piece):
            items += [part.strip() for part in piece.split(",") if part.strip()]
        else:
            items.append(piece)
    return items


def _matching_author(names: tuple[str, ...], written: str) -> str:
    """The one author `written` names (`Jiaxi Liu`, `Liu, Jiaxi`, `Liu Jiaxi`, `J. Liu`, `Liu`,
    or a place: `2`), or "" when none or several could be meant."""
    if written.isdigit():
        return names[int(written) - 1] if 0 < int(written) <= len(names) else ""
    shown = fold(bibnames.parse_name(written).display)
    if not shown:
        return ""
    folded = [fold(name) for name in names]
    exact = [name for name, key in zip(names, folded, strict=True) if key == shown]
    if exact:
        return exact[0]
    reordered = [name for name, key in zip(names, folded, strict=True) if sorted(key.split()) == sorted(shown.split())]
    if len(reordered) == 1:  # `Liu Jiaxi`, family name first without a comma
        return reordered[0]
    words = shown.split()
    family, initial = words[-1], words[0][0] if len(words) > 1 else ""
    close = [
        name
        for name, key in zip(names, folded, strict=True)
        if key.split() and key.split()[-1] == family and (not initial or key[0] == initial)
    ]
    return close[0] if len(close) == 1 else ""
