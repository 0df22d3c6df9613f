"""Telling a title from the author names glued to its end.

A listing's second line is the title with no separator before the first author:
`…for Physical AIAditi, Niket Agarwal, Arslan Ali`. The authors after the first are split
cleanly by `, `; the first author starts at some capital letter inside the last title word.
We list every place where it could start, keep those that leave a name-shaped author and a
sensible title, and score them with what else we know: names seen elsewhere in the listing,
names in the people registry, and whether the listing says `et al.` (then three are shown).
A byline with no name-shaped author gets a best guess, `bylineguess`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from site_builder.text.cjk import NAME_LENGTHS, is_cjk_letter, is_cjk_text, name_starts
from site_builder.text.names import (
    CAPITAL_PREFIXES,
    JOINING_PARTICLES,
    PARTICLES,
    fold,
    is_caseless_letter,
    is_name,
    is_name_token,
    looks_like_organisation,
)

MAX_SHOWN_AUTHORS = 3
"""Our profile's listing shows at most three authors; `et al.` follows when there are more."""
MAX_LISTED_AUTHORS = 100
"""Other exporters show every author of a paper without `et al.`: a byline may list this many."""


def _author_counts(segments: list[str]) -> range:
    """How many of a byline's comma-separated segments may be authors: any number it has."""
    return range(1, min(MAX_LISTED_AUTHORS, len(segments)) + 1)


def likeliest_counts_first(segments: list[str], et_al: bool) -> list[int]:
    """The author counts a best guess tries, in order: three first with `et al.` (what our
    profile's listing shows), then the most the byline allows."""
    return sorted(_author_counts(segments), key=lambda count: (et_al and count != MAX_SHOWN_AUTHORS, -count))


@dataclass(frozen=True, slots=True)
class Split:
    """A byline split into its title and authors, with how sure we are."""

    title: str
    authors: tuple[str, ...]
    certain: bool
    reason: str = ""
    """Why the split is uncertain, for the warning a person reads."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    title: str
    authors: tuple[str, ...]
    score: float
    odd: bool = False
    """Whether the cut itself has an unlikely shape (see `_split_penalty`)."""
    capitals_first: bool = False
    """Whether the first author starts with a word in capitals cut from the title's last word
    (`…Sparse|KAISER Łukasz`), which may as well be the end of the title's acronym."""
    unseen: bool = False
    """Whether the cut falls between two letters without case (`…综述|张伟`), where nothing
    shows it (see `cjk.name_starts`)."""


def _glue_points(glued: str) -> list[tuple[int, float]]:
    """Where the first author may start inside `glued`, with a penalty for unlikely places."""
    points = []
    for index in range(1, len(glued)):
        char, before = glued[index], glued[index - 1]
        if before.isspace():
            continue  # glued means no separator: a space before it would be one
        if char.isupper() or (is_caseless_letter(char) and not is_caseless_letter(before) and not is_cjk_letter(char)):
            points.append((index, 0.0))
        elif char.islower():
            word = glued[index:].split(" ", 1)[0]
            if word in PARTICLES and word not in JOINING_PARTICLES and " " in glued[index:]:
                points.append((index, -2.0))
    return points


def _split_penalty(title: str, first_author: str) -> float:
    """How unlikely a split is from its shape alone (0 for a plain one; lower is worse)."""
    stripped = title.rstrip()
    if not stripped or stripped != title:
        return float("-inf")
    last_word = stripped.rsplit(" ", 1)[-1]
    first_token = first_author.split(" ", 1)[0]
    penalty = 0.0
    # `Le|Cun`, `Mc|Donald`, `Jean-|Pierre`: the cut falls inside one name word.
    if is_name_token(last_word + first_token, allow_all_caps=False) or stripped[-1] in "-'’":
        penalty -= 4.0
    # `…ModelsMc|Donald`: the title keeps a name's first letters.
    for prefix in CAPITAL_PREFIXES:
        head = stripped[: -len(prefix)]
        if stripped.endswith(prefix) and head and head[-1].isalpha() and head[-1].islower():
            penalty -= 4.0
    # `…MRI|J Smith` or `…MARTI|N Claire`, `…3|D Learning`: an initial without its dot after a
    # capital or a digit may as well be the last letter of a word in capitals (or `3D`).
    if len(first_token) == 1 and (stripped[-1].isupper() or stripped[-1].isdigit()):
        penalty -= 4.0
    # `…on an i|MacKenzie`: a title does not end in a lone lower-case letter.
    if len(last_word) == 1 and last_word.islower():
        penalty -= 5.0
    # `…with HM|Msde Jong`, `…on GP|Us CNNNVIDIA`: a plural acronym (`HMMs`, `GPUs`) is a common
    # end of a title.
    if re.search(r"[A-Z]{2}$", stripped) and re.match(r"[A-Z]s(?:[a-z]|$)", first_token):
        penalty -= 3.0
    # `…Google Deep|Mind`: one word after a capitalised word is as likely the end of a name
    # written as one word (`DeepMind`, `PyTorch`) as a person known by one name (`Aditi`).
    if " " not in first_author and re.fullmatch(r"[A-Z][a-z]+", last_word):
        penalty -= 1.0
    # `…MeVLH|Cb Collaboration`: an acronym ending in a small letter (`LHCb`) cut before its
    # last capital leaves a "name" of two letters and no vowel: no place to cut.
    if stripped[-1].isupper() and len(first_token) == 2 and first_token.isalpha() and not any(c in "aeiouy" for c in fold(first_token)):
        return float("-inf")
    return penalty


