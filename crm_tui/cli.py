"""Command-line parsing and the non-interactive subcommands (migrate, backup, seed, user,
remind).

Kept free of Textual so `crm-tui --help`, migrations and seeding start fast; the UI is
imported only when the app is about to run, after the language is chosen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from crm_tui import __version__
from crm_tui.i18n import _

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crm-tui",
        description=_("A keyboard-driven terminal CRM for B2B sales teams."),
    )
    parser.add_argument("--version", action="version", version=f"crm-tui {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help=_(
            "SQLAlchemy database URL, e.g. sqlite:////path/crm.db or "
            "postgresql+psycopg://user@host/crm (default: a SQLite file in the user data "
            "directory, or database_url from the config)"
        ),
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help=_("TOML configuration file (default: $CRM_TUI_CONFIG or the user config directory)"),
    )
    parser.add_argument("--lang", choices=("en", "ru"), help=_("interface language"))
    parser.add_argument("--user", metavar="LOGIN", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help=_("start the app (the default)"))
    migrate = sub.add_parser("migrate", help=_("upgrade the database schema (backs it up first)"))
    migrate.add_argument("--no-backup", action="store_true", help=_("skip the backup"))
    backup = sub.add_parser("backup", help=_("copy the database to a backup file"))
    backup.add_argument("target", nargs="?", type=Path, help=_("where to write the backup"))
    seed = sub.add_parser("seed", help=_("fill the database with demo or scale data"))
    group = seed.add_mutually_exclusive_group(required=True)
    group.add_argument("--demo", action="store_true", help=_("a realistic demo dataset"))
    group.add_argument("--scale", type=int, metavar="N", help=_("N contacts with proportional data"))
    seed.add_argument("--seed", type=int, default=1, metavar="N", help=_("random seed"))
    sub.add_parser("remind", help=_("make the due automatic reminder tasks (for cron)"))
    user = sub.add_parser("user", help=_("manage CRM users"))
    user_sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_sub.add_parser("add", help=_("add a user for an OS login"))
    add.add_argument("login")
    add.add_argument("--name", default=None, help=_("display name"))
    add.add_argument("--role", choices=("manager", "head_of_sales", "admin"), default="manager")
    user_sub.add_parser("list", help=_("list users"))
    config = sub.add_parser("config", help=_("configuration file"))
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_sub.add_parser("init", help=_("write the default configuration file"))
    config_sub.add_parser("path", help=_("print the configuration file's path"))
    return parser


def fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"crm-tui: {message}", file=sys.stderr)
    return code


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def ensure_sqlite_dir(url: str) -> None:
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def backup_database(url: str, target: Path | None = None) -> Path:
    """A consistent copy of a SQLite database (the online backup API, safe while in use).

    PostgreSQL is backed up with pg_dump, which needs the server's own tools.
    """
    path = sqlite_path(url)
    if path is None:
        return _pg_dump(url, target)
    if not path.exists():
        raise FileNotFoundError(_("There is no database file at {path}.", path=path))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target or path.with_name(f"{path.stem}-backup-{stamp}{path.suffix}")
    import sqlite3

    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def _pg_dump(url: str, target: Path | None) -> Path:
    import subprocess

    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise FileNotFoundError(_("pg_dump is not installed; install the PostgreSQL client."))
    parsed = make_url(url)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target or Path(f"{parsed.database}-backup-{stamp}.dump")
    libpq = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run([pg_dump, "--format=custom", f"--file={target}", libpq], check=True)
    return target
