"""The databases the benchmark measures: built once per scale by the real `crm-tui seed`, cached.

A cached database is named by its scale and a hash of the schema and seed code (the Alembic
migrations, the models, `crm_tui/seed`), so changing any of them builds a fresh one instead of
measuring a database the app would refuse or the seed would no longer make. Measurements run
on a copy: the app writes (sign-in, the config mirror, moved deals), the cache stays as seeded.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
CRM_TUI = Path(sys.executable).parent / "crm-tui"
SEED = 1
HASHED = (
    ROOT / "crm_tui" / "store" / "migrations",
    ROOT / "crm_tui" / "store" / "models.py",
    ROOT / "crm_tui" / "seed",
)
SIDE_FILES = ("-wal", "-shm", "-journal")

Log = Callable[[str], None]


def schema_hash() -> str:
    """12 hex digits that change whenever the schema or the seed code does."""
    digest = hashlib.sha256()
    for base in HASHED:
        files = [base] if base.is_file() else sorted(
            p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def app_env(cache_dir: Path) -> dict[str, str]:
    """The environment for every `crm-tui` the benchmark starts: default settings, never the
    developer's own config file, English, and no colour settings inherited from the shell."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("NO_COLOR", "TEXTUAL", "TEXTUAL_DRIVER")}
    env["CRM_TUI_CONFIG"] = str(cache_dir / "no-config.toml")
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def cached_database(scale: int, cache_dir: Path, log: Log) -> Path:
    """The seeded SQLite database for `scale` contacts, built now if the cache lacks it."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"scale-{scale}-{schema_hash()}.db"
    if path.exists():
        log(f"using the cached database {path.name}")
        return path
    for stale in cache_dir.glob(f"scale-{scale}-*.db"):  # built by older schema or seed code
        remove_database(stale)
    building = path.with_name(path.name + ".building")
    remove_database(building)
    log(f"seeding {scale:,} contacts into {path.name} (once; later runs reuse it)")
    started = time.perf_counter()
    seed(sqlite_url(building), scale, app_env(cache_dir))
    with sqlite3.connect(building) as connection:  # fold the WAL in: one file to copy
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    remove_side_files(building)
    os.replace(building, path)
    log(f"seeded in {time.perf_counter() - started:.0f} s")
    return path


def seed(url: str, scale: int, env: Mapping[str, str]) -> None:
    """Run the real `crm-tui seed --scale`; its output is shown only when it fails."""
    done = subprocess.run(
        [str(CRM_TUI), "--db", url, "seed", "--scale", str(scale), "--seed", str(SEED)],
        env=dict(env), capture_output=True, text=True, cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"crm-tui seed --scale {scale} failed ({done.returncode}):\n"
                           f"{done.stdout}{done.stderr}")


def working_copy(source: Path, target: Path) -> Path:
    """A fresh copy of a cached database for one run to change as it likes."""
    remove_database(target)
    shutil.copyfile(source, target)
    return target


def remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    remove_side_files(path)


def remove_side_files(path: Path) -> None:
    for suffix in SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
