"""An exported file's bytes as text, its lines ended by `\n`: UTF-8; UTF-16 as Windows writes
it ("Unicode" in Notepad, PowerShell's `>`), whose NUL bytes would otherwise make it look like a
binary file; else the encoding it declares or Windows-1252, what older Windows tools write
(Notepad's "ANSI", JabRef, BibDesk), said in a warning."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from site_builder.errors import Problems, SourceLocation

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
"""Zero-width spaces, word joiners, byte-order marks inside the text and soft hyphens: what a
copy from a web page or a PDF carries unseen into a title or a name, where it would make `\u200bSearch`
a word of its own kind (a slug, a sort, a match across files). Joiners that spell words in some
scripts (U+200C, U+200D) are kept."""

_OTHER_LINE_BREAKS = dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), " ")
"""What Python's `splitlines` would end a line at besides `\n`: a line or paragraph separator
(U+2028, U+2029) or NEL that a copy from a web page carries into an abstract, a form feed
between a .bib's parts. Editors do not break lines there, so a space keeps the line numbers
said in messages the editor's own."""

_DECLARED_ENCODING = re.compile(rb"^%\s*Encoding:\s*([\w.-]+)", re.MULTILINE | re.IGNORECASE)
"""JabRef's first line, `% Encoding: windows-1252`: the file says how it is written."""


_READABLE = _INVISIBLE | _OTHER_LINE_BREAKS


def readable(text: str) -> str:
    """`text` without the invisible characters of `_INVISIBLE`, its lines ended by `\n` alone,
    whether Windows (`\r\n`) or classic Mac OS (`\r`, BibDesk's and older exports) ended them,
    and `_OTHER_LINE_BREAKS` spaces."""
    return text.translate(_READABLE).replace("\r\n", "\n").replace("\r", "\n")


def utf16_text(data: bytes) -> str | None:
    """The text of UTF-16 `data` that starts with its byte-order mark, else None."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        return readable(data.decode("utf-16"))
    except UnicodeDecodeError:
        return None


def decoded_text(data: bytes, shown: str, problems: Problems, what: str) -> str:
    """The text of `data` (`what` the file is, for the warning: `the .bib`): UTF-8, else the
    encoding it declares, else Windows-1252 (Latin-1 included), said in a warning with the first
    line that was not UTF-8, so that a person can check its names."""
    try:
        return readable(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        declared = _DECLARED_ENCODING.search(data[:4096])
        tries = [(declared.group(1).decode("ascii"), "as it declares")] if declared else []
        for encoding, how in [*tries, ("cp1252", "as Windows-1252"), ("latin-1", "as Latin-1")]:
            try:
                text = data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
            problems.warning(
                SourceLocation(shown, line),
                f"not UTF-8 text: read {how} ({encoding})",
                f"check the accented names of the imported papers, or re-save {what} as UTF-8 and import again",
            )
            return readable(text)
        raise AssertionError("latin-1 decodes any bytes") from exc


def exported_text(path: Path, shown: str, problems: Problems, what: str, not_text: tuple[str, str]) -> str | None:
    """The text of the exported file at `path` (UTF-16 as Windows saves it, else `decoded_text`;
    `what` it is, for the messages: `the listing`), or None after saying, as an error, that it
    cannot be read or is binary (`not_text`: what that error says and how to fix it)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.error(SourceLocation(shown), f"cannot read {what}: {exc.strerror}", "check the path")
        return None
    text = utf16_text(data)
    if text is None and b"\0" in data[:8192]:
        problems.error(SourceLocation(shown), *not_text)
        return None
    return decoded_text(data, shown, problems, what) if text is None else text
