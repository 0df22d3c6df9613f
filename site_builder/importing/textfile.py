"""An exported file's bytes as text when Windows wrote them as UTF-16 ("Unicode" in Notepad, the
default of PowerShell's `>`): its NUL bytes would otherwise make it look like a binary file."""

from __future__ import annotations

import codecs


def utf16_text(data: bytes) -> str | None:
    """The text of UTF-16 `data` that starts with its byte-order mark, else None."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        return None
