"""Helpers shared by the store, registry and CLI tests (no fixtures of conftest.py)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from disastercenter.core.people import Need, PersonInput, ShelterInput
from disastercenter.services.registry import Registry
from disastercenter.store.schema import ENTITIES

ENTITY_TABLES: tuple[str, ...] = tuple(sorted({e.table for e in ENTITIES.values()}))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(conn: sqlite3.Connection, table: str, where: str = "1") -> int:
    return conn.execute(f'SELECT count(*) FROM "{table}" WHERE {where}').fetchone()[0]


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table that holds data (search index included), in a stable order.

    Row ids of the entity tables are left out (they are local to a replica); the search index
    is compared by the terms of each person id instead of by row id.
    """
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'person_search%' ORDER BY name"
        )
    ]
    result = {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'person_search'").fetchone():
        result["person_search"] = sorted(
            conn.execute(
                "SELECT p.id, s.terms FROM person_search s JOIN person p ON p.rowid = s.rowid"
            ).fetchall()
        )
    return result


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)] and not conn.execute(
        "PRAGMA foreign_key_check"
    ).fetchall()


def person(name_latin: str = "", **fields: object) -> PersonInput:
    """A valid person with sensible defaults: one language, nothing else required."""
    fields.setdefault("languages", [("vi", "native")])
    return PersonInput(name_latin=name_latin, **fields)  # type: ignore[arg-type]


def need(tag: str, detail: str = "", items: list[str] | None = None) -> Need:
    return Need(tag, detail, list(items or []))


def add_shelter(registry: Registry, name_ja: str = "中央公民館", **fields: object) -> str:
    return registry.add_shelter(ShelterInput(name_ja, **fields))  # type: ignore[arg-type]
