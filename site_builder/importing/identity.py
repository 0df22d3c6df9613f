"""One paper across sources: when a listing entry, a .bib entry and a paper file are the same
work, and when two papers with similar titles are two.

Identifiers decide first: the same DOI or arXiv id is the same paper; two different arXiv ids,
or two different publisher DOIs, are two papers. Without them, the normalised title must match
(case, accents, punctuation and `&`/`and` aside), or be one title with one word spelt otherwise
(`Estimaton`, `Modelling`, `Towards`: `misspelt`), the years must be close (a preprint is often
a year or two before its venue) and the author lists must share a name. Two published records of
one title and two years are two publications when their kinds differ (a conference paper and
its journal version) or their conferences do (a workshop's abstract, then the main meeting's).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Hashable, Iterable
from collections.abc import Set as AbstractSet

from site_builder.site.model import Paper
from site_builder.text.identifiers import arxiv_from_doi
from site_builder.text.latex import math_as_text, without_emphasis
from site_builder.text.names import fold

MAX_YEARS_APART = 2
"""A preprint and its published version: the arXiv date and the venue's year differ by at most this."""


def title_key(title: str) -> str:
    """A title reduced to its letters, digits and `+` (`EnTagRec++` is not `EnTagRec`), in any
    script, with `&` read as `and` and math read as text (`$T_{\\mathrm{eff}}$`, `T<sub>eff</sub>`
    and `Teff` are one; so are `$\\alpha$` and `α`): how one paper is recognised across sources
    and edits."""
    return _NOT_IN_KEY.sub("", _comparable(math_as_text(without_emphasis(title))))


_NOT_IN_KEY = re.compile(r"[^\w+]|_")


def _comparable(text: str) -> str:
    return fold(text).replace("&", " and ")


MIN_WORDS_TO_MISSPELL = 4
"""A title shorter than this is too short to tell a misspelt word from another title."""


def title_words(title: str) -> list[str]:
    """A title's words as `title_key` reads them (case, accents and markup aside)."""
    return re.findall(r"[^\W_]+\+*|\++", _comparable(math_as_text(without_emphasis(title))))


def misspelt(first: str, second: str) -> bool:
    """Whether two titles are one title with one word spelt otherwise: the same words but one,
    and that one a letter added, dropped, changed or two swapped (`Estimaton`, `Modelling`,
    `Optimisation`, `Towards`, `Models`). Numbers never (`Part 1`, `Part 2`), nor short words
    (`Part I`, `Part II`), nor two letters (`Supervised`, `Unsupervised`)."""
    words_a, words_b = title_words(first), title_words(second)
    if len(words_a) != len(words_b) or len(words_a) < MIN_WORDS_TO_MISSPELL:
        return False
    differ = [(a, b) for a, b in zip(words_a, words_b, strict=True) if a != b]
    if len(differ) != 1:
        return False
    a, b = differ[0]
    return a.isalpha() and b.isalpha() and min(len(a), len(b)) >= 4 and _one_edit_apart(a, b)


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[start + 2 :] == b[start + 2 :] and a[start : start + 2] == b[start : start + 2][::-1]
        return a[start + 1 :] == b[start + 1 :] or swapped
    return a[start + 1 :] == b[start:] if len(a) > len(b) else a[start:] == b[start + 1 :]


def _one_word_off_keys(title: str) -> set[str]:
    """Keys two titles share when all their words but one are the same, one for each word."""
    words = title_words(title)
    if len(words) < MIN_WORDS_TO_MISSPELL:
        return set()
    return {"near:" + " ".join(words[:n]) + " * " + " ".join(words[n + 1 :]) for n in range(len(words))}


def source_id(source: str, title: str, year: int, doi: str = "", arxiv: str = "") -> str:
    """An imported entry's identity across exports of its source (`bibtex`, `hugoblox`): its DOI
    or arXiv id, else its title (by `title_key`) and year."""
    basis = f"doi:{doi.lower()}" if doi else f"arxiv:{arxiv}" if arxiv else f"{_written_key(title)}:{year}"
    return f"{source}:" + hashlib.sha256(basis.encode()).hexdigest()[:16]


def _written_key(title: str) -> str:
    """A title's letters as written, its LaTeX's too: the basis of the ids that sites' files and
    import states hold, which must stay what they are (`title_key` reads math as text)."""
    return _NOT_IN_KEY.sub("", _comparable(without_emphasis(title)))


def arxiv_of(paper: Paper) -> str:
    """The paper's arXiv id, from `arxiv` or from an arXiv DOI."""
    return paper.arxiv or (arxiv_from_doi(paper.doi) or "" if paper.doi else "")


def publisher_doi(paper: Paper) -> str:
    """The paper's DOI unless it is arXiv's own (which names the preprint, not a publication)."""
    return "" if not paper.doi or arxiv_from_doi(paper.doi) else paper.doi.lower()


def family_names(paper: Paper) -> set[str]:
    return family_names_of(paper.authors)


def family_names_of(names: Iterable[str]) -> set[str]:
    """The family name of each name: what two spellings of one author list share."""
    return {family_name(name) for name in names if name.strip()}


def family_name(name: str) -> str:
    """A name's folded last word (`Hao Wen` and `H. Wen` share `wen`); "" for no name."""
    words = fold(name).split(" ")
    return words[-1]


def share(first: AbstractSet[Hashable], second: AbstractSet[Hashable]) -> float:
    """The share of the words (or word pairs) either has that both have; 0 when either has none."""
    return len(first & second) / len(first | second) if first and second else 0.0


def years_of(paper: Paper) -> set[int]:
    return {paper.date.year, paper.venue_year or paper.date.year}


def same_paper(first: Paper, second: Paper) -> bool:
    """Whether two records describe one work (see the module's rules)."""
    doi_a, doi_b = publisher_doi(first), publisher_doi(second)
    if doi_a and doi_a == doi_b:
        return True
    arxiv_a, arxiv_b = arxiv_of(first).lower(), arxiv_of(second).lower()
    if arxiv_a and arxiv_b:
        return arxiv_a == arxiv_b
    if doi_a and doi_b:
        return False  # two publications: editions, a chapter and its book, a paper and its erratum
    if title_key(first.title) != title_key(second.title) and not misspelt(first.title, second.title):
        return False
    if two_publications(first, second):
        return False
    if min(abs(a - b) for a in years_of(first) for b in years_of(second)) > MAX_YEARS_APART:
        return False
    names_a, names_b = family_names(first), family_names(second)
    return not names_a or not names_b or bool(names_a & names_b)


PUBLISHED = ("conference", "journal")


def two_publications(first: Paper, second: Paper) -> bool:
    """Whether two records of one title, each with its venue, are two publications of two years:
    a conference paper and its journal version, or a workshop's paper and the main conference's.
    One paper's records agree on its year; they may not on its kind (a SIGGRAPH paper is in ACM
    TOG, a journal), and a journal's online and print years differ under one venue."""
    if first.type not in PUBLISHED or second.type not in PUBLISHED or not (first.venue and second.venue):
        return False
    if first.date.year == second.date.year:
        return False
    return first.type != second.type or (first.type == "conference" and fold(first.venue) != fold(second.venue))


def identity_keys(paper: Paper) -> set[str]:
    """Keys under which a paper can be looked up before `same_paper` decides."""
    keys = {"title:" + title_key(paper.title), *_one_word_off_keys(paper.title)}
    if publisher_doi(paper):
        keys.add("doi:" + publisher_doi(paper))
    if arxiv_of(paper):
        keys.add("arxiv:" + arxiv_of(paper).lower())
    return keys
