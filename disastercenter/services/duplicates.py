"""Use-cases for duplicate people: list candidates, decide "same person" or "different people".

Records are never merged: a decision is a `person_link` record written through the op-log, so
it travels to every shelter and the center like any other change. Its id is derived from the
pair, so when one shelter confirms a pair and another rejects it, both edit one record and the
sync shows the conflict instead of keeping two contradicting links. "Same person" links make
linked records show together (Registry.get_person); a "different people" link keeps the pair
from being proposed again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from disastercenter.core.errors import UserError
from disastercenter.services.registry import Registry, utc_now, write_transaction
from disastercenter.store.db import connect
from disastercenter.store.links import DECISIONS, DIFFERENT, SAME, links_of
from disastercenter.store.oplog import child_id
from disastercenter.sync.duplicates import (
    BANDS,
    DuplicateCandidate,
    find_duplicate_candidates,
)

__all__ = [
    "BANDS", "DIFFERENT", "SAME", "Decision", "DuplicateCandidate", "DuplicateReview", "link_id",
    "person_ids", "scan_workspace",
]


def person_ids(conn: sqlite3.Connection, shelter_id: str | None = None) -> list[str]:
    """The persons to check for duplicates: those of one shelter, or everyone."""
    if shelter_id:
        if conn.execute(
            "SELECT 1 FROM shelter WHERE id = ? AND deleted = 0", (shelter_id,)
        ).fetchone() is None:
            raise UserError("record.not_found", entity="shelter", record_id=shelter_id)
        rows = conn.execute(
            "SELECT id FROM person WHERE deleted = 0 AND shelter_id = ? ORDER BY rowid",
            (shelter_id,),
        )
    else:
        rows = conn.execute("SELECT id FROM person WHERE deleted = 0 ORDER BY rowid")
    return [row[0] for row in rows]


def scan_workspace(
    db_path: Path,
    shelter_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[DuplicateCandidate]:
    """Candidates for the persons of one shelter (or everyone), on a connection of its own:
    for a background thread while the window keeps using the workspace's connection."""
    conn = connect(db_path)
    try:
        return find_duplicate_candidates(
            conn, person_ids(conn, shelter_id), progress=progress, cancelled=cancelled
        )
    finally:
        conn.close()


def link_id(person_a: str, person_b: str) -> str:
    """The id of the link between two persons: the same whichever order they are given in."""
    first, second = sorted((person_a, person_b))
    return child_id(first, "person_link", second)


@dataclass(frozen=True)
class Decision:
    person_a: str
    person_b: str
    decision: str
    decided_at: str
    note: str


class DuplicateReview:
    """Duplicate candidates and decisions over one open workspace (through its Registry)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.ws = registry.ws
        self.conn: sqlite3.Connection = registry.conn

    # -- candidates -------------------------------------------------------------------------

    def person_ids(self, shelter_id: str | None = None) -> list[str]:
        """The persons to check: those of one shelter, or everyone."""
        return person_ids(self.conn, shelter_id)

    def candidates(
        self,
        person_ids: Sequence[str] | None = None,
        *,
        shelter_id: str | None = None,
        limit: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[DuplicateCandidate]:
        """Candidate pairs, best first, involving `person_ids` (default: the persons of
        `shelter_id`, or everyone)."""
        ids = list(person_ids) if person_ids is not None else self.person_ids(shelter_id)
        found = find_duplicate_candidates(self.conn, ids, progress=progress, cancelled=cancelled)
        return found[:limit] if limit is not None else found

    def labels(self, person_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(name, shelter name) of each person, for listing candidates in one query."""
        ids = list(dict.fromkeys(person_ids))
        labels: dict[str, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for pid, name, shelter in self.conn.execute(
                "SELECT p.id, coalesce(nullif(p.name_latin, ''), nullif(p.name_native, ''), "
                "p.name_kana, ''), coalesce(s.name_ja, '') FROM person p "
                f"LEFT JOIN shelter s ON s.id = p.shelter_id WHERE p.id IN ({marks})",
                chunk,
            ):
                labels[pid] = (name, shelter)
        return labels

    # -- decisions --------------------------------------------------------------------------

    def decide(self, person_a: str, person_b: str, decision: str, note: str = "") -> str:
        """Record that two records are the same person or different people; returns the link
        id. Deciding again replaces the earlier decision (it is one record)."""
        if decision not in DECISIONS:
            raise UserError("duplicates.bad_decision", decision=decision)
        if person_a == person_b:
            raise UserError("duplicates.same_record")
        for person_id in (person_a, person_b):
            self.registry._require("person", person_id)
        first, second = sorted((person_a, person_b))
        record_id = link_id(first, second)
        with write_transaction(self.ws):
            self.ws.oplog.write("person_link", record_id, {
                "person_a": first, "person_b": second, "decision": decision,
                "decided_at": utc_now(), "note": note.strip(), "_deleted": False,
            })
        return record_id

    def same_person(self, person_a: str, person_b: str, note: str = "") -> str:
        return self.decide(person_a, person_b, SAME, note)

    def different_people(self, person_a: str, person_b: str, note: str = "") -> str:
        return self.decide(person_a, person_b, DIFFERENT, note)

    def undo(self, person_a: str, person_b: str) -> None:
        """Forget the decision about a pair (it may be proposed again)."""
        record_id = link_id(person_a, person_b)
        row = self.conn.execute(
            "SELECT 1 FROM person_link WHERE id = ? AND deleted = 0", (record_id,)
        ).fetchone()
        if row is None:
            raise UserError("record.not_found", entity="person_link", record_id=record_id)
        with write_transaction(self.ws):
            self.ws.oplog.delete("person_link", record_id)

    def decision(self, person_a: str, person_b: str) -> Decision | None:
        row = self.conn.execute(
            "SELECT person_a, person_b, decision, coalesce(decided_at, ''), coalesce(note, '') "
            "FROM person_link WHERE id = ? AND deleted = 0",
            (link_id(person_a, person_b),),
        ).fetchone()
        return Decision(*row) if row else None

    def decisions(self, person_id: str) -> list[Decision]:
        """Every decision touching one person."""
        pairs = {frozenset((a, b)) for a, b, _d in links_of(self.conn, [person_id])}
        found = [self.decision(*sorted(pair)) for pair in pairs]
        return sorted((d for d in found if d), key=lambda d: (d.decided_at, d.person_a, d.person_b))
