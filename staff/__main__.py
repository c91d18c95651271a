"""`python -m staff`: serve the staff console (STAFF_HOST:STAFF_PORT, default 127.0.0.1:8090).

`python -m staff add-user NAME` creates or resets an account and prints a one-time password (the person
chooses their own at first sign-in).
"""

from __future__ import annotations

import argparse
import sys

from staff import auth
from staff.settings import load


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(prog="python -m staff")
    sub = parser.add_subparsers(dest="command")
    add = sub.add_parser("add-user", help="create a staff account (or reset its password)")
    add.add_argument("name")
    serve = sub.add_parser("serve", help="serve the console (the default)")
    serve.add_argument("--port", type=int)
    args = parser.parse_args(argv)
    settings = load()
    if args.command == "add-user":
        try:
            password = auth.UserStore(settings.users_file).create(args.name)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"Staff account '{args.name}' (in {settings.users_file}).")
        print(f"One-time password, shown only now: {password}")
        print("Sign in with it at the staff console, then choose your own password. Run this again to reset it.")
        return 0
    from staff.app import create_app

    app = create_app(settings)
    port = getattr(args, "port", None) or settings.port
    # One worker: sessions and the sign-in rate limit live in this process's memory.
    app.run(host=settings.host, port=port, access_log=False, workers=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
