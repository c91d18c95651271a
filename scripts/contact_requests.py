"""Staff: contact requests people chose to send (`make requests ARGS="..."`).

    python scripts/contact_requests.py list              every request, newest first
    python scripts/contact_requests.py show ID           one request in full
    python scripts/contact_requests.py handle ID         mark it handled
    python scripts/contact_requests.py purge [--days N]  delete requests older than N days
                                                 (default HARMBOT_REQUEST_RETENTION_DAYS, 30)

Reads the same database as the action server: HARMBOT_REQUESTS_DB_URL (a SQLAlchemy URL) if set, else the
tracker store's SQLite file HARMBOT_TRACKER_DB_PATH (default var/conversations.db).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harmbot.storage.contact_store import ContactRequest, ContactStore, retention_days  # noqa: E402


def when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def show(request: ContactRequest) -> str:
    lines = [
        f"Request {request.id}  ({request.status})",
        f"  created:     {when(request.created_at)}",
        f"  channel:     {request.channel or '-'}",
        f"  reach by:    {request.contact_method}",
        f"  contact:     {request.contact_value}",
        f"  best time:   {request.best_time or 'any time'}",
        f"  note:        {request.note or '-'}",
        f"  handled at:  {when(request.handled_at)}",
    ]
    return "\n".join(lines)


def list_requests(requests: List[ContactRequest]) -> str:
    if not requests:
        return "No contact requests."
    header = f"{'ID':>4}  {'CREATED':<20}  {'STATUS':<8}  {'CHANNEL':<9}  {'REACH BY':<13}  "
    header += "CONTACT / BEST TIME"
    rows = [header]
    for r in requests:
        rows.append(
            f"{r.id:>4}  {when(r.created_at):<20}  {r.status:<8}  {(r.channel or '-'):<9}  "
            f"{r.contact_method:<13}  {r.contact_value} / {r.best_time or 'any time'}"
        )
    new = sum(r.status == "new" for r in requests)
    rows.append(f"{len(requests)} request(s), {new} not handled yet. `show ID` for the note.")
    return "\n".join(rows)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="requests", description="Contact requests for program staff.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every request, newest first")
    for name, text in (("show", "one request in full"), ("handle", "mark a request handled")):
        commands.add_parser(name, help=text).add_argument("id", type=int)
    purge = commands.add_parser("purge", help="delete requests older than the retention period")
    purge.add_argument("--days", type=int, default=None, help=f"default {retention_days()}")
    args = parser.parse_args(argv)

    store = ContactStore()
    if args.command == "list":
        print(list_requests(store.all()))
    elif args.command == "show":
        request = store.get(args.id)
        if request is None:
            print(f"No request {args.id}.", file=sys.stderr)
            return 1
        print(show(request))
    elif args.command == "handle":
        if not store.mark_handled(args.id):
            print(f"No request {args.id}.", file=sys.stderr)
            return 1
        print(f"Request {args.id} marked handled.")
    elif args.command == "purge":
        if args.days is not None and args.days < 1:
            parser.error("--days must be 1 or more")
        days = args.days or retention_days()
        print(f"Deleted {store.purge(days)} request(s) older than {days} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
