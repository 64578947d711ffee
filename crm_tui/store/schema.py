"""Schema versions: Alembic migrations, the up-to-date check, and upgrade with a backup first."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

from crm_tui.i18n import _
from crm_tui.store.errors import SchemaMismatch

MIGRATIONS = Path(__file__).parent / "migrations"


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w-]+|None)['\"]?", re.M)


@cache
def code_head() -> str:
    """The newest revision among the migration files, read without Alembic.

    Importing Alembic costs ~0.3 s of every start; the revision lines of a few small files say
    the same when the database is current (the usual case), and a test checks they agree.
    """
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        fields = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in fields:
            revisions.add(fields["revision"])
            parents.add(fields.get("down_revision"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else ""


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    if "alembic_version" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return versions[0] if len(versions) == 1 else None


def is_empty(engine: Engine) -> bool:
    return not (set(inspect(engine).get_table_names()) - {"alembic_version"})


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def state(engine: Engine) -> str:
    """'current', 'empty', 'behind', 'ahead' or 'foreign' (tables but no version stamp)."""
    if is_empty(engine):
        return "empty"
    current = current_revision(engine)
    if current is None:
        return "foreign"
    if current == code_head():
        return "current"
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    head = script.get_current_head()
    if current == head:
        return "current"
    known = {rev.revision for rev in script.walk_revisions()}
    return "behind" if current in known else "ahead"


def ensure_current(engine: Engine, *, create_if_empty: bool = True) -> None:
    """Refuse to run on a database whose schema does not match this code.

    An empty database is created outright: there is nothing to lose and nothing to back up.
    """
    status = state(engine)
    if status == "current":
        return
    if status == "empty" and create_if_empty:
        upgrade(engine)
        return
    url = engine.url.render_as_string(hide_password=True)
    messages = {
        "empty": _("The database {url} has no tables; run `crm-tui migrate` first.", url=url),
        "behind": _(
            "The database {url} is older than this program; run `crm-tui migrate` "
            "(it makes a backup first).",
            url=url,
        ),
        "ahead": _(
            "The database {url} was upgraded by a newer crm-tui; install that version "
            "to use it.",
            url=url,
        ),
        "foreign": _("The database {url} is not a crm-tui database.", url=url),
    }
    raise SchemaMismatch(messages[status])
