"""The `crm-tui` entry point: parse arguments, load settings, open the store, run the app."""

from __future__ import annotations

import sys

from crm_tui.cli import EXIT_USAGE, backup_database, build_parser, ensure_sqlite_dir, fail
from crm_tui.i18n import _, resolve_language, set_language


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from crm_tui.config import ConfigError, load_settings

    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        return fail(str(exc))
    set_language(resolve_language(args.lang, settings.language))
    url = args.db or settings.effective_database_url()
    command = args.command or "run"
    try:
        if command == "config":
            return _config(args, settings)
        if command == "backup":
            print(_("Backup written to {path}", path=backup_database(url, args.target)))
            return 0
        ensure_sqlite_dir(url)
        if command == "migrate":
            return _migrate(url, args.no_backup)
        if command == "seed":
            from crm_tui.seed import run_seed

            return run_seed(url, settings, demo=args.demo, scale=args.scale, seed=args.seed)
        if command == "user":
            return _user(url, settings, args)
        if command == "remind":
            return _remind(url, settings)
        return _run_app(url, settings, args.user, args.config)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: a sentence, never a traceback
        from crm_tui.store.errors import StoreError

        if isinstance(exc, StoreError | FileNotFoundError | ValueError):
            return fail(str(exc))
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            return fail(_("Database error: {detail}", detail=str(exc).splitlines()[0]), 1)
        raise


def _config(args, settings) -> int:  # type: ignore[no-untyped-def]
    from crm_tui.config import default_config_path, write_default_config

    path = args.config or default_config_path()
    if args.config_command == "path":
        print(path)
        return 0
    if path.exists():
        return fail(_("{path} exists already; not overwriting it.", path=path))
    write_default_config(path)
    print(_("Wrote the default configuration to {path}", path=path))
    return 0


def _migrate(url: str, no_backup: bool) -> int:
    from crm_tui.store import schema
    from crm_tui.store.db import create_store_engine

    engine = create_store_engine(url)
    try:
        status = schema.state(engine)
        if status == "current":
            print(_("The database is up to date."))
            return 0
        if status == "ahead":
            return fail(_("The database is newer than this program; install a newer crm-tui."))
        if status == "foreign":
            return fail(_("The database is not a crm-tui database; refusing to touch it."))
        if status == "behind" and not no_backup:
            print(_("Backup written to {path}", path=backup_database(url)))
        schema.upgrade(engine)
        print(_("The database is up to date."))
        return 0
    finally:
        engine.dispose()


def _user(url: str, settings, args) -> int:  # type: ignore[no-untyped-def]
    from crm_tui.store.store import open_store

    store = open_store(url, settings, sign_in=False)
    try:
        if args.user_command == "list":
            for user in store.users.list(active_only=False):
                print(f"{user.login}\t{user.role}\t{user.display_name}")
            return 0
        user = store.users.add(args.login, args.name or args.login, args.role)
        print(_("Added {login} as {role}.", login=user.login, role=user.role))
        return 0
    finally:
        store.close()


def _remind(url: str, settings) -> int:  # type: ignore[no-untyped-def]
    """The app's start-up sweep of role reminders, for cron on big installations.

    Run by no CRM user: the reminders are made by the CRM itself, as a seed's rows are.
    """
    from crm_tui.store.store import open_store

    store = open_store(url, settings, sign_in=False)
    try:
        made = store.role_reminders.create_role_reminders()
    finally:
        store.close()
    print(_("Reminder tasks created: {count}", count=made))
    return 0


def _run_app(url: str, settings, login: str | None, config=None) -> int:  # type: ignore[no-untyped-def]
    from crm_tui.config import default_config_path
    from crm_tui.store.store import open_store
    from crm_tui.store.users import UnknownUser

    try:
        store = open_store(url, settings, login=login)
    except UnknownUser as exc:
        return fail(str(exc), 1)
    from crm_tui.app import make_app

    try:
        make_app(settings, store, config_path=config or default_config_path(),
                 freeze_gc=True).run()
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["EXIT_USAGE", "main"]
