"""Rows straight into tables in large batches: the scale seed's only way of writing.

A million contacts through the ORM (one object, one audit row, one flush at a time) would
take hours; core inserts of pre-built rows take minutes. On SQLite the rows go to the
driver's `executemany` with values already in SQLite's storage form (the text layout
SQLAlchemy itself writes), skipping per-value type processing; on PostgreSQL they go through
SQLAlchemy's batched `insert()`, which psycopg pipelines. Ids are assigned by the seed, so
rows can refer to each other without reading anything back; `reset_sequences` then tells
PostgreSQL where its id sequences continue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Numeric,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)

from crm_tui.store.types import UTCDateTime

BATCH_ROWS = 10_000


def _sqlite_datetime(value: dt.datetime) -> str:
    """The text SQLAlchemy's SQLite DATETIME stores for a UTC column (microseconds always)."""
    if value.tzinfo is not dt.UTC:
        value = value.astimezone(dt.UTC)
    return value.isoformat(" ", "microseconds")[:26]


def _sqlite_number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _sqlite_converter(column_type: Any) -> Callable[[Any], Any] | None:
    if isinstance(column_type, UTCDateTime | DateTime):
        return _sqlite_datetime
    if isinstance(column_type, Date):
        return dt.date.isoformat
    if isinstance(column_type, Numeric):
        return _sqlite_number
    return None


class BulkWriter:
    """Writes row tuples, in a fixed column order, into tables on one connection."""

    def __init__(self, connection: Connection, batch_rows: int = BATCH_ROWS) -> None:
        self.connection = connection
        self.batch_rows = batch_rows
        self.sqlite = connection.dialect.name == "sqlite"
        self.written: dict[str, int] = {}

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> int:
        """Insert every row; returns how many. `columns` are table column names."""
        make = self._sqlite_flush if self.sqlite else self._core_flush
        flush = make(table, columns)
        batch: list[tuple] = []
        count = 0
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch_rows:
                flush(batch)
                count += len(batch)
                batch = []
        if batch:
            flush(batch)
            count += len(batch)
        self.written[table.name] = self.written.get(table.name, 0) + count
        return count

    def set_column(self, table: Table, column: str, pairs: Sequence[tuple[Any, int]]) -> None:
        """`UPDATE table SET column = value WHERE id = id` for each (value, id) pair."""
        for start in range(0, len(pairs), self.batch_rows):
            batch = pairs[start : start + self.batch_rows]
            statement = (
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({column: bindparam("new_value")})
            )
            self.connection.execute(
                statement, [{"new_value": value, "row_id": ident} for value, ident in batch]
            )

    def _sqlite_flush(self, table: Table, columns: Sequence[str]) -> Callable[[list[tuple]], None]:
        quote = self.connection.dialect.identifier_preparer.quote
        sql = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        converters = [
            (index, conv)
            for index, name in enumerate(columns)
            if (conv := _sqlite_converter(table.c[name].type)) is not None
        ]

        def flush(batch: list[tuple]) -> None:
            if converters:
                converted = []
                for row in batch:
                    values = list(row)
                    for index, conv in converters:
                        if values[index] is not None:
                            values[index] = conv(values[index])
                    converted.append(tuple(values))
                batch = converted
            self.connection.exec_driver_sql(sql, batch)

        return flush

    def _core_flush(self, table: Table, columns: Sequence[str]) -> Callable[[list[tuple]], None]:
        statement = insert(table)

        def flush(batch: list[tuple]) -> None:
            params = [dict(zip(columns, row, strict=True)) for row in batch]
            self.connection.execute(statement, params)

        return flush


def next_id(connection: Connection, table: Table) -> int:
    """The first free id of `table` (rows may exist: users, or clients without contacts)."""
    return (connection.scalar(select(func.max(table.c.id))) or 0) + 1


def reset_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Move PostgreSQL's id sequences past the ids the seed assigned itself."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                f"(SELECT MAX(id) IS NOT NULL FROM {table.name}))"
            )
        )
