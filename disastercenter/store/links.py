"""Reading person links: decisions that two person records are the same person, or not.

Links are synced records (entity `person_link`, written through the op-log by
services.duplicates). "Same person" links join records into a group: A = B and B = C put A, B
and C together, wherever each was decided.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

SAME, DIFFERENT = "same", "different"
DECISIONS: tuple[str, ...] = (SAME, DIFFERENT)

_LINKS_OF = """
WITH input(id) AS (SELECT value FROM json_each(?))
SELECT person_a, person_b, decision FROM person_link
WHERE deleted = 0 AND (person_a IN (SELECT id FROM input) OR person_b IN (SELECT id FROM input))
"""


def links_of(conn: sqlite3.Connection, person_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """Every link (person_a, person_b, decision) touching one of `person_ids`."""
    ids = list(dict.fromkeys(person_ids))
    links: list[tuple[str, str, str]] = []
    for start in range(0, len(ids), 2000):
        links.extend(conn.execute(_LINKS_OF, (json.dumps(ids[start : start + 2000]),)).fetchall())
    return links


def same_person_groups(
    conn: sqlite3.Connection, person_ids: Iterable[str]
) -> tuple[dict[str, frozenset[str]], set[frozenset[str]]]:
    """For each person reachable from `person_ids` through "same" links, its whole group; and
    every pair decided either way among the links seen."""
    frontier = list(dict.fromkeys(person_ids))
    seen: set[str] = set()
    edges: dict[str, set[str]] = {}
    decided: set[frozenset[str]] = set()
    while frontier:
        batch = [pid for pid in frontier if pid not in seen]
        seen.update(batch)
        frontier = []
        for person_a, person_b, decision in links_of(conn, batch):
            decided.add(frozenset((person_a, person_b)))
            if decision == SAME:
                edges.setdefault(person_a, set()).add(person_b)
                edges.setdefault(person_b, set()).add(person_a)
                frontier.extend(p for p in (person_a, person_b) if p not in seen)
    return _groups(edges), decided


def _groups(edges: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Connected groups of a graph given as adjacency sets: member -> its whole group."""
    groups: dict[str, frozenset[str]] = {}
    for start in edges:
        if start in groups:
            continue
        group: set[str] = set()
        stack = [start]
        while stack:
            current = stack.pop()
            if current not in group:
                group.add(current)
                stack.extend(edges.get(current, ()))
        frozen = frozenset(group)
        for member in group:
            groups[member] = frozen
    return groups


def all_same_person_groups(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Every person in a "same person" group, with the whole group (for exports)."""
    edges: dict[str, set[str]] = {}
    for a, b in conn.execute(
        "SELECT person_a, person_b FROM person_link WHERE deleted = 0 AND decision = ?", (SAME,)
    ):
        edges.setdefault(a, set()).add(b)
        edges.setdefault(b, set()).add(a)
    return _groups(edges)


def linked_person_ids(conn: sqlite3.Connection, person_id: str) -> list[str]:
    """The other records of the same person (through "same" links, transitively), oldest
    registration first; deleted records are left out."""
    groups, _decided = same_person_groups(conn, [person_id])
    others = sorted(groups.get(person_id, frozenset()) - {person_id})
    if not others:
        return []
    rows = conn.execute(
        "WITH input(id) AS (SELECT value FROM json_each(?)) "
        "SELECT p.id FROM input i JOIN person p ON p.id = i.id WHERE p.deleted = 0 "
        "ORDER BY p.created_at, p.id",
        (json.dumps(others),),
    ).fetchall()
    return [row[0] for row in rows]
