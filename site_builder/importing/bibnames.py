"""BibTeX name lists, both ways: `Last, First and {Org Name} and others` to the names pages show,
and names back to the `von Last, Jr, First` form every BibTeX style reads the same way.

The rules are BibTeX's own: `and` (in any case) at brace depth 0 separates names; a name with
no comma is `First von Last`, with one `von Last, First`, with two `von Last, Jr, First`; a
name wholly in braces is one unit (an organisation). Equal-contribution marks (`Yuan*`,
`\\textsuperscript{*}`, `$^\\dagger$`) are taken off the name and reported apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.text import cjk
from site_builder.text.capitals import family_in_capitals_first, words_capitalized
from site_builder.text.latex import braces_pair, decode_latex
from site_builder.text.names import MARK_LOOKALIKES, NAME_MARKS, NAME_SUFFIX, PARTICLES, SUFFIXES, looks_like_organisation, split_name_text

_BRACE_OR_AND = re.compile(r"[{}]|\s+and(?:\s+and)*\s+", re.IGNORECASE)
"""Where a name list's braces open and close, and its `and`s (which split it outside braces); an
`and` written twice (`Lee, Ann and and Kim, Bo`) is one, not a name `and Kim, Bo`."""
_MARK = re.compile(
    r"(?:\\textsuperscript\{[^{}]*\}|\$?\^\{?(?:\*|\\ast|\\dagger|\\ddagger|\\S|\\#|\\sharp)\}?\$?|\\ast\b|[*†‡§#¶✉]"
    r"|\\dagger|\\ddagger|\\Letter\b|(?<=[^\W\d_])[+^]+(?=\s*(?:,|$)))+"
)
"""Marks after a name: `*`, `†`, `‡`, `§`, `#`, `¶`, `✉`, as text or LaTeX, and a `+` or a bare
`^` that ends a name (`Han+, Yoseob`, `Lee^, Yong Jae`; `C++` inside a name stays)."""
_MARK_SYMBOLS = (("\\ddagger", "‡"), ("\\dagger", "†"), ("\\ast", "*"), ("\\sharp", "#"), ("\\#", "#"), ("\\S", "§"), ("\\Letter", "✉"))


@dataclass(frozen=True, slots=True)
class BibName:
    """One name as BibTeX parts: each already decoded to Unicode."""

    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""
    whole: bool = False
    """Written in braces as one unit (`{International Skat Players Association}`)."""
    family_first: bool = field(default=False, compare=False)
    """Written `Family, Given`: the order of the parts is known, not read from their places."""

    @property
    def display(self) -> str:
        """`Pieter van der Berg`, `Charles O. Shields Jr.`, `International Skat Players Association`;
        a name in Chinese, Japanese or Korean script written `Family, Given` is shown family name
        first, unspaced, as it is written there (`李, 明` is 李明)."""
        if self.family_first and self.first and self.last and not (self.von or self.jr) and cjk.is_cjk_text(self.last + self.first):
            return self.last + self.first
        return " ".join(part for part in (self.first, self.von, self.last, self.jr) if part)


def split_list(field: str) -> tuple[list[str], bool]:
    """The raw names of an `author`/`editor` field, and whether it ended in `and others`."""
    parts, depth, start = [], 0, 0
    for found in _BRACE_OR_AND.finditer(field):  # a large collaboration's field is 60,000 characters
        if found.group() == "{":
            depth += 1
        elif found.group() == "}":
            depth -= 1
        elif depth == 0:
            parts.append(field[start : found.start()])
            start = found.end()
    parts.append(field[start:])
    names = [" ".join(p.split()) for p in parts if p.strip()]
    others = bool(names) and _OTHERS.fullmatch(names[-1]) is not None
    if others:
        names = names[:-1]
    elif names and (cut := _ENDS_ET_AL.search(names[-1])):  # `Chen, Bo et al.`, Scholar's `J Uszkoreit…`
        names[-1], others = names[-1][: cut.start()], True
    return names, others


_OTHERS = re.compile(r"\{?others\}?|\{?(?:\\(?:emph|textit)\s*\{)?\s*(?:et\.?\s+al\.?|al\.|etc\.?|\.\.\.|…)\s*\}?\}?", re.I)
"""The end of a list that names no one more: BibTeX's `and others`, and what people write for
it (`and et al.`, `and \\emph{et al.}`, `and ...`)."""
_ENDS_ET_AL = re.compile(r",?\s+(?:\\(?:emph|textit)\s*\{)?et\.?\s+al\.?\}?$|(?<=\w)(?:…|\.\.\.)$", re.I)


def listed_with_commas(item: str) -> list[str] | None:
    """The names of an item that is a list written with commas, semicolons or `&`, not `and`
    (`Ann Lee, Bo Chen, Cy Wu`, APA's `Lee, A., Chen, B.`, `Ann Lee; Bo Chen`, `Ann Lee & Bo
    Chen`), given name first; None for one name, which has at most two commas (`Shields, Jr.,
    Charles O.`) and no `;` (`Procter & Gamble` is one)."""
    commas = _split_top(item, ",")
    sides = item.split(" & ")
    listed = len(_split_top(item, ";")) > 1 or (
        len(sides) > 1 and all(len(side.split()) >= 2 for side in sides) and not looks_like_organisation(item)
    )
    if len(commas) >= 2 and all(family_in_capitals_first(part) for part in commas):
        return [f"{' '.join(part.split()[1:])} {words_capitalized(part.split()[0])}" for part in commas]  # `LEE Ann, KIM Bo`
    if not listed and (
        len(commas) < 3 or (len(commas) == 3 and any(NAME_SUFFIX.fullmatch(part.strip()) for part in (commas[1], commas[2])))
    ):
        return None  # `Shields, Jr., Charles O.`, and the order people get wrong, `Shields, Charles O., Jr.`
    names, _ = split_name_text(item)
    return names if len(names) > 1 else None


_HIGHLIGHTS = (
    re.compile(r"\\(?:textbf|underline|uline|emph|textit|textsc|textsl|mbox)\s*\{(.*)\}", re.S),
    re.compile(r"\{\\(?:bf|it|em|sc|sl|bfseries|itshape|underline)\s+(.*)\}", re.S),
    re.compile(r"<(?:b|strong|u|i|em)>(.*)</(?:b|strong|u|i|em)>", re.S | re.I),
    re.compile(r"\*\*(.*)\*\*|__(.*)__", re.S),
)
"""A name set in bold, italics or underlined as a whole: how a lab's own file marks its people
(`\\textbf{Lee, Ann}`, `\\underline{Lee, A.}`, `<b>Ann Lee</b>`, `**Ann Lee**`)."""


def unhighlighted(raw: str) -> tuple[str, bool]:
    """A raw name without the bold, italics or underline around it as a whole, and whether it
    had any: `\\textbf{Lee, Ann}` is the name `Lee, Ann` (a family name and a given one, not one
    braced unit)."""
    found = False
    while True:
        match = next((m for pattern in _HIGHLIGHTS if (m := pattern.fullmatch(raw.strip()))), None)
        inner = next((g for g in match.groups() if g is not None), "") if match else ""
        if match is None or not inner.strip() or not braces_pair(inner):
            return raw, found
        raw, found = inner.strip(), True


def cleaned_item(raw: str) -> tuple[str, str, bool]:
    """One raw item of a name list as a name: without the bold or underline around it, the
    marks after it (`\\textbf{Lee, Ann}*`, `\\textbf{Lee, Ann*}`) and DBLP's number for
    namesakes (`Wei Wang 0002`); the marks; whether it was highlighted."""
    raw, outer = unhighlighted(raw)
    cleaned, marks = strip_marks(raw)
    cleaned, inner = unhighlighted(cleaned)
    return _DBLP_NUMBER.sub("", cleaned), marks, outer or inner


_DBLP_NUMBER = re.compile(r"\s+\d{4}(?=\s*(?:,|$))")
"""The number DBLP tells namesakes apart with (`Wei Wang 0002`): no part of the name."""


def strip_marks(raw: str) -> tuple[str, str]:
    """A raw name without the marks after it (equal contribution, corresponding author), and
    those marks as symbols (`Lee$^\\dagger$*` -> `Lee`, `†*`; `Wu[*]` and `Wu (*)` -> `Wu`,
    `*`). Affiliation numbers go too, and are no marks (`\\textsuperscript{1}`, `Lee¹²`)."""
    raw = raw.translate(MARK_LOOKALIKES)
    found = "".join(mark_symbols(match.group()) for match in _MARK.finditer(raw))  # `\\textsuperscript{1}`: none
    cleaned = _AFFILIATION.sub("", _MARK.sub("", raw))
    if found:
        cleaned = _EMPTY_BRACKETS.sub("", cleaned)
    return " ".join(cleaned.replace(" ,", ",").split()).strip(" ,"), found


_AFFILIATION = re.compile(r"(?<=[^\W\d_])[⁰¹²³⁴⁵⁶⁷⁸⁹,]*[⁰¹²³⁴⁵⁶⁷⁸⁹]")
"""Affiliation numbers set as superscripts after a name (`Ann Lee¹²`, `Bo Chen¹,³`)."""
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)")
"""What is left of a mark written in brackets (`Wu[*]`, `Wu (*)`)."""


def mark_symbols(text: str) -> str:
    """The mark symbols in `text`, LaTeX's spelled as the symbols they print; the `^` that sets a
    mark as a superscript (`^{*}`, `$^\\dagger$`) is no mark of its own."""
    return "".join(c for c in re.sub(r"\^(?=[{\\$]|[^\s^,])", "", spell_marks(text)) if c in NAME_MARKS)


def spell_marks(text: str) -> str:
    """`text` with LaTeX's marks (`\\dagger`, `\\ast`, ...) as the symbols they print."""
    for command, symbol in _MARK_SYMBOLS:
        text = text.replace(command, symbol)
    return text


def marked_authors(names: tuple[str, ...], marks: tuple[str, ...], annotation: str) -> dict[str, tuple[str, ...]]:
    """`equal_contribution` and `corresponding`: the authors whose marks mean so. al-folio's
    `annotation` says what each mark means (`* Equal contribution`, `+ Corresponding authors`);
    without it, `+`, a bare `^` and `✉` mark corresponding authors and the rest (`*`, `†`, ...)
    equal ones."""
    meaning = {mark: "corresponding" if mark in "+^✉" else "equal" for mark in NAME_MARKS}
    spelled = spell_marks(annotation)
    for mark, text in re.findall(rf"([{re.escape(NAME_MARKS)}])\s*:?\s*([^{re.escape(NAME_MARKS)};]*)", spelled):
        if re.search(r"correspond", text, re.IGNORECASE):
            meaning[mark] = "corresponding"
        elif re.search(r"equal|co-?first|joint(?:ly)? first", text, re.IGNORECASE):
            meaning[mark] = "equal"
        else:
            meaning[mark] = ""  # `§ Work done at Google`: neither
    return {
        "equal_contribution": tuple(n for n, m in zip(names, marks, strict=True) if any(meaning[c] == "equal" for c in m)),
        "corresponding": tuple(n for n, m in zip(names, marks, strict=True) if any(meaning[c] == "corresponding" for c in m)),
    }


def parse_name(raw: str) -> BibName:
    """One raw name -> its parts, as BibTeX splits it."""
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}") and _closes_at_end(raw):
        return BibName(last=decode_latex(raw[1:-1]), whole=True)
    pieces = [p.strip() for p in _split_top(raw, ",")]
    if len(pieces) == 1:
        tokens = _tokens(pieces[0])
        if len(tokens) == 1:
            return BibName(last=decode_latex(tokens[0]))
        von_at = [i for i, t in enumerate(tokens[:-1]) if _is_lower(t)]
        if von_at:
            first, von, last = tokens[: von_at[0]], tokens[von_at[0] : von_at[-1] + 1], tokens[von_at[-1] + 1 :]
        else:
            first, von, last = tokens[:-1], [], tokens[-1:]
        return BibName(_spaced_initials(_decoded(first), written_after=False), _decoded(von), _decoded(last))
    jr = pieces[1] if len(pieces) > 2 else ""
    first = _spaced_initials(pieces[-1]) if len(pieces) > 1 else ""
    if len(pieces) == 3 and NAME_SUFFIX.fullmatch(first) and not NAME_SUFFIX.fullmatch(jr):  # `Berg, Pieter, Jr.`: the order people write
        jr, first = first, jr
    tokens = _tokens(pieces[0])
    von_count = 0
    while von_count < len(tokens) - 1 and _is_lower(tokens[von_count]):
        von_count += 1
    return BibName(decode_latex(first), _decoded(tokens[:von_count]), _decoded(tokens[von_count:]), decode_latex(jr), family_first=True)


_RUN_OF_INITIALS = re.compile(r"(?:[A-Z]\.){2,}|(?:[A-Z]\.)+[A-Z]")
_CAPITALS_ONLY = re.compile(r"[A-Z]{1,3}")
_INITIAL = re.compile(r"[A-Z]\.(?:-[A-Z]\.)?")


def _spaced_initials(given: str, written_after: bool = True) -> str:
    """Given names' initials as one spelling: `A.B.` is `A. B.`, and given names of initials
    alone written after the family name (`Lee, AB`, `Zhang, T`: PubMed's) are `A. B.` and `T.`;
    so that `Lee, A.B.`, `Lee, AB` and `Lee, A. B.` are one person. A capital beside a given
    name (`Kim, Seo A`, `Hu, Edward J`) or before a family name (`AB Lee`) is left as written:
    it may be part of the name."""
    words = given.split()
    initials_only = written_after and all(
        _RUN_OF_INITIALS.fullmatch(w) or _CAPITALS_ONLY.fullmatch(w) or _INITIAL.fullmatch(w) for w in words
    )
    spelled = []
    for word in words:
        if _RUN_OF_INITIALS.fullmatch(word) or (initials_only and _CAPITALS_ONLY.fullmatch(word)):
            spelled += [f"{letter}." for letter in word if letter.isalpha()]
        else:
            spelled.append(word)
    return " ".join(spelled)


def guess_parts(name: str) -> BibName:
    """A display name -> BibTeX parts, the way most names are built: the last word is the family
    name, lower-case particles before it belong to it, `Jr.`/`III` after it is the suffix; an
    organisation or a single word is one unit."""
    tokens = name.split()
    if len(tokens) < 2:
        return BibName(last=name, whole=bool(tokens) and not tokens[0].isalpha())
    if looks_like_organisation(name) or re.search(r"\sand\s", name, re.IGNORECASE):
        return BibName(last=name, whole=True)
    if cjk.family_name(name) == tokens[0]:  # `山田 太郎`: the family name comes first
        return BibName(" ".join(tokens[1:]), "", tokens[0])
    jr = ""
    if tokens[-1] in SUFFIXES and len(tokens) > 2:
        jr = tokens.pop()
    last = [tokens.pop()]
    von: list[str] = []
    while len(tokens) > 1 and tokens[-1] in PARTICLES:
        von.insert(0, tokens.pop())
    return BibName(" ".join(tokens), " ".join(von), " ".join(last), jr)


def format_name(parts: BibName, escape) -> str:
    """`von Last, Jr, First` with each part escaped by `escape`; an organisation in braces."""
    if parts.whole or (not parts.first and not parts.von and not parts.jr):
        text = escape(parts.last)
        return "{" + text + "}" if parts.whole or " " in parts.last or "," in parts.last else text
    family = " ".join(p for p in (escape(parts.von), _protect(escape(parts.last))) if p)
    fields = [family, escape(parts.jr)] if parts.jr else [family]
    return ", ".join([*fields, _protect(escape(parts.first))])


def _protect(text: str) -> str:
    """Brace a part that has a comma or an `and` of its own, which would split it."""
    return "{" + text + "}" if re.search(r",|\band\b", text, re.IGNORECASE) else text


def _closes_at_end(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "{") - (char == "}")
        if depth == 0 and index < len(text) - 1:
            return False
    return depth == 0


def _split_top(text: str, separator: str) -> list[str]:
    pieces, depth, current = [], 0, []
    for char in text:
        depth += (char == "{") - (char == "}")
        if char == separator and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*pieces, "".join(current)]


def _tokens(text: str) -> list[str]:
    return [t for t in _split_top(text.replace("~", " "), " ") if t]


def _is_lower(token: str) -> bool:
    """BibTeX's von test: the first letter at brace depth 0 is lower case."""
    depth = 0
    for char in token:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char.isalpha() and depth == 0:
            return char.islower()
    return False


def _decoded(tokens: list[str]) -> str:
    return decode_latex(" ".join(tokens)) if tokens else ""
