"""Concurrent edits of one field: both values kept, the deterministic winner shown, a person decides.

Every op carries `base_hlc`, the hlc of the value its author saw in that field (0 for a first
value). An op whose base is at least another op's hlc was made by someone whose replica had
already settled that other op: it held that value, or a newer one that had beaten it. So for the
set S of all ops on one field:

    max_base = max(op.base_hlc for op in S)
    heads    = {op in S : op.hlc > max_base}      the values no one has built on yet

The field is in conflict when its heads hold two or more different values. The value shown is
still the last-writer-wins maximum of `(hlc, device)` over S (always one of the heads, since an
op's hlc exceeds every hlc its author had seen), so the display never depends on a person
deciding, and every replica with the same ops computes the same conflicts whatever the order
of arrival.

    A: name = "An"    (hlc 100, base 0)      at shelter 1
    B: name = "Anh"   (hlc 200, base 0)      at shelter 2, not having seen A
       -> heads {A, B}: conflict, "Anh" shown provisionally
    C: name = "Anh"   (hlc 300, base 200)    a person's choice, made on top of B
       -> max_base 200 covers A and B: resolved, on every replica that receives C

A person's choice is an ordinary op, so it syncs; so is any later edit of the field, which is
made on top of everything its author had and so settles what that author had seen. An op the
chooser had not seen (made concurrently with the choice) stays a head: the conflict reappears,
correctly.

A second kind: a record deleted on one replica while another edited it. Fields merge
separately, so the delete wins (the record stays deleted, nothing silently reappears), but an
op on another field of the record with a greater hlc than the delete is shown as conflict
`field = "*"` for a person to keep the delete or restore the record. These are worked out from
the deleted records whenever conflicts are listed, not stored.

Incremental upkeep: per field only one representative per distinct value among the heads
matters (the one with the greatest hlc: any other head of that value is covered no later than
it). Conflicted fields keep theirs in `sync_conflict`; a field not in conflict is represented
by its current value. Ops made on top of a value (base_hlc > 0) are indexed by field
(`ops_edits`), which gives max_base and every local edit made since; ops with base 0 only ever
need to be seen as the current value or on arrival. Local writes never create a conflict
(their base is the field's newest hlc), they can only settle one, so listing re-checks rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from disastercenter.store.hlc import hlc_ms
from disastercenter.store.oplog import ApplyResult, Op, OpLog, as_op
from disastercenter.store.schema import DELETED, ENTITIES

#: The `field` of a delete-versus-edit conflict row.
RECORD = "*"

FieldKey = tuple[str, str, str]


@dataclass(frozen=True)
class Head:
    """One of the competing values: `value` is JSON text; `field` names the edited field in a
    delete-versus-edit conflict (for value conflicts it is the conflict's field)."""

    hlc: int
    device: str
    value: str
    field: str = ""

    def as_json(self) -> list[object]:
        return [self.hlc, self.device, self.value, self.field]


@dataclass(frozen=True)
class Conflict:
    entity: str
    record_id: str
    field: str
    #: Newest first: the first is the value shown until a person chooses.
    heads: tuple[Head, ...]
    detected_at: str

    @property
    def key(self) -> FieldKey:
        return (self.entity, self.record_id, self.field)

    @property
    def is_delete_vs_edit(self) -> bool:
        return self.field == RECORD

    @property
    def values(self) -> frozenset[str]:
        return frozenset(head.value for head in self.heads)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def hlc_time(hlc: int) -> str:
    """The wall-clock time of an hlc as UTC ISO 8601 ("" when out of range)."""
    try:
        moment = datetime.fromtimestamp(hlc_ms(hlc) / 1000, timezone.utc)
    except (OverflowError, OSError, ValueError):
        return ""
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _order(head: Head) -> tuple[int, str]:
    return (head.hlc, head.device)


class ConflictTracker:
    """Keeps `sync_conflict` in step with the op-log, on the caller's connection/transaction."""

    def __init__(self, conn: sqlite3.Connection, oplog: OpLog) -> None:
        self.conn = conn
        self.oplog = oplog
        self._stored: dict[FieldKey, tuple[Head, ...]] | None = None

    # -- after an import ----------------------------------------------------------------------

    def after_apply(self, result: ApplyResult) -> set[FieldKey]:
        """Update conflicts for the fields and records the fresh ops of `result` touched;
        returns those of them in conflict now."""
        in_conflict: set[FieldKey] = set()
        if not result.fresh:
            return in_conflict
        stored = self._stored_heads()
        # Only fields that had a value before, got several new ops, or are in conflict
        # already can be in conflict now: a first value arriving alone never is (the common
        # case of an import: new records only, nothing to look at op by op).
        existed, repeated = result.existed, result.repeated
        by_field: dict[FieldKey, list[Op]] = defaultdict(list)
        if existed or repeated or stored:
            for op in result.fresh:
                key = (op[4], op[5], op[6])
                if key in repeated or (op[4], op[5]) in existed or key in stored:
                    by_field[key].append(as_op(op))
        contested: list[FieldKey] = []
        for key, ops in by_field.items():
            if key in stored or not _sequential(ops, result.previous.get(key)):
                contested.append(key)
        for key in contested:
            candidates = [Head(op.hlc, op.device, op.value) for op in by_field[key]]
            previous = result.previous.get(key)
            if previous is not None:
                candidates.append(Head(*previous))
            if self._settle(key, candidates):
                in_conflict.add(key)
        # A delete can only be new (a fresh op on the delete flag), older than this import
        # (the record existed) or already in conflict.
        records = {record for record, fields in result.records.items() if DELETED in fields}
        records.update(existed)
        for entity, record_id in records:
            if self._record_heads(entity, record_id):
                in_conflict.add((entity, record_id, RECORD))
        return in_conflict

    def recheck(self, keys: Iterable[FieldKey]) -> None:
        """Re-derive these conflicts after a local write (a person's choice)."""
        for key in keys:
            if key[2] != RECORD:
                self._settle(key, [])

    # -- reading --------------------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        """Open conflicts: the stored value conflicts, re-checked against local edits made since
        they were recorded, and every deleted record edited after its delete (worked out here,
        since a local edit can make one too)."""
        found = []
        for entity, record_id, field, heads_json, detected_at in self.conn.execute(
            "SELECT entity, record_id, field, heads, detected_at FROM sync_conflict "
            "ORDER BY detected_at, entity, record_id, field"
        ):
            key = (entity, record_id, field)
            heads = self._heads(key, [Head(*h) for h in json.loads(heads_json)])
            if heads:
                found.append(Conflict(entity, record_id, field, heads, detected_at))
        for entity, spec in ENTITIES.items():
            for (record_id,) in self.conn.execute(f'SELECT id FROM "{spec.table}" WHERE deleted <> 0'):
                heads = self._record_heads(entity, record_id)
                if heads:
                    found.append(Conflict(entity, record_id, RECORD, heads, hlc_time(heads[0].hlc)))
        return found

    def conflict(self, key: FieldKey) -> Conflict | None:
        return next((c for c in self.conflicts() if c.key == key), None)

    # -- the rule -------------------------------------------------------------------------------

    def _stored_heads(self) -> dict[FieldKey, tuple[Head, ...]]:
        if self._stored is None:
            self._stored = {
                (entity, record_id, field): tuple(Head(*h) for h in json.loads(heads))
                for entity, record_id, field, heads in self.conn.execute(
                    "SELECT entity, record_id, field, heads FROM sync_conflict"
                )
            }
        return self._stored

    def _heads(self, key: FieldKey, candidates: list[Head]) -> tuple[Head, ...]:
        """The heads of a field (one per value, newest first) if they disagree, else ()."""
        entity, record_id, field = key
        candidates = list(candidates)
        candidates.extend(self._stored_heads().get(key, ()))
        max_base = 0
        for hlc, device, base, value in self.conn.execute(
            "SELECT hlc, device, base_hlc, value FROM ops "
            "WHERE record_id = ? AND field = ? AND base_hlc > 0 AND entity = ?",
            (record_id, field, entity),
        ):
            max_base = max(max_base, base)
            candidates.append(Head(hlc, device, value))
        current = self.oplog.winners(entity, record_id).get(field)
        if current is not None:
            candidates.append(Head(*current))
        best: dict[str, Head] = {}
        for head in candidates:
            if head.hlc > max_base:
                known = best.get(head.value)
                if known is None or _order(head) > _order(known):
                    best[head.value] = head
        if len(best) < 2:
            return ()
        return tuple(sorted(best.values(), key=_order, reverse=True))

    def _record_heads(self, entity: str, record_id: str) -> tuple[Head, ...]:
        """A delete and the edits of other fields made after it (by hlc), or ()."""
        winners = self.oplog.winners(entity, record_id)
        deleted = winners.get(DELETED)
        if deleted is None or deleted[2] != "true":
            return ()
        later = [
            Head(hlc, device, value, field)
            for field, (hlc, device, value) in winners.items()
            if field != DELETED and (hlc, device) > deleted[:2]
        ]
        if not later:
            return ()
        later.sort(key=_order, reverse=True)
        # Newest first like value conflicts: the edits made after the delete, then the delete.
        return (*later, Head(deleted[0], deleted[1], deleted[2], DELETED))

    def _settle(self, key: FieldKey, candidates: list[Head]) -> bool:
        heads = self._heads(key, candidates)
        self._store(key, heads)
        return bool(heads)

    def _store(self, key: FieldKey, heads: tuple[Head, ...]) -> None:
        stored = self._stored_heads()
        if heads:
            if stored.get(key) == heads:
                return
            self.conn.execute(
                "INSERT INTO sync_conflict (entity, record_id, field, heads, detected_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, record_id, field) "
                "DO UPDATE SET heads = excluded.heads",
                (*key, json.dumps([h.as_json() for h in heads], ensure_ascii=False), _now()),
            )
            stored[key] = heads
        elif key in stored:
            self.conn.execute(
                "DELETE FROM sync_conflict WHERE entity = ? AND record_id = ? AND field = ?", key
            )
            del stored[key]

    def forget_cache(self) -> None:
        """Drop what was read from `sync_conflict` (after a rolled-back transaction)."""
        self._stored = None


def _sequential(ops: list[Op], previous: tuple[int, str, str] | None) -> bool:
    """True when these new ops on one field (with the value it held before) cannot make a
    conflict: each was made on top of the one before, the first on top of the old value."""
    if len(ops) > 1:
        ops = sorted(ops, key=lambda op: (op.hlc, op.device))
    if previous is not None and ops[0].base_hlc < previous[0]:
        return False
    return all(later.base_hlc >= earlier.hlc for earlier, later in zip(ops, ops[1:]))
