"""The import record (`content/.import-state.json`): for each source entry, the paper file it
went to and the fields import wrote there, so that the next import tells a person's edit from
the source's change; and the files imports copied into the site. Read and checked here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from site_builder.errors import Problems, SourceLocation

STATE_FILE = "content/.import-state.json"


def read_import_state(root: Path, problems: Problems) -> dict[str, Any]:
    """The import record: for each source entry, the file it went to and what import wrote."""
    return read_record(root, problems).get("entries", {})


def read_record(root: Path, problems: Problems) -> dict[str, Any]:
    """The import record's file as a whole: `entries`, and `copied` (the files imports copied
    into the site); {} when there is none (an unreadable one is an error)."""
    path = root / STATE_FILE
    if not path.exists():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        problems.error(SourceLocation(STATE_FILE), f"cannot read the import record: {exc}", "restore it from version control")
        return {}
    entries = record.get("entries", {}) if isinstance(record, dict) else None
    if not isinstance(entries, dict):
        broken = ["entries"]
    else:
        broken = sorted(key for key, entry in entries.items() if not isinstance(entry, dict) or not isinstance(entry.get("file"), str))
    if broken:
        named = ", ".join(broken[:3]) + (" …" if len(broken) > 3 else "")
        problems.error(
            SourceLocation(STATE_FILE), f"the import record is not as import writes it ({named})", "restore it from version control"
        )
        return {}
    return record
