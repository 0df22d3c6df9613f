"""A best guess for a byline whose first author has no usual shape (`…Technical ReportOpenAI`,
`…at 13 TeVATLAS Collaboration`): where `bylines.split_byline` finds no name-shaped author, the
author starts at the likeliest capital inside the title's last word, and the paper says it is a
guess unless the author is a name the site knows."""

from __future__ import annotations

import re

from site_builder.text.bylines import (
    MAX_SHOWN_AUTHORS,
    UNITS_ENDING_IN_A_CAPITAL,
    Split,
    camel_capitals,
    inner_capitals,
    likeliest_counts_first,
    named_in_title,
)
from site_builder.text.names import fold


def _is_loose_name(text: str) -> bool:
    """A looser shape than `is_name`, for a best guess: an organisation (`OpenAI`, `DeepSeek-AI`),
    a lower-case name (`danah boyd`), a name with marks or digits."""
    tokens = text.split(" ")
    return 0 < len(tokens) <= 6 and all(t and re.fullmatch(r"[\w.'’*†-]+", t) for t in tokens) and any(c.isalpha() for c in text)


def _author_start(word: str) -> int | None:
    """Where in a title's last word, glued to an author of no usual shape, that author most
    likely starts: at the first capital after a lower-case letter or digit (`Report|OpenAI`,
    `LLMs|NVIDIA`), else at the first inner capital; never inside a unit (`TeV|ATLAS`), and at
    the last capital of a run that a lower-case word follows (`IoT|Google`, `macOS|Apple`: an
    acronym ends the title, a word starts the author; `LHCb` is one acronym). None: no capital
    inside the word."""
    inner = inner_capitals(word)
    if not inner:
        return None
    index = (camel_capitals(word, inner) or inner)[0]
    if UNITS_ENDING_IN_A_CAPITAL.search(word[: index + 1]) and index + 1 in inner:
        index += 1
    run = index
    while run + 1 < len(word) and word[run + 1].isupper():
        run += 1
    following = word[run + 1 : run + 3]
    if run > index and len(following) == 2 and following.isalpha() and following.islower():
        index = run
    return index


def best_guess_split(byline: str, et_al: bool, known: frozenset[str] = frozenset()) -> Split:
    """A split for a byline `split_byline` found no name-shaped author in: uncertain, unless
    the author it finds is a name the site knows (`known`, as for `split_byline`: a collaboration
    in the people registry).

    The first author is glued to the title's last word: in the last word (of the last segment
    before the other authors) that has a capital inside it, the author starts where a known
    name does, else where `_author_start` says. With no such word, the whole line is the title
    and the authors are left for a person to add."""
    segments = byline.split(", ")
    for count in likeliest_counts_first(segments, et_al):
        others = segments[len(segments) - count + 1 :]
        if not all(_is_loose_name(name) for name in others):
            continue
        glued = segments[len(segments) - count]
        head = ", ".join(segments[: len(segments) - count])
        starts = [m.start() for m in re.finditer(r"\S+", glued)]
        for word_start in reversed(starts):
            word = glued[word_start:].split(" ", 1)[0]
            found = _author_start(word)
            if found is None:
                continue
            known_starts = [i for i in inner_capitals(word) if fold(glued[word_start + i :]) in known]
            named = named_in_title(f"{head} {glued[:word_start]}", word)
            index = word_start + (known_starts[0] if known_starts else named if named is not None else found)
            rest = glued[index:]
            if not _is_loose_name(rest):
                break
            title = f"{head}, {glued[:index]}" if head else glued[:index]
            if known_starts and (not et_al or count == MAX_SHOWN_AUTHORS):
                return Split(title.strip(), (rest, *others), True)
            reason = f"no author name of the usual shape was found; took {rest!r} as the first author"
            return Split(title.strip(), (rest, *others), False, reason)
    return Split(byline, (), False, "no author names were found after the title: add them by hand")
