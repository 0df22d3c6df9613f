"""The text of a file people edit (a paper, `site.yaml`, `authors.yaml`, a page): UTF-8 with
universal newlines, or, when it cannot be read as such, None after an error at the line to fix.
Never a guess at another encoding: these files are the source of the site, and never a
traceback: a file saved by an old editor is a person's slip, not a crash."""

from __future__ import annotations

from pathlib import Path

from site_builder.errors import Problems, SourceLocation


def read_source(path: Path, shown: str, problems: Problems, data: bytes | None = None) -> str | None:
    """The text of the file at `path` (shown as `shown`; its bytes `data` when they were read
    already), or None after saying why it cannot be read."""
    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        problems.error(SourceLocation(shown), f"cannot read: {exc.strerror}", "check that it is a file you can read")
        return None
    try:
        # Universal newlines, as `read_text` gives them: the same text from either source.
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        _say_not_utf8(shown, data, exc, problems)
        return None


def _say_not_utf8(shown: str, data: bytes, exc: UnicodeDecodeError, problems: Problems) -> None:
    """A file saved in another encoding, at the line of its first such byte and with what that
    byte is in the encoding editors on Windows save in; a UTF-16 file, said as one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:64]:
        problems.error(
            SourceLocation(shown, 1),
            'not UTF-8 text: it is UTF-16, as Windows Notepad saves "Unicode"',
            "re-save it as UTF-8: the editor's Save As, or `iconv -f utf-16 -t utf-8`",
        )
        return
    line = data.count(b"\n", 0, exc.start) + 1
    byte = data[exc.start : exc.start + 1]
    guess = byte.decode("cp1252", errors="replace")
    shown_as = f", `{guess}` in Windows-1252" if guess.isprintable() and guess != "\ufffd" else ""
    problems.error(
        SourceLocation(shown, line),
        f"not UTF-8 text: the byte 0x{byte.hex().upper()}{shown_as}",
        "re-save it as UTF-8: the editor's Save As, or `iconv -f cp1252 -t utf-8`",
    )
