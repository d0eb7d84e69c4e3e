"""The field op-log: every change to a synced record as `(device, counter, hlc, …)` ops.

Local writes append ops and update the current state in the caller's transaction. Remote ops
are merged with `apply_ops`: the value of a field is the one with the greatest
`(hlc, origin_device)`, a maximum over a total order, so applying any set of ops in any order,
any number of times, gives the same state.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping
from typing import NamedTuple

from disastercenter.core.errors import UserError
from disastercenter.store import search
from disastercenter.store.hlc import HybridClock
from disastercenter.store.schema import (
    DELETED,
    ENTITIES,
    FIELD_KINDS,
    KIND_CHECKS,
    check_value,
    column_of,
    encode_value,
    is_record_id,
)

_LOW_80_BITS = (1 << 80) - 1
_NAMESPACE = uuid.UUID("5b7d3e0c-3c1e-4f55-9a57-6a1f0d7c2e10")
_SEARCH_ENTITY = "person"
# Fields the person search index and the duplicate keys (store.person_keys) are made from.
_SEARCH_FIELDS = frozenset({
    "name_latin", "name_native", "name_kana", "phone", "messaging_id", "birth_date", "age_band",
    DELETED,
})


class Op(NamedTuple):
    """One field change. `value` is canonical JSON text; `base_hlc` is the hlc of the value the
    author saw (0 for a new field), which lets sync tell concurrent edits from sequential ones.

    A tuple (the row of table `ops`, in its column order): an import makes hundreds of
    thousands of them, and a tuple is made, compared and stored several times faster than a
    dataclass instance."""

    device: str
    counter: int
    hlc: int
    base_hlc: int
    entity: str
    record_id: str
    field: str
    value: str

    def as_row(self) -> tuple[str, int, int, int, str, str, str, str]:
        return tuple(self)  # type: ignore[return-value]


def as_op(row: tuple) -> Op:
    """An op given as a plain tuple in Op's order (as ops arrive from the bundle reader) as an
    Op, for reading it by field name."""
    return row if type(row) is Op else tuple.__new__(Op, row)  # type: ignore[return-value]


def child_id(parent_id: str, kind: str, key: str) -> str:
    """A deterministic id for a record owned by `parent_id`, e.g. a person's language.

    Two shelters adding Vietnamese to the same person create the same record, so their
    edits merge instead of producing two rows.

    For a record parent, the first 48 bits are the parent's (a time, for the time-ordered ids `new_id` makes), the
    rest a name-based hash: a person's languages and needs are stored next to the person in
    every index keyed by record id, instead of at random places (random keys made a big
    registration batch touch pages all over the file: half the time of a registration).
    """
    hashed = uuid.uuid5(_NAMESPACE, f"{parent_id}/{kind}/{key}")
    if not is_record_id(parent_id):  # a named parent, e.g. a namespace of keys
        return str(hashed)
    prefix = int(parent_id.replace("-", "")[:12], 16)
    return str(uuid.UUID(int=prefix << 80 | hashed.int & _LOW_80_BITS))


VersionVector = Mapping[str, int]

_MAX_SQL_INT = 2**63
#: Remote hlc values must stay below this (about 2**46 ms: the year 4200).
MAX_HLC = 2**62


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


class OpLog:
    """Writes and merges field ops on one connection. The caller owns the transaction."""

    def __init__(self, conn: sqlite3.Connection, device_id: str) -> None:
        self.conn = conn
        self.device_id = device_id
        row = conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
        self.clock = HybridClock(int(row[0]) if row else 0)
        row = conn.execute("SELECT max(counter) FROM ops WHERE device = ?", (device_id,)).fetchone()
        self.counter = row[0] or 0
        self._references: dict[tuple[str, str], str] | None = None
        #: Column values of remote ops by (kind, JSON text): values repeat (flags, codes, times).
        self._values: dict[tuple[str, str], object] = {}

    # -- local writes -------------------------------------------------------------------------

    def write(self, entity: str, record_id: str, fields: Mapping[str, object]) -> None:
        """Record changes to one record (creating it if needed)."""
        self.write_many([(entity, record_id, fields)])

    def delete(self, entity: str, record_id: str) -> None:
        """Mark a record deleted. Deletes are ops too, so they travel and merge."""
        self.write_many([(entity, record_id, {DELETED: True})])

    def write_many(
        self, changes: Iterable[tuple[str, str, Mapping[str, object]]], *, new: bool = False
    ) -> None:
        """Record changes to many records in one go.

        With `new=True` the records are known to be fresh (no previous values), which skips
        looking up what each field replaced, and empty values (None, "", []) are not written.
        """
        self._catch_up()
        ops: list[tuple] = []
        # Column values per record, merged in order: a record changed twice in one call ends
        # with its last value, as its field state does.
        records: dict[tuple[str, str], dict[str, object]] = {}
        hlcs: dict[tuple[str, str], dict[str, int]] = {}
        written: set[tuple[str, str]] = set()
        persons: dict[str, None] = {}
        counter = self.counter
        changes = list(changes)
        # One clock reading for the whole batch; values left unused are harmless gaps.
        next_hlc = self.clock.reserve(max(1, sum(len(fields) for _, _, fields in changes)))
        device = self.device_id
        field_kinds, kind_checks = FIELD_KINDS, KIND_CHECKS  # check_value, inlined: hot loop
        for entity, record_id, fields in changes:
            spec = ENTITIES[entity]
            key = (entity, record_id)
            first_sight = key not in hlcs
            if first_sight:
                hlcs[key] = {} if new else self._current_hlcs(entity, record_id)
                records[key] = {}
                if not new and not hlcs[key]:
                    # No field state yet: any row here is a placeholder made for a reference
                    # (see apply_ops), hidden until the record's own ops say otherwise.
                    records[key]["deleted"] = 0
            # A new person is indexed whatever its fields: its id and card code find it.
            if entity == _SEARCH_ENTITY and fields and (
                (first_sight and not hlcs[key]) or not _SEARCH_FIELDS.isdisjoint(fields)
            ):
                persons[record_id] = None
            base = hlcs[key]
            columns = records[key]
            for field, value in fields.items():
                kind = field_kinds.get((entity, field))
                if kind is None or (value is not None and not kind_checks[kind](value)):
                    raise ValueError(check_value(entity, field, value))
                if new and (value is None or value == "" or value == []):
                    # An empty field of a new record is what an unwritten field already is
                    # (NULL): no op, a third fewer rows for a typical registration.
                    continue
                counter += 1
                hlc = next_hlc
                next_hlc += 1
                text = encode_value(value)
                ops.append((device, counter, hlc, base.get(field, 0), entity, record_id, field, text))
                base[field] = hlc
                written.add(key)
                if field == DELETED:
                    columns["deleted"] = int(bool(value))
                else:
                    columns[field] = column_of(spec.fields[field], value, text)
        # Give back what the batch did not use (empty fields of new records write no op).
        # Nothing else has ticked since the reservation, so the last issued value is the last.
        self.clock.last = next_hlc - 1
        if not ops:
            return
        rows: dict[tuple[str, tuple[str, ...]], list[tuple]] = defaultdict(list)
        for (entity, record_id), columns in records.items():
            if (entity, record_id) in written:
                rows[(ENTITIES[entity].table, tuple(columns))].append((record_id, *columns.values()))
        conn = self.conn
        conn.executemany("INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ops)
        conn.executemany(_UPSERT_STATE, ops)  # the field state, read from the op rows
        for (table, columns), table_rows in rows.items():
            conn.executemany(_upsert_row_sql(table, columns), table_rows)
        self.counter = counter
        self._save_clock()
        if persons and new:
            search.index_new_persons(
                conn, ((pid, records[(_SEARCH_ENTITY, pid)]) for pid in persons)
            )
        elif persons:
            search.index_persons(conn, persons)

    def _catch_up(self) -> None:
        # Another connection of this process (a background job) may have written since.
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
        if row:
            self.clock.observe(int(row[0]))
        # The counter comes from the database only: after a rolled-back write the counters it
        # used are free again, and reusing them keeps this device's ops without gaps (a gap
        # would stop every peer's version vector for this device there for good).
        row = self.conn.execute(
            "SELECT max(counter) FROM ops WHERE device = ?", (self.device_id,)
        ).fetchone()
        self.counter = row[0] or 0

    def _current_hlcs(self, entity: str, record_id: str) -> dict[str, int]:
        return dict(
            self.conn.execute(
                "SELECT field, hlc FROM field_state WHERE entity = ? AND record_id = ?",
                (entity, record_id),
            ).fetchall()
        )

    def _save_clock(self) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('hlc', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(self.clock.last),),
        )

    # -- sync ------------------------------------------------------------------------------

    def version_vector(self) -> dict[str, int]:
        """For each origin device, the highest counter up to which every op is here."""
        vector: dict[str, int] = {}
        for device, highest, count in self.conn.execute(
            "SELECT device, max(counter), count(*) FROM ops GROUP BY device"
        ):
            if highest == count:
                vector[device] = highest
                continue
            contiguous = 0
            for (counter,) in self.conn.execute(
                "SELECT counter FROM ops WHERE device = ? ORDER BY counter", (device,)
            ):
                if counter != contiguous + 1:
                    break
                contiguous = counter
            vector[device] = contiguous
        return vector

    def ops_since(self, vector: VersionVector) -> list[Op]:
        """Every op stored here that a peer with `vector` has not seen, ops of third devices
        included, each device's ops in counter order."""
        result: list[Op] = []
        devices = [row[0] for row in self.conn.execute("SELECT DISTINCT device FROM ops")]
        for device in sorted(devices):
            result.extend(
                Op(*row)
                for row in self.conn.execute(
                    "SELECT device, counter, hlc, base_hlc, entity, record_id, field, value "
                    "FROM ops WHERE device = ? AND counter > ? ORDER BY counter",
                    (device, int(vector.get(device, 0))),
                )
            )
        return result

    def apply_ops(self, ops: Iterable[Op] | CheckedOps) -> ApplyResult:
        """Merge remote ops into this store (in the caller's transaction).

        Ops already here are skipped; an op whose id is here with different content means the
        sender's database was cloned or restored, and raises before anything is merged.

        The result says what changed, and for sync's conflict tracking which ops were new, the
        winning new op of each field touched (`records`), what each touched field held before
        (`previous`, for records that existed) and which fields received more than one new op
        (`repeated`).
        """
        # The loops below run once per op of every imported bundle (800,000 at a center after
        # a big day): they are kept lean on purpose, with ops read by position (see Op).
        incoming = self.check(ops)
        fresh_pairs = self._fresh(incoming)
        result = ApplyResult(received=len(incoming), new_ops=len(fresh_pairs))
        if not fresh_pairs:
            return result
        result.fresh = fresh = [pair[0] for pair in fresh_pairs]
        # Group by record and pick each field's winner (greatest (hlc, device)) in one pass.
        records = result.records
        repeated = result.repeated
        newest = 0
        for pair in fresh_pairs:
            op = pair[0]
            record = (op[4], op[5])
            winners = records.get(record)
            if winners is None:
                records[record] = winners = {}
            field = op[6]
            best = winners.get(field)
            if best is None:
                winners[field] = pair
            else:
                repeated.add((op[4], op[5], field))
                if (op[2], op[0]) > (best[0][2], best[0][0]):
                    winners[field] = pair
            if op[2] > newest:
                newest = op[2]
        result.newest_hlc = newest
        previous = self._previous_state(records)
        states: list[tuple] = []
        rows: dict[tuple[str, tuple[str, ...]], list[tuple]] = defaultdict(list)
        persons_new: list[tuple[str, dict[str, object]]] = []
        persons_changed: list[str] = []
        new_records = result.new_records
        for record, winners in records.items():
            entity, record_id = record
            table = _TABLES[entity]
            before = previous.get(record)
            if before is None:
                # A record new here: its row (perhaps a placeholder made for a reference) now
                # holds exactly the winning values of its fields.
                columns: dict[str, object] = {"deleted": 0}
                for field, (op, value) in winners.items():
                    states.append(op)
                    columns[_COLUMN.get(field, field)] = value
                new_records[entity] = new_records.get(entity, 0) + 1
                if entity == _SEARCH_ENTITY:
                    persons_new.append((record_id, columns))
            else:
                result.existed.add(record)
                columns = {}
                for field, (op, value) in winners.items():
                    old = before.get(field)
                    if old is not None:
                        result.previous[(entity, record_id, field)] = old
                        if (op[2], op[0]) <= (old[0], old[1]):
                            continue
                    states.append(op)
                    columns[_COLUMN.get(field, field)] = value
                if not columns:
                    continue
                result.fields_updated += len(columns)
                if entity == _SEARCH_ENTITY and not _SEARCH_FIELDS.isdisjoint(winners):
                    persons_changed.append(record_id)
            rows[(table, tuple(columns))].append((record_id, *columns.values()))
        conn = self.conn
        conn.executemany("INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fresh)
        before_changes = conn.total_changes
        conn.executemany(_UPSERT_STATE, states)
        result.fields_changed = conn.total_changes - before_changes
        for (table, columns), table_rows in rows.items():
            conn.executemany(_upsert_row_sql(table, columns), table_rows)
        self._add_placeholders(fresh_pairs, records)
        if persons_new:
            # Their keys are set aside until the import is done (store.person_keys).
            search.index_new_persons(conn, persons_new, derived=incoming.derived, set_aside=True)
        if persons_changed:
            search.index_persons(conn, persons_changed)
        self._catch_up()
        self.clock.observe(newest)
        self._save_clock()
        result.records_touched = len(records)
        return result

    def check(self, ops: Iterable[Op] | CheckedOps) -> CheckedOps:
        """`check_ops` with this log's cache of column values (checked ops as they are)."""
        return ops if isinstance(ops, CheckedOps) else check_ops(ops, self._values)

    def _fresh(self, incoming: CheckedOps) -> list[tuple[Op, object]]:
        """The incoming ops not stored yet (with their values); raises on an id stored with
        other content."""
        by_device: dict[str, list[int]] = defaultdict(list)
        for op, _column in incoming:
            by_device[op[0]].append(op[1])
        found: list[Op] = []
        columns = "device, counter, hlc, base_hlc, entity, record_id, field, value"
        for device, counters in by_device.items():
            counters.sort()
            low, high = counters[0], counters[-1]
            if high - low < 4 * len(counters):
                found += self.conn.execute(
                    f"SELECT {columns} FROM ops WHERE device = ? AND counter BETWEEN ? AND ?",
                    (device, low, high),
                ).fetchall()
            else:
                for start in range(0, len(counters), 500):
                    chunk = counters[start : start + 500]
                    found += self.conn.execute(
                        f"SELECT {columns} FROM ops WHERE device = ? "
                        f"AND counter IN ({','.join('?' * len(chunk))})",
                        (device, *chunk),
                    ).fetchall()
        if not found:
            return incoming
        by_id = {(op[0], op[1]): op for op, _column in incoming}
        stored: set[tuple[str, int]] = set()
        for row in found:
            key = (row[0], row[1])
            op = by_id.get(key)
            if op is None:
                continue
            if row != op:  # an Op is the tuple of its row
                raise UserError("oplog.clone", device=row[0], counter=row[1])
            stored.add(key)
        if not stored:
            return incoming
        return [pair for pair in incoming if (pair[0][0], pair[0][1]) not in stored]

    def _previous_state(
        self, records: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], dict[str, tuple[int, str, str]]]:
        """(entity, record id) -> field -> (hlc, device, value) for records with field state."""
        by_entity: dict[str, list[str]] = defaultdict(list)
        for entity, record_id in records:
            by_entity[entity].append(record_id)
        found: dict[tuple[str, str], dict[str, tuple[int, str, str]]] = {}
        for entity, ids in by_entity.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for record_id, field, hlc, device, value in self.conn.execute(
                    "SELECT record_id, field, hlc, device, value FROM field_state "
                    f"WHERE entity = ? AND record_id IN ({','.join('?' * len(chunk))})",
                    (entity, *chunk),
                ):
                    found.setdefault((entity, record_id), {})[field] = (hlc, device, value)
        return found

    def winners(self, entity: str, record_id: str) -> dict[str, tuple[int, str, str]]:
        """The current value of each field of a record: field -> (hlc, device, value)."""
        return {
            field: (hlc, device, value)
            for field, hlc, device, value in self.conn.execute(
                "SELECT field, hlc, device, value FROM field_state WHERE entity = ? AND record_id = ?",
                (entity, record_id),
            )
        }

    def change_device_id(self, device_id: str) -> None:
        """Write future ops as `device_id` (in the caller's transaction): a restored or cloned
        database must not reuse the op ids its earlier self or its twin already used."""
        self.conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (device_id,))
        self.device_id = device_id
        self._catch_up()

    def _foreign_keys(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(entity, field) -> (entity, table) it must refer to, as the schema declares it."""
        if self._references is None:
            entity_of = {spec.table: name for name, spec in ENTITIES.items()}
            self._references = {}
            for name, spec in ENTITIES.items():
                for row in self.conn.execute(f'PRAGMA foreign_key_list("{spec.table}")'):
                    self._references[(name, row[3])] = (entity_of[row[2]], row[2])
        return self._references

    def _add_placeholders(
        self, ops: Iterable[tuple[Op, object]], written: Container[tuple[str, str]] = ()
    ) -> None:
        """Give every record that an op refers to a row, so foreign keys hold whatever the
        order ops arrive in. A placeholder is hidden (deleted) until the record's own ops
        arrive and rebuild it; every replica with the same ops has the same placeholders.
        `ops` are (op, column value) pairs; `written`: the (entity, record id) whose rows these
        ops just wrote (they need none)."""
        references = self._foreign_keys()
        targets: dict[str, set[str]] = defaultdict(set)
        for op, value in ops:
            target = references.get((op[4], op[6]))
            if target is not None and type(value) is str and (target[0], value) not in written:
                targets[target[1]].add(value)
        for table, ids in targets.items():
            self.conn.executemany(
                f'INSERT INTO "{table}" (id, deleted) VALUES (?, 1) ON CONFLICT (id) DO NOTHING',
                [(record_id,) for record_id in sorted(ids)],
            )


class CheckedOps(list):  # type: ignore[type-arg]
    """(op, SQL column value) pairs made by `check_ops`: distinct op ids, every op checked;
    `devices`: the origin devices among them. `OpLog.apply_ops` takes them as they are.
    Pickled compactly for the process that reads bundles (sync.reader); what arrives holds
    each op as a plain tuple in Op's order (see `as_op`)."""

    def __init__(self, pairs: Iterable[tuple[Op, object]] = (), devices: Iterable[str] = (),
                 derived: dict | None = None) -> None:
        super().__init__(pairs)
        self.devices = frozenset(devices)
        #: Index rows and keys of the persons among them, made ahead where the ops were read
        #: (search.derive_person_index); empty when not.
        self.derived: dict = derived or {}

    def __reduce__(self) -> tuple[object, tuple[bytes]]:
        # Repeated texts (devices, entities, fields, record ids, common values) as one object
        # each, so the receiving side makes each once; marshal loads such data fastest. Both
        # ends are the same interpreter (a reader process), so its format is safe to use here.
        memo: dict[str, str] = {}
        one = memo.setdefault
        rows = [
            (one(d, d), c, h, b, one(e, e), one(r, r), one(f, f), one(v, v))
            for (d, c, h, b, e, r, f, v), _column in self
        ]
        columns = [one(x, x) if type(x) is str else x for _op, x in self]
        derived = {one(pid, pid): entry for pid, entry in self.derived.items()}
        return (_checked_from_marshal, (marshal.dumps((list(zip(rows, columns)), tuple(self.devices), derived)),))


def _checked_from_marshal(data: bytes) -> CheckedOps:
    # The ops arrive as plain tuples in Op's order (made into Op instances they would cost a
    # Python call each, and an import receives 800,000): everything that merges them reads
    # them by position; the few that need names (conflicts, a clone's own ops) convert them.
    pairs, devices, derived = marshal.loads(data)
    return CheckedOps(pairs, devices, derived)


def check_ops(ops: Iterable[Op], cache: dict[tuple[str, str], object] | None = None) -> CheckedOps:
    """Every distinct op checked (ids, counters, clocks, the value against its field's kind),
    with its SQL column value; needs no database, so a bundle can be checked in another
    process while the previous one is applied. Raises UserError "oplog.invalid" for a bad op,
    "oplog.clone" for one op id with two contents. `cache`: column values by (kind, JSON
    text), kept between calls (values repeat: flags, codes, dates, ids)."""
    incoming: dict[tuple[str, int], tuple[Op, object]] = {}
    checked_ids: set[str] = set()
    if cache is None:
        cache = {}
    elif len(cache) > 200_000:
        cache.clear()
    kinds, checks, is_id, scan, missing = FIELD_KINDS, KIND_CHECKS, is_record_id, _SCAN, _MISSING
    for op in ops:
        device, counter, hlc, base_hlc, entity, record_id, field, value = op
        key = (device, counter)
        earlier = incoming.get(key)
        if earlier is not None:
            if earlier[0] != op:
                _check_slowly(op)
                raise UserError("oplog.clone", device=device, counter=counter)
            continue
        # The common case in one expression; anything unusual takes the slow path, which
        # says exactly what is wrong.
        kind = kinds.get((entity, field))
        if (
            kind is not None and type(device) is str and device and type(counter) is int
            and 0 < counter < _MAX_SQL_INT and type(hlc) is int and 0 < hlc < MAX_HLC
            and type(base_hlc) is int and 0 <= base_hlc < MAX_HLC and type(value) is str
            and type(record_id) is str
            and (record_id in checked_ids or (is_id(record_id) and not checked_ids.add(record_id)))
        ):
            cached = (kind, value)
            column = cache.get(cached, missing)
            if column is missing:
                try:
                    # The C scanner without json.loads' wrapping: a third of the time.
                    # Any value it does not take whole (spaces around it, say) goes the
                    # slow way.
                    decoded, end = scan(value, 0)
                except (StopIteration, TypeError, ValueError):
                    pass
                else:
                    if end == len(value) and (decoded is None or checks[kind](decoded)):
                        column = cache[cached] = column_of(kind, decoded, value)
            if column is not missing and (column is not None or field != DELETED):
                incoming[key] = (op, column)
                continue
        incoming[key] = (op, _check_slowly(op))
    return CheckedOps(incoming.values(), {device for device, _counter in incoming})



def _check_slowly(op: Op) -> object:
    """The column value of one op, or UserError "oplog.invalid" saying what is wrong."""
    def bad(detail: str) -> UserError:
        return UserError("oplog.invalid", device=op.device, counter=op.counter, detail=detail)

    if not isinstance(op, tuple) or len(op) != 8:
        raise UserError("oplog.invalid", device="?", counter=0, detail="an op has 8 values")
    if not all(isinstance(v, str) for v in (op.device, op.entity, op.record_id, op.field, op.value)):
        raise bad("device, entity, record id, field and value must be text")
    if not _is_int(op.counter) or not 0 < op.counter < _MAX_SQL_INT:
        raise bad("counter must be a positive integer")
    # A bound on hlc leaves room to tick past it: a value near the 64-bit limit would make
    # every later local write on every replica overflow.
    if not _is_int(op.hlc) or not 0 < op.hlc < MAX_HLC or not _is_int(op.base_hlc):
        raise bad("hlc must be a positive integer below the limit")
    if not 0 <= op.base_hlc < MAX_HLC:
        raise bad("base hlc out of range")
    if not op.device:
        raise bad("device is required")
    if not is_record_id(op.record_id):
        raise bad("record id must be a UUID")
    try:
        value = _DECODE(op.value)
    except (TypeError, ValueError):
        raise bad("value is not JSON") from None
    problem = check_value(op.entity, op.field, value)
    if problem:
        raise bad(problem)
    if op.field == DELETED:
        return int(value)
    return column_of(FIELD_KINDS[(op.entity, op.field)], value, op.value)


@dataclasses.dataclass
class ApplyResult:
    received: int = 0
    new_ops: int = 0
    #: Fields whose current value changed (new fields included).
    fields_changed: int = 0
    records_touched: int = 0
    #: Records new here, by entity (placeholders made for references do not count).
    new_records: dict[str, int] = dataclasses.field(default_factory=dict)
    #: Fields of records that existed before whose current value changed.
    fields_updated: int = 0
    #: The ops that were not here before, in arrival order (as given: Op instances, or plain
    #: tuples in Op's order from the bundle reader; `as_op` names their fields).
    fresh: list[Op] = dataclasses.field(default_factory=list)
    #: (entity, record id, field) -> (hlc, device, value) before the merge, for the fields the
    #: fresh ops touched that had a value already.
    previous: dict[tuple[str, str, str], tuple[int, str, str]] = dataclasses.field(default_factory=dict)
    #: (entity, record id) of the touched records that had field values before.
    existed: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    #: (entity, record id, field) of fields that received more than one fresh op.
    repeated: set[tuple[str, str, str]] = dataclasses.field(default_factory=set)
    #: (entity, record id) -> field -> (op, column value): the winning fresh op of each field
    #: of each record the fresh ops touched.
    records: dict[tuple[str, str], dict[str, tuple[Op, object]]] = dataclasses.field(default_factory=dict)
    #: The greatest hlc among the fresh ops (0 when there are none).
    newest_hlc: int = 0


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_DECODE = _DECODER.decode
_SCAN = _DECODER.scan_once
_MISSING = object()


#: Entity -> its table; a field -> its column where the names differ.
_TABLES = {name: spec.table for name, spec in ENTITIES.items()}
_COLUMN = {DELETED: "deleted"}


#: Field state from an op row (device, counter, hlc, base_hlc, entity, record_id, field,
#: value), its values taken by their place in it: the greatest (hlc, device) wins.
_UPSERT_STATE = (
    "INSERT INTO field_state (entity, record_id, field, hlc, device, value) "
    "VALUES (?5, ?6, ?7, ?3, ?1, ?8) "
    "ON CONFLICT (entity, record_id, field) DO UPDATE SET "
    "hlc = excluded.hlc, device = excluded.device, value = excluded.value "
    "WHERE (excluded.hlc, excluded.device) > (field_state.hlc, field_state.device)"
)

_SQL_CACHE: dict[tuple[str, tuple[str, ...], bool], str] = {}


def _upsert_row_sql(table: str, columns: tuple[str, ...], with_deleted: bool = False) -> str:
    key = (table, columns, with_deleted)
    sql = _SQL_CACHE.get(key)
    if sql is None:
        all_columns = ("id", "deleted", *columns) if with_deleted else ("id", *columns)
        updates = [c for c in all_columns if c != "id"]
        names = ", ".join(f'"{c}"' for c in all_columns)
        marks = ", ".join("?" * len(all_columns))
        if updates:
            assignments = ", ".join(f'"{c}" = excluded."{c}"' for c in updates)
            conflict = f"DO UPDATE SET {assignments}"
        else:
            conflict = "DO NOTHING"
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT (id) {conflict}'
        _SQL_CACHE[key] = sql
    return sql
