"""Prints which user-facing texts changed since the last content sign-off (docs/content-signoff.yml).

Run by `make test` and `make content-changes`. It informs and exits 0: changes between releases are
normal, and a reviewer signs them off in the staff console (Content review).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

from staff import content
from staff.settings import load


def main() -> int:
    path = load().signoff_file
    items = content.collect()
    report(path, items)
    stale = [i.key for i in items if i.stale]
    if stale:  # shown whatever the sign-off says: a phone line can change without any text changing here
        print(f"Directory checks older than {content.STALE_AFTER_DAYS} days: {', '.join(stale)}")
    return 0


def report(path: Path, items: List[content.Item]) -> None:
    last = content.last_signoff(path)
    if last is None:
        print(f"No content sign-off recorded yet ({len(items)} texts). Sign off in the staff console: Content review.")
        return
    changes = content.changes_since_signoff(path, items)
    print(f"Last sign-off: {last.reviewer}, {last.signed_at}, hash {last.content_hash[:16]}.")
    if changes is None or not changes.any:
        print("No user-facing text changed since.")
        return
    print(f"Changed since: {len(changes.changed)} changed, {len(changes.added)} new, {len(changes.removed)} removed.")
    for label, keys in (("changed", changes.changed), ("new", changes.added), ("removed", changes.removed)):
        for key in keys:
            print(f"  {label}: {key}")


if __name__ == "__main__":
    sys.exit(main())