def split_byline(byline: str, et_al: bool, known: frozenset[str] = frozenset()) -> Split | None:
    """Split `title + authors` into its parts; None when no author name can be found.

    `known` holds folded names (see `fold`) seen elsewhere: in the registry and the listing.
    """
    segments = byline.split(", ")
    candidates = _candidates(segments, et_al, known)
    joined = _last_joined(segments)
    if joined is not None:  # `…, Bo Chen and Cy Wu`: other exporters join the last author with `and`
        candidates += _candidates(joined, et_al, known, joined_last=True)
    if not candidates:
        return _spaced_split(segments, et_al)
    candidates.sort(key=lambda c: (-c.score, -len(c.authors), len(c.title)))
    best = candidates[0]
    if et_al and len(best.authors) != MAX_SHOWN_AUTHORS:
        shown = len(best.authors)
        reason = f"the listing says `et al.` after {shown} author{'s' if shown > 1 else ''}, where it shows three"
        return Split(best.title, best.authors, False, reason)
    started = _organisation_started_in_title(best)
    if started is not None:
        return started
    if best.capitals_first:
        reason = f"the capitals {best.authors[0]!r} starts with may be the end of the title"
        return Split(best.title, best.authors, False, reason)
    if best.unseen:
        reason = f"nothing in the script shows where the title ends; took {best.authors[0]!r} as the first author"
        return Split(best.title, best.authors, False, reason)
    if best.odd:  # `…Le|Cun Smith`: the best cut there is, but not one a listing makes
        return Split(best.title, best.authors, False, f"the title would end in {best.title[-20:]!r}, an unusual place to cut")
    if len(candidates) > 1 and candidates[1].score > best.score - 2.0:
        runner_up = candidates[1]
        return Split(
            best.title,
            best.authors,
            False,
            f"the first author could also be {runner_up.authors[0]!r} (title ending {runner_up.title[-20:]!r})",
        )
    return Split(best.title, best.authors, True)


def _organisation_started_in_title(best: _Candidate) -> Split | None:
    """For a first author that is an organisation cut inside a word written as one
    (`…ModelBig|Science Workshop`, of `BigScience Workshop`): the split with the name from the
    word's first capital after a small letter, unsure. None for any other split."""
    first = best.authors[0]
    # after a capital the cut ends an acronym or a unit (`…13 TeV|ATLAS Collaboration`), not a word
    if not looks_like_organisation(first) or not best.title[-1:].islower():
        return None
    last_word = best.title.rsplit(" ", 1)[-1]
    starts = camel_capitals(last_word, inner_capitals(last_word))
    if not starts:
        return None
    cut = len(best.title) - len(last_word) + starts[0]
    named = best.title[cut:] + first
    reason = f"the first author {first!r} is an organisation, whose name may start in the title's last word: took {named!r}"
    return Split(best.title[:cut], (named, *best.authors[1:]), False, reason)


