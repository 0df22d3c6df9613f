"""Text rewritten piece by piece: one function for what lies between the matches of a pattern,
another for the matches (math kept as written while the words around it are escaped, emphasis
made italic while the rest is escaped, …), and where a LaTeX group a command opened ends."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def around(text: str, matches: Iterable[re.Match], outside: Callable[[str], str], inside: Callable[[re.Match], str]) -> str:
    """`text` with `outside` applied to each stretch between `matches` (in order, from `text`)
    and `inside` to each match."""
    pieces, position = [], 0
    for match in matches:
        pieces += [outside(text[position : match.start()]), inside(match)]
        position = match.end()
    pieces.append(outside(text[position:]))
    return "".join(pieces)


def kept(match: re.Match) -> str:
    """A match as it is written."""
    return match.group()


def closing_brace(src: str, start: int) -> int:
    """Index of the `}` that closes the group opened just before `start`, or -1."""
    depth = 1
    index = start
    while index < len(src):
        char = src[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1
