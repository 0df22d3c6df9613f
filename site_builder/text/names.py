"""The shapes names take: a person's name, the marks after one, the particles inside one, the
slug and folded form under which a name's spellings meet, and names written as a line of text
(`Ann Lee, Bo Chen and Cy Wu`, APA's `Lee, A., & Chen, B.`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PARTICLES = frozenset("da das de del della den der di do dos du la le van von ter ten bin ibn al y zu".split())
"""Lower-case parts of family names: `de Jong`, `van der Maaten`."""

JOINING_PARTICLES = frozenset(("y",))
"""Particles that join two family names (`Ortega y Gasset`) and never start a name."""

CAPITAL_PREFIXES = (
    *("Mc", "Mac", "Fitz", "O'", "O’", "D'", "D’"),
    *("De", "Di", "Da", "Du", "La", "Le", "Van", "Von"),
)
"""Name parts that carry a second capital: McDonald, LeCun, O'Brien, DeAndre."""

SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})

NAME_SUFFIX = re.compile(r"(?:jr|sr|[ivx]+)\.?", re.I)
"""What follows a name, set apart by a comma where BibTeX writes it (`King, Jr., Martin`): `Jr.`,
`Sr.`, `III`."""
NAME_MARKS = "*†‡§#¶✉+^"
"""Marks written after an author's name: equal contribution, corresponding author and the like
(`^` as a lab's file writes it bare: `Lee^, Yong Jae`)."""
MARK_LOOKALIKES = str.maketrans({"∗": "*", "＊": "*", "⁎": "*", "✱": "*", "✝": "†", "＃": "#", "🖂": "✉", "📧": "✉"})
"""Symbols that look like those marks (the asterisk operator `∗` of a copied PDF byline): read as them."""


def is_caseless_letter(char: str) -> bool:
    """Letters of scripts without case (CJK and others) count as name letters."""
    return char.isalpha() and not char.isupper() and not char.islower()


def _is_plain_word(word: str) -> bool:
    """`Han`, `Sébastien`: a capital and then lower-case letters (apostrophes allowed)."""
    if len(word) < 2 or not word[0].isupper():
        return False
    rest = word[1:].replace("'", "").replace("’", "")
    return rest.isalpha() and all(c.islower() for c in rest)  # `Inference林`: str.islower() passes it


def _is_name_word(word: str, allow_all_caps: bool) -> bool:
    if all(is_caseless_letter(c) for c in word):
        return True
    if _is_plain_word(word):
        return True
    for prefix in CAPITAL_PREFIXES:
        if word.startswith(prefix) and _is_plain_word(word[len(prefix) :]):
            return True
    return allow_all_caps and len(word) >= 2 and word.isalpha() and word.isupper()


def _is_initial(token: str) -> bool:
    """`E.`, `J.-P.`, `J.P.`: one capital and a dot, possibly several joined; or one capital
    alone, as arXiv writes many names (`Edward J Hu`, `J Smith`)."""
    if len(token) == 1:
        return token.isupper()
    parts = [p for p in token.replace("-", ".").split(".")]
    if not token.endswith(".") or len(parts) < 2 or parts[-1] != "":
        return False
    letters = [p for p in parts[:-1] if p != ""]
    return bool(letters) and all(len(p) == 1 and p.isupper() for p in letters)


def is_name_token(token: str, allow_all_caps: bool) -> bool:
    """One space-separated part of a name: hyphenated parts each name-shaped (`Ming-Wei`)."""
    pieces = token.split("-")
    if any(not piece for piece in pieces):
        return False
    head, tail = pieces[0], pieces[1:]
    if not _is_name_word(head, allow_all_caps):
        return False
    # `Ming-Wei`, `Jean-Pierre`, `Zhi-qiang`: later parts may be lower-case.
    return all(_is_name_word(p, allow_all_caps) or (p.isalpha() and p.islower()) for p in tail)


def is_name(text: str, glued: bool = False) -> bool:
    """Whether `text` is shaped like a person's name.

    `glued` is for the first author, cut out of the title's last word: its first part may
    not be an all-capital word, since that is nearly always the end of a title's acronym.
    """
    if text != text.strip() or "  " in text or not text:
        return False
    tokens = text.split(" ")
    if len(tokens) > 6:
        return False
    if len(tokens) == 1:
        return is_name_token(tokens[0], allow_all_caps=False)
    for position, token in enumerate(tokens):
        first, last = position == 0, position == len(tokens) - 1
        if token in PARTICLES:
            if last:
                return False
            continue
        if token in SUFFIXES:
            if first or not last:
                return False
            continue
        if _is_initial(token):
            if last or (first and glued and len(token) == 1):
                return False  # `…13 TeVATLA|S Collaboration`: a capital cut from the title's end
            continue
        # `D BERT Wu`, `T Robust AW Lee` are a title's words: a name with an initial without its
        # dot has no word in capitals
        bare_initials = any(len(t) == 1 for t in tokens)
        if not is_name_token(token, allow_all_caps=not (first and glued) and not bare_initials):
            return False
    return not all(t in PARTICLES or _is_initial(t) for t in tokens)


NAME_SLUG_MAX = 80
"""Author and topic slugs are cut here: a file name must stay well under 255 bytes."""


_PLAIN_NAME = re.compile(r"(?!.*\d,\d)[A-Za-z0-9 ,.-]+")
"""ASCII letters, digits, spaces, dashes, commas and full stops, but no comma between digits
(slugify makes `1,000` one number)."""