def _candidates(segments: list[str], et_al: bool, known: frozenset[str], joined_last: bool = False) -> list[_Candidate]:
    """Every split of the byline's comma-separated `segments` into a title and names, scored.
    `joined_last`: the last two segments were one, `A and B`; both are authors then, or the
    title would have a comma where it has `and`."""
    candidates: list[_Candidate] = []
    for count in _author_counts(segments):
        if joined_last and count < 2:
            continue
        others = segments[len(segments) - count + 1 :]
        if not all(is_name(name) for name in others):
            continue
        glued = segments[len(segments) - count]
        head = ", ".join(segments[: len(segments) - count])
        capitals_first = _family_in_capitals_first(others)
        for index, penalty in _glue_points(glued):
            if UNITS_ENDING_IN_A_CAPITAL.search(glued[: index + 1]):
                continue  # `…13 Te|VATLAS Collaboration`: the capital is the unit's (see `bylineguess.best_guess_split`)
            first = glued[index:]
            # after a small letter, or a unit's capital (`…13 TeV|ATLAS Collaboration`)
            after_small = glued[index - 1].islower() or bool(UNITS_ENDING_IN_A_CAPITAL.search(glued[:index]))
            unknown = fold(first) not in known
            guessed_capitals = not is_name(first, glued=not (capitals_first and after_small))
            if guessed_capitals and unknown:  # a name the site knows may follow capitals: `…IoT|ATLAS Collaboration`
                if not (after_small and is_name(first)):
                    continue
                penalty -= 3.0  # `…Sparse|KAISER Łukasz`: a family name in capitals, first; or an acronym
            title = f"{head}, {glued[:index]}" if head else glued[:index]
            cut = _split_penalty(title, first)
            if cut == float("-inf"):
                continue
            if capitals_first and glued[index - 1].isupper() and first[1:2] == " ":
                cut -= 3.0  # `…ZHAN|G Wei` beside `LI Na`: the family name in capitals, cut
            authors = (first, *others)
            score = penalty + cut + _names_score(first, others, count, et_al, known)
            # a particle's cut (`Models|van der Berg`) always looks like one inside a word: odd only
            # when the particle is as short as a word's end (`Mobi|le`, `Neur|al`)
            odd = (cut < 0 and not penalty) or (penalty < 0 and len(first.split(" ", 1)[0]) <= 2)
            candidates.append(_Candidate(title, authors, score, odd=odd and unknown, capitals_first=guessed_capitals and unknown))
        candidates += _cjk_candidates(head, glued, others, count, et_al, known)
    return candidates


def _names_score(first: str, others: list[str], count: int, et_al: bool, known: frozenset[str]) -> float:
    """What the authors of a split add to its score, whatever the cut: names the site knows,
    and as many authors as the listing shows (three with `et al.`, else the most)."""
    score = 5.0 * (fold(first) in known) + sum(2.0 for name in others if fold(name) in known)
    return score + ((10.0 if count == MAX_SHOWN_AUTHORS else -10.0) if et_al else 0.5 * count)


def _closes(char: str) -> bool:
    """A closing bracket or quote (`）`, `》`, `」`): a title that ends in one shows where it ends."""
    return bool(char) and unicodedata.category(char) in ("Pe", "Pf")


def _family_in_capitals_first(names: list[str]) -> bool:
    """Whether the names are written family name first, in capitals (`ZHANG Wei`, `DUPONT Jean`):
    then the first author glued to the title may start with a word in capitals too. A group's
    name (`ATLAS Collaboration`, `NVIDIA Research`) is no person's."""

    def capitals_first(name: str) -> bool:
        family, _, given = name.partition(" ")
        in_capitals = family.isupper() and bool(re.fullmatch(r"[^\W\d_]{2,}", family))
        return in_capitals and bool(given) and not _GROUP_WORDS & set(given.lower().split())

    return bool(names) and all(capitals_first(name) for name in names)


_GROUP_WORDS = frozenset(
    "collaboration consortium team group lab labs laboratory project initiative network alliance society association "
    "institute committee foundation collective research inc ltd corporation company university center centre community".split()
)
"""Words that make a name a group's: a collaboration, a company, a lab."""


def _cjk_candidates(head: str, glued: str, others: list[str], count: int, et_al: bool, known: frozenset[str]) -> list[_Candidate]:
    """Splits where the first author is a name in Chinese characters, kana or Hangul at the end
    of `glued`. Sure only of a known name, or of one that ends a title written in another
    script (`…Gaussian Splatting|张伟`) or in a closing bracket (`…（综述）|张伟`)."""
    candidates = []
    # `…, 欧阳娜娜, Cy Wu`: a segment that is a whole name after a comma is one of the later authors
    whole_name = bool(head) and len(glued) in NAME_LENGTHS and is_cjk_text(glued)
    for index, likelihood in name_starts(glued, others, ", ".join((head, glued, *others))):
        likelihood -= 5.0 if whole_name else 0.0
        first = glued[index:]
        title = f"{head}, {glued[:index]}" if head else glued[:index]
        score = likelihood + _names_score(first, others, count, et_al, known)
        written_apart = (title[-1:].isalnum() and not any(is_cjk_letter(c) for c in title)) or _closes(title[-1:])
        candidates.append(_Candidate(title, (first, *others), score, unseen=fold(first) not in known and not written_apart))
    return candidates


_LAST_JOIN = re.compile(r"^(.*\S)\s+(?:and|&)\s+(\S.*)$")


def _last_joined(segments: list[str]) -> list[str] | None:
    """The segments with the last one's `A and B` (or `A & B`, or `and B` after an Oxford
    comma) as two, when what follows is shaped like a name (`Cy Wu`, `Zoë LeCun`, not a title's
    end glued to one, `DogsAnn Lee`); None otherwise."""
    last = segments[-1]
    if last.startswith(("and ", "& ")) and len(segments) > 1 and is_name(last.split(" ", 1)[1]):
        return [*segments[:-1], last.split(" ", 1)[1]]
    found = _LAST_JOIN.match(last)
    if found is None or re.search(r"[a-z0-9][A-Z]", found.group(2).split(" ")[0]) or not is_name(found.group(2)):
        return None  # a first word glued to a capital is a title's end and a name (`DogsAnn`); `LeCun` may follow
    return [*segments[:-1], found.group(1), found.group(2)]


def _spaced_split(segments: list[str], et_al: bool) -> Split | None:
    """A split for a byline whose authors follow the title after a space instead of glued to
    it (another exporter's habit), or None. Always uncertain: `…for Robots Kim Lee` could also
    be by `Robots Kim Lee`, so the first author is taken as the fewest words (two, when it can
    be) that are shaped like a name. The most authors the commas allow are tried first, and only
    they: a segment that is a whole name (`…DeepSeek-AI, Aixin Liu`) is an author, not the end
    of the title."""
    count = next((c for c in likeliest_counts_first(segments, et_al) if all(map(is_name, segments[len(segments) - c + 1 :]))), 0)
    if not count:
        return None
    others = segments[len(segments) - count + 1 :]
    words = segments[len(segments) - count].split(" ")
    head = ", ".join(segments[: len(segments) - count])
    for size in (2, 1, 3):
        if len(words) <= size or not is_name(first := " ".join(words[-size:])):
            continue
        if re.search(r"[a-z0-9][A-Z]", words[-size - 1]):
            return None  # `…LLMsNVIDIA Research`: glued after all, to a name of no usual shape
        if named_in_title(" ".join(words[:-size]), first.split(" ", 1)[0]) is not None:
            return None  # `…at the LHCATLAS Collaboration`: glued after all, inside a word in capitals
        title = " ".join(words[:-size])
        title = f"{head}, {title}" if head else title
        return Split(title, (first, *others), False, f"the authors follow the title after a space; took {first!r} as the first author")
    return None


def trailing_names(byline: str) -> list[str]:
    """Names that stand cleanly after the first author: a cheap, safe source of known names."""
    segments = byline.split(", ")
    names = []
    for segment in reversed(segments[1:][-(MAX_LISTED_AUTHORS - 1) :]):
        if not is_name(segment):
            break
        names.append(segment)
    return names


UNITS_ENDING_IN_A_CAPITAL = re.compile(r"(?<![^\W\d_])(?:[kMGTP]?eV|[mkµμ][VW]|dB|pH|[mnpµμ]M)$")
"""Units a title can end in whose last letter is a capital (`… at 13 TeV`): glued to an author
(`TeVATLAS Collaboration`) the capital is the unit's, not the author's."""


def inner_capitals(word: str) -> list[int]:
    """Where in a word an author glued to it can start: a capital (or a letter of a script
    without case) inside it, not just after a hyphen."""
    return [i for i in range(1, len(word)) if (word[i].isupper() or is_caseless_letter(word[i])) and word[i - 1] != "-"]


def camel_capitals(word: str, inner: list[int]) -> list[int]:
    """Of a word's `inner` capitals (`inner_capitals`), those after a small letter or a digit
    (`Report|OpenAI`, `Model|BigScience`): where a name written as one word can start."""
    return [i for i in inner if word[i - 1].islower() or word[i - 1].isdigit()]


def named_in_title(title: str, word: str) -> int | None:
    """Where in `word`, written in capitals, a group's name glued to it starts, when the title
    names that group elsewhere (`…with the ATLAS detector at the LHC|ATLAS Collaboration`): the
    first inner capital from which the rest of the word is a word of the title. None otherwise."""
    if not (len(word) > 3 and word.isupper() and word.isalpha()):
        return None
    used = set(re.findall(r"[^\W\d_]+", title))
    return next((i for i in range(2, len(word) - 2) if word[i:] in used), None)