@lru_cache(maxsize=65536)
def name_slug(name: str) -> str:
    """`Sébastien Bubeck` -> `sebastien-bubeck`: the URL part for a person or a topic."""
    if len(name) <= NAME_SLUG_MAX and _PLAIN_NAME.fullmatch(name):
        # What slugify makes of a plain ASCII name, without importing it (a thirtieth of a
        # small site's edit build): lower case, each run of other characters one dash.
        return re.sub(r"[ ,.-]+", "-", name.lower()).strip("-") or "x"
    from slugify import slugify

    return slugify(name, max_length=NAME_SLUG_MAX, word_boundary=True, save_order=True) or "x"


_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i",
                               "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "þ": "th", "Þ": "Th", "ß": "ss",
                               "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe"})  # fmt: skip
"""Latin letters that Unicode does not write as a letter and an accent (`ł` is no `l` with a
mark to drop), as databases that keep to ASCII spell them: `Miśkiewicz, Radosław` is
`Miskiewicz, Radoslaw` there, `Jørgen` is `Jorgen`."""


_ORGANISATION_WORDS = frozenset(
    "association consortium collaboration team group institute inc inc. ltd ltd. llc project committee society "
    "foundation organization organisation laboratory laboratories lab labs university council agency center centre "
    "network initiative alliance corporation company corp corp. department ministry office board federation union "
    "community contributors developers authors working workshop research".split()
)


def looks_like_organisation(name: str) -> bool:
    """Whether an author's name is an organisation's (`ATLAS Collaboration`, `BigScience
    Workshop`, `Google Research`): a word that says so, or more words than a person's name has."""
    words = name.casefold().replace(",", " ").split()
    return len(words) > 1 and (any(w in _ORGANISATION_WORDS for w in words) or len(words) > 5)


def fold(name: str) -> str:
    """A name without accents, dots or case: the key under which variants meet."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace(".", " ").replace("’", "'").casefold().split())


_INITIALS_ITEM = re.compile(r"(?:[A-Z][a-z]?\.?\s*-?\s*){1,4}")
"""Given names as initials in a list of text: `J. A.`, `B.-C.`, `Kh.`"""


ET_AL = r"(?:et\.?\s+al\.?|(?:and|&)\s+others)"
"""The words that end a shortened author list: `et al.`, `et al`, `et. al.`, and `and others`
as BibTeX writes it."""


def split_name_text(text: str) -> tuple[list[str], bool]:
    """Names written as text, not as BibTeX's `and` list: `Anna Vesely, Livio Finos and Jelle J.
    Goeman`, APA's `Vesely, A., Finos, L., & Goeman, J. J.` or `Vesely, Anna; Finos, Livio` ->
    the names, given name first, and whether the list ends with `et al.` (an academicpages
    `citation`, a .bib `author` field written with commas)."""
    text = re.sub(r"\*\*|__", "", text).strip().rstrip(",;").strip()  # `**Lee, A.**`: the site's owner in bold
    et_al = bool(re.search(rf"\b{ET_AL}$", text))
    text = re.sub(r"(?<=\w\w)\.$", "", re.sub(rf",?\s*\b{ET_AL}$", "", text))  # `Ann Lee.`, not `Y.`
    groups = [group for group in re.split(r";|\s+(?:and|&)\s+", text) if group.strip()]
    if ";" in text or (len(groups) >= 2 and all(group.count(",") == 1 for group in groups)):
        return usable_names(_given_first(group) for group in groups), et_al  # `Smith, John and Doe, Jane`
    parts = [re.sub(r"^(?:and|&)\s+", "", part.strip()) for part in re.split(r",|\s+(?:and|&)\s+", text)]
    parts = [part for part in parts if part]
    families, givens = parts[::2], parts[1::2]
    paired = (
        len(parts) >= 2
        and len(parts) % 2 == 0
        and (
            all(_INITIALS_ITEM.fullmatch(given) for given in givens)  # APA's `Lee, A., Chen, B.`
            or (len(parts) >= 4 and all(len(family.split()) == 1 for family in families))  # `Lee, Ann, Chen, Bo`
        )
    )
    if paired:
        return usable_names(f"{given.strip()} {family}" for family, given in zip(families, givens, strict=True)), et_al
    return usable_names(parts), et_al


def usable_names(candidates) -> list[str]:
    """The candidates that can be names: with a letter, without the list's own `&` and a `*`
    before them (a `*` after a name is a mark: callers that read marks take it off)."""
    names = (" ".join(name.strip(" &").lstrip("*").split()) for name in candidates)
    return [name for name in names if any(char.isalpha() for char in name)]


def _given_first(name: str) -> str:
    family, _, given = name.strip().partition(",")
    return f"{given.strip()} {family.strip()}".strip()


_GROUP_WORDS = frozenset("collaboration collaborations consortium team group project network experiment survey".split())


def collaboration_name(value: str) -> str:
    """A collaboration as its readers name it: INSPIRE's `ATLAS` is the `ATLAS Collaboration`,
    `ATLAS, CMS` the `ATLAS and CMS Collaborations`; a name that says what it is (`LIGO
    Scientific Collaboration`, `1000 Genomes Project Consortium`) stays as written."""
    if _GROUP_WORDS & set(re.findall(r"\w+", value.casefold())):
        return value
    parts = [part.strip() for part in re.split(r",|;|&|\band\b", value) if part.strip()]
    if len(parts) > 1:
        return f"{', '.join(parts[:-1])} and {parts[-1]} Collaborations"
    return f"{value} Collaboration"
