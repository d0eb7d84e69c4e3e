"""The op-log converges: any order, any number of times, on any replica.

Devices make ops the way the app does, by local writes on their own workspace (with clocks we
control), and exchange ops mid-way. Fresh replicas then apply all ops in shuffled batches with
duplicates; every replica and every device must end in the same state: field values, the
materialised entity tables and search results.
"""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disastercenter.core.errors import UserError
from disastercenter.core.ids import card_code
from disastercenter.store.db import Workspace, open_workspace
from disastercenter.store.hlc import COUNTER_BITS, HybridClock
from disastercenter.store.oplog import Op, OpLog, check_ops, child_id
from disastercenter.store.schema import DELETED, ENTITIES, column_value, encode_value
from disastercenter.store.search import derive_person_index, search_person_ids
from tests.helpers import ENTITY_TABLES, snapshot

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

T0 = 1_750_000_000_000  # a fixed wall clock (ms) so devices often share milliseconds


def _ids(kind: str, n: int) -> list[str]:
    return [str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/{kind}/{i}")) for i in range(n)]


SHELTERS = _ids("shelter", 2)
HOUSEHOLDS = _ids("household", 2)
PERSONS = _ids("person", 3)
LANGUAGE_RECORDS = [child_id(p, "language", code) for p in PERSONS[:2] for code in ("vi", "en")]

LATIN_NAMES = ["Nguyễn Văn An", "TRAN THI BINH", "Đặng Minh", "Maria Silva", "Ali Khan"]
NATIVE_NAMES = ["王小明", "김민준", "สมชาย ใจดี", "राम शर्मा", "محمد علي", "Nguyễn Văn An"]
KANA_NAMES = ["グエン ヴァン アン", "チャン", "ダン ミン", "マリア"]
PHONES = ["090-1234-5678", "+81 80 1111 2222", "03-5555-0000"]
QUERIES = [
    "nguyen", "NGUYỄN", "tran", "dang", "maria", "khan", "小明", "王", "민준", "สมชาย", "ใจดี",
    "राम", "محمد", "グエン", "ぐえん", "ﾁｬﾝ", "ダン", "09012345678", "080-1111", "0355",
    *(p[:8] for p in PERSONS), *(card_code(p) for p in PERSONS),
]


def _optional(values: list) -> st.SearchStrategy:
    return st.one_of(st.none(), st.sampled_from(values))


_FIELD_VALUES: dict[str, dict[str, st.SearchStrategy]] = {
    "shelter": {
        "name_ja": _optional(["中央公民館", "第一小学校", "市民体育館"]),
        "capacity": st.one_of(st.none(), st.integers(0, 500)),
        "is_open": st.booleans(),
    },
    "household": {
        "shelter_id": _optional(SHELTERS),
        "head_id": _optional(PERSONS),
        "notes": _optional(["", "arrived by bus"]),
    },
    "person": {
        "household_id": _optional(HOUSEHOLDS),
        "shelter_id": _optional(SHELTERS),
        "name_latin": _optional(LATIN_NAMES),
        "name_native": _optional(NATIVE_NAMES),
        "name_kana": _optional(KANA_NAMES),
        "phone": _optional(PHONES),
        "status": st.sampled_from(["checked_in", "left", "transferred", "in_hospital"]),
        "easy_japanese": st.booleans(),
        "consent_scopes": st.one_of(st.none(), st.lists(st.sampled_from(["family", "embassy"]), unique=True)),
    },
    "person_language": {
        "person_id": st.sampled_from(PERSONS[:2]),
        "language": st.sampled_from(["vi", "en"]),
        "level": st.sampled_from(["native", "basic"]),
    },
}
FOREIGN_KEYS = {
    ("household", "shelter_id"): "shelter",
    ("person", "household_id"): "household",
    ("person", "shelter_id"): "shelter",
    ("person_language", "person_id"): "person",
}
_RECORDS = {
    "shelter": SHELTERS,
    "household": HOUSEHOLDS,
    "person": PERSONS,
    "person_language": LANGUAGE_RECORDS,
}


@st.composite
def changes(draw: st.DrawFn) -> tuple[str, str, dict[str, object]]:
    """One record change as OpLog.write_many takes it: some fields, maybe an (un)delete."""
    entity = draw(st.sampled_from(sorted(_FIELD_VALUES)))
    record_id = draw(st.sampled_from(_RECORDS[entity]))
    names = draw(st.lists(st.sampled_from(sorted(_FIELD_VALUES[entity])), min_size=1, max_size=4, unique=True))
    fields: dict[str, object] = {name: draw(_FIELD_VALUES[entity][name]) for name in names}
    if draw(st.integers(0, 5)) == 0:
        fields["_deleted"] = draw(st.booleans())
    return entity, record_id, fields


DEVICES = 3
device_index = st.integers(0, DEVICES - 1)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("write"), device_index, st.lists(changes(), min_size=1, max_size=3)),
        st.tuples(st.just("delete"), device_index, st.sampled_from(sorted(_RECORDS)), st.integers(0, 3)),
        st.tuples(st.just("exchange"), device_index, device_index),
        st.tuples(st.just("clock"), device_index, st.sampled_from([-60_000, -1, 0, 1, 7, 60_000])),
    ),
    min_size=1,
    max_size=25,
)


@contextmanager
def temporary_dir() -> Iterator[Path]:
    # Hypothesis runs many examples per test; a function-scoped tmp_path would be shared.
    with tempfile.TemporaryDirectory(prefix="dc-oplog-") as name:
        yield Path(name)


class Device:
    """A workspace whose HLC reads a wall clock the test moves."""

    def __init__(self, path: Path, device_id: str | None = None, wall_ms: int = T0) -> None:
        self.ws: Workspace = open_workspace(path)
        if device_id is not None:
            # Fixed device ids keep examples reproducible: ties in hlc are broken by device id.
            with self.ws.db.atomic():
                self.ws.conn.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (device_id,))
            self.ws.device_id = device_id
            self.ws.oplog = OpLog(self.ws.conn, device_id)
        self.wall_ms = wall_ms
        self.ws.oplog.clock = HybridClock(self.ws.oplog.clock.last, now_ms=lambda: self.wall_ms)

    @property
    def oplog(self):  # type: ignore[no-untyped-def]
        return self.ws.oplog

    def write_many(self, changes: list[tuple[str, str, dict[str, object]]]) -> None:
        with self.ws.db.atomic():
            self.oplog.write_many(changes)

    def grounded(self, change: tuple[str, str, dict[str, object]]) -> tuple[str, str, dict[str, object]]:
        """The change as the app would make it: references only to records this device has.

        Foreign keys stay enforced for local writes (they catch bugs in our own code); only
        remote ops may refer to records that have not arrived yet.
        """
        entity, record_id, fields = change
        grounded = dict(fields)
        for field, value in fields.items():
            target = FOREIGN_KEYS.get((entity, field))
            if target and value is not None and not self.ws.conn.execute(
                f'SELECT 1 FROM "{target}" WHERE id = ?', (value,)
            ).fetchone():
                grounded[field] = None
        return entity, record_id, grounded

    def delete(self, entity: str, record_id: str) -> None:
        with self.ws.db.atomic():
            self.oplog.delete(entity, record_id)

    def apply(self, ops: list[Op]) -> None:
        with self.ws.db.atomic():
            self.oplog.apply_ops(ops)

    def pull_from(self, other: Device) -> None:
        self.apply(other.oplog.ops_since(self.oplog.version_vector()))

    def all_ops(self) -> list[Op]:
        return self.oplog.ops_since({})


DEVICE_IDS = [c * 32 for c in "abcdef"]


def open_devices(
    directory: Path, n: int, prefix: str = "device", ids: list[str] | None = None
) -> list[Device]:
    ids = ids or DEVICE_IDS
    offset = 0 if prefix == "device" else DEVICES
    return [Device(directory / f"{prefix}{i}.sqlite3", ids[offset + i]) for i in range(n)]


def state(ws: Workspace) -> dict[str, object]:
    """What must be equal on every replica that has the same ops."""
    conn = ws.conn
    return {
        "field_state": conn.execute(
            "SELECT entity, record_id, field, hlc, device, value FROM field_state ORDER BY 1, 2, 3"
        ).fetchall(),
        "ops": conn.execute("SELECT * FROM ops ORDER BY device, counter").fetchall(),
        "tables": {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in ENTITY_TABLES},
        "search": {q: sorted(search_person_ids(conn, q)) for q in QUERIES},
    }


def run_actions(devices: list[Device], script: list[tuple]) -> None:
    for action in script:
        kind, device = action[0], devices[action[1]]
        if kind == "write":
            device.write_many([device.grounded(change) for change in action[2]])
        elif kind == "delete":
            records = _RECORDS[action[2]]
            device.delete(action[2], records[action[3] % len(records)])
        elif kind == "exchange":
            if action[1] != action[2]:
                device.pull_from(devices[action[2]])
        elif kind == "clock":
            device.wall_ms += action[2]


def exchange_everything(devices: list[Device]) -> None:
    # Two rounds over every ordered pair: ops of a third device arrive by forwarding too.
    for _ in range(2):
        for receiver in devices:
            for sender in devices:
                if receiver is not sender:
                    receiver.pull_from(sender)


@given(script=actions, data=st.data())
@PROPERTY_SETTINGS
def test_replicas_applying_the_same_ops_in_any_order_and_any_number_of_times_agree(
    script: list[tuple], data: st.DataObject
) -> None:
    # Which device has the greatest id (and wins hlc ties) varies too.
    ids = data.draw(st.permutations(DEVICE_IDS[:DEVICES]), label="device ids") + DEVICE_IDS[DEVICES:]
    with temporary_dir() as directory:
        devices = open_devices(directory, DEVICES, ids=ids)
        replicas = open_devices(directory, 2, prefix="replica", ids=ids)
        try:
            run_actions(devices, script)
            every_op = {(op.device, op.counter): op for d in devices for op in d.all_ops()}
            ops = sorted(every_op.values(), key=_op_id)
            for replica in replicas:
                shuffled = data.draw(st.permutations(ops), label="order")
                cuts = sorted(data.draw(st.lists(st.integers(0, len(ops)), max_size=4), label="cuts"))
                batches = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(ops)])]
                repeats = data.draw(st.lists(st.sampled_from(batches), max_size=3), label="repeats")
                for batch in [*batches, *repeats]:
                    replica.apply(batch)
            exchange_everything(devices)
            expected = state(devices[0].ws)
            assert len(expected["ops"]) == len(ops)
            for other in [*devices[1:], *replicas]:
                assert state(other.ws) == expected
        finally:
            for d in [*devices, *replicas]:
                d.ws.close()


@given(script=actions, local=changes(), behind_ms=st.integers(0, 10**9))
@PROPERTY_SETTINGS
def test_a_local_edit_after_applying_remote_ops_wins_even_when_the_local_clock_is_behind(
    script: list[tuple], local: tuple[str, str, dict[str, object]], behind_ms: int
) -> None:
    with temporary_dir() as directory:
        devices = open_devices(directory, DEVICES)
        try:
            # The other devices' clocks run far ahead of the editing device's.
            for d in devices[1:]:
                d.wall_ms = T0 + behind_ms
            run_actions(devices, script)
            editor = devices[0]
            for sender in devices[1:]:
                editor.pull_from(sender)
            editor.wall_ms = T0 - behind_ms
            entity, record_id, fields = editor.grounded(local)
            editor.write_many([(entity, record_id, fields)])
            expected = {field: (encode_value(value), editor.ws.device_id) for field, value in fields.items()}
            spec = ENTITIES[entity]
            expected_row = {
                ("deleted" if field == DELETED else field): (
                    int(value) if field == DELETED else column_value(spec.fields[field], encode_value(value))
                )
                for field, value in fields.items()
            }

            def current(device: Device) -> tuple[dict[str, tuple[str, str]], dict[str, object]]:
                rows = device.ws.conn.execute(
                    "SELECT field, value, device FROM field_state WHERE entity = ? AND record_id = ?",
                    (entity, record_id),
                ).fetchall()
                columns = ", ".join(f'"{c}"' for c in expected_row)
                row = device.ws.conn.execute(
                    f'SELECT {columns} FROM "{spec.table}" WHERE id = ?', (record_id,)
                ).fetchone()
                return (
                    {f: (v, origin) for f, v, origin in rows if f in fields},
                    dict(zip(expected_row, row)),
                )

            assert current(editor) == (expected, expected_row)
            # ... and it still wins once it reaches devices whose clocks are ahead.
            exchange_everything(devices)
            for d in devices:
                assert current(d) == (expected, expected_row)
        finally:
            for d in devices:
                d.ws.close()


@given(script=actions, data=st.data())
@PROPERTY_SETTINGS
def test_ops_since_a_version_vector_returns_exactly_the_missing_ops(
    script: list[tuple], data: st.DataObject
) -> None:
    with temporary_dir() as directory:
        devices = open_devices(directory, DEVICES)
        peer = Device(directory / "peer.sqlite3", DEVICE_IDS[-1])
        try:
            run_actions(devices, script)
            source = devices[0]
            exchange_everything(devices)
            ops = source.all_ops()
            # The peer already has a prefix of each device's ops (what an earlier exchange sent).
            prefix: list[Op] = []
            for origin in sorted({op.device for op in ops}):
                mine = [op for op in ops if op.device == origin]
                prefix += mine[: data.draw(st.integers(0, len(mine)), label=f"prefix of {origin}")]
            peer.apply(prefix)
            sent = source.oplog.ops_since(peer.oplog.version_vector())
            assert sorted(sent, key=_op_id) == sorted(set(ops) - set(prefix), key=_op_id)
            peer.apply(sent)
            assert state(peer.ws)["field_state"] == state(source.ws)["field_state"]
        finally:
            for d in [*devices, peer]:
                d.ws.close()


def _op_id(op: Op) -> tuple[str, int]:
    return op.device, op.counter


# -- example-based tests ------------------------------------------------------------------


@pytest.fixture
def three(tmp_path: Path) -> Iterator[list[Device]]:
    devices = open_devices(tmp_path, 3)
    yield devices
    for d in devices:
        d.ws.close()


def _write_a_person(device: Device, person_id: str, name: str) -> None:
    device.write_many([("person", person_id, {"name_latin": name, "phone": "090-1234-5678"})])


def test_reimporting_the_same_ops_changes_nothing(three: list[Device]) -> None:
    a, b, _ = three
    _write_a_person(a, PERSONS[0], "Nguyen Van An")
    a.delete("person", PERSONS[0])
    b.apply(a.all_ops())
    before = snapshot(b.ws.conn)
    with b.ws.db.atomic():
        result = b.oplog.apply_ops(a.all_ops() + a.all_ops())
    assert result.new_ops == 0
    assert snapshot(b.ws.conn) == before


def test_index_rows_made_ahead_count_only_for_the_values_they_were_made_from(three: list[Device]) -> None:
    a, b, _ = three
    _write_a_person(a, PERSONS[0], "Nguyen Van An")
    a.write_many([("person", PERSONS[0], {"name_latin": "Nguyen Van Binh"})])
    checked = check_ops(a.all_ops())
    made = derive_person_index(checked)  # what the bundle reader process does
    assert made[PERSONS[0]][0] == ("Nguyen Van Binh", None, None, "090-1234-5678", None)  # the latest
    assert "l:binh nguyen van" in made[PERSONS[0]][2]
    # Made from other values (a stale entry): not used, the person is indexed from its own.
    checked.derived = {PERSONS[0]: (("Someone Else", None, None, None, None), "someone else", ("l:else someone",))}
    with b.ws.db.atomic():
        b.oplog.apply_ops(checked)
    assert search_person_ids(b.ws.conn, "Binh") == [PERSONS[0]]
    assert search_person_ids(b.ws.conn, "someone") == []
    assert "l:binh nguyen van" in {k for (k,) in b.ws.conn.execute("SELECT key FROM temp.pending_key")}


def _tampered(op: Op) -> Op:
    return op._replace(value=json.dumps("someone else"))


@pytest.mark.parametrize("where", ["already stored", "twice in one batch"])
def test_an_op_id_arriving_with_different_content_is_a_clone_and_changes_nothing(
    three: list[Device], where: str
) -> None:
    a, b, _ = three
    _write_a_person(a, PERSONS[0], "Nguyen Van An")
    first, second = a.all_ops()
    _write_a_person(a, PERSONS[1], "Tran Thi Binh")
    fresh = a.oplog.ops_since({a.ws.device_id: 2})
    if where == "already stored":
        b.apply([first, second])
        batch = [*fresh, _tampered(second)]
    else:
        batch = [*fresh, second, _tampered(second)]
    before = snapshot(b.ws.conn)
    with pytest.raises(UserError) as caught, b.ws.db.atomic():
        b.oplog.apply_ops(batch)
    assert caught.value.key == "oplog.clone"
    assert caught.value.params["counter"] == 2
    assert not b.ws.conn.in_transaction
    assert snapshot(b.ws.conn) == before


def _valid_op(**changes: object) -> Op:
    op = Op(
        device="d" * 32, counter=1, hlc=T0 << COUNTER_BITS, base_hlc=0, entity="person",
        record_id=PERSONS[0], field="name_latin", value='"Nguyen"',
    )
    return op._replace(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"entity": "spaceship"},
        {"field": "favourite_colour"},
        {"field": "easy_japanese", "value": '"yes"'},
        {"entity": "shelter", "field": "capacity", "value": '"ten"'},
        {"entity": "shelter", "field": "capacity", "value": "true"},
        {"field": "_deleted", "value": "1"},
        {"counter": 0},
        {"counter": -3},
        {"hlc": 0},
        {"value": "not json"},
        {"value": "{\"unterminated"},
        {"field": "consent_scopes", "value": "NaN"},
        {"field": "consent_scopes", "value": "[Infinity]"},
        {"device": 7},
        {"device": ""},
        {"record_id": ""},
        {"record_id": "not-a-uuid"},
        {"hlc": 2**63 - 1},
        {"field": "shelter_id", "value": '"shelter-1"'},
        {"counter": True},
    ],
    ids=lambda changes: ",".join(f"{k}={v}" for k, v in changes.items()),
)
def test_invalid_ops_are_refused_and_change_nothing(three: list[Device], changes: dict) -> None:
    b = three[1]
    good = _valid_op(counter=2, record_id=PERSONS[1])
    before = snapshot(b.ws.conn)
    with pytest.raises(UserError) as caught:
        b.apply([good, _valid_op(**changes)])
    assert caught.value.key == "oplog.invalid"
    assert snapshot(b.ws.conn) == before


def test_a_valid_op_made_by_hand_is_accepted(three: list[Device]) -> None:
    # The invalid-op cases above differ from this one in one field each.
    b = three[1]
    b.apply([_valid_op()])
    assert b.ws.conn.execute("SELECT name_latin FROM person").fetchall() == [("Nguyen",)]


def test_ops_of_a_third_device_are_forwarded(three: list[Device]) -> None:
    a, b, c = three
    _write_a_person(a, PERSONS[0], "Nguyen Van An")
    b.pull_from(a)
    _write_a_person(b, PERSONS[1], "Tran Thi Binh")
    c.pull_from(b)  # c never talks to a
    assert c.oplog.version_vector() == {a.ws.device_id: 2, b.ws.device_id: 2}
    assert set(c.all_ops()) == set(a.all_ops()) | set(b.all_ops())
    assert sorted(search_person_ids(c.ws.conn, "nguyen")) == [PERSONS[0]]
    # Nothing more to send either way once they agree.
    assert b.oplog.ops_since(c.oplog.version_vector()) == []
    assert c.oplog.ops_since(b.oplog.version_vector()) == []


def test_ops_since_lists_each_devices_ops_in_counter_order(three: list[Device]) -> None:
    a, b, _ = three
    for i in range(5):
        _write_a_person(a, PERSONS[i % 3], f"Name {i}")
    b.apply(list(reversed(a.all_ops())))
    counters = [op.counter for op in b.oplog.ops_since({})]
    assert counters == sorted(counters) == list(range(1, 11))


def test_the_version_vector_stops_at_the_first_gap(three: list[Device]) -> None:
    a, b, _ = three
    for i in range(3):
        _write_a_person(a, PERSONS[i], f"Name {i}")
    ops = a.all_ops()  # counters 1..6
    b.apply([ops[0], ops[1], ops[3], ops[4]])  # 3 and 6 missing
    assert b.oplog.version_vector() == {a.ws.device_id: 2}
    assert [op.counter for op in a.oplog.ops_since(b.oplog.version_vector())] == [3, 4, 5, 6]
    b.apply([ops[2]])
    assert b.oplog.version_vector() == {a.ws.device_id: 5}
    b.apply([ops[5]])
    assert b.oplog.version_vector() == {a.ws.device_id: 6}


def test_a_record_written_twice_in_one_batch_keeps_the_last_value_everywhere(
    three: list[Device],
) -> None:
    a, b, _ = three
    person_id = PERSONS[0]
    a.write_many([
        ("person", person_id, {"name_latin": "First", "phone": "090-0000-0001"}),
        ("person", person_id, {"name_latin": "Second"}),
        ("person", person_id, {"name_latin": "Third", "phone": "090-0000-0003"}),
    ])
    b.pull_from(a)
    for device in (a, b):
        row = device.ws.conn.execute("SELECT name_latin, phone FROM person").fetchone()
        assert row == ("Third", "090-0000-0003")
    assert search_person_ids(a.ws.conn, "third") == [person_id]
    assert search_person_ids(a.ws.conn, "second") == []
    # The second name_latin op was made on top of the first: its base is the first's hlc.
    ops = {op.counter: op for op in a.all_ops()}
    assert ops[3].base_hlc == ops[1].hlc and ops[4].base_hlc == ops[3].hlc


def test_ops_referring_to_records_not_yet_received_can_be_applied(three: list[Device]) -> None:
    """A person can arrive before their household and shelter (a lost or reordered bundle)."""
    a, b, _ = three
    a.write_many([
        ("shelter", SHELTERS[0], {"name_ja": "中央公民館"}),
        ("household", HOUSEHOLDS[0], {"shelter_id": SHELTERS[0]}),
        ("person", PERSONS[0], {"household_id": HOUSEHOLDS[0], "shelter_id": SHELTERS[0],
                                "name_latin": "Nguyen Van An"}),
        ("person_language", LANGUAGE_RECORDS[0], {"person_id": PERSONS[0], "language": "vi"}),
    ])
    ops = a.all_ops()
    people_first = [op for op in ops if op.entity in ("person", "person_language")]
    b.apply(people_first)
    assert search_person_ids(b.ws.conn, "nguyen") == [PERSONS[0]]
    # The shelter it refers to is not shown until its own ops arrive.
    assert b.ws.conn.execute("SELECT count(*) FROM shelter WHERE deleted = 0").fetchone() == (0,)
    b.apply(ops)
    assert state(b.ws) == state(a.ws)


def test_a_record_known_only_by_reference_is_shown_once_written_locally(three: list[Device]) -> None:
    a, b, _ = three
    a.write_many([
        ("shelter", SHELTERS[0], {"name_ja": "中央公民館"}),
        ("person", PERSONS[0], {"shelter_id": SHELTERS[0], "name_latin": "Nguyen Van An"}),
    ])
    b.apply([op for op in a.all_ops() if op.entity == "person"])
    shown = "SELECT name_ja FROM shelter WHERE id = ? AND deleted = 0"
    assert b.ws.conn.execute(shown, (SHELTERS[0],)).fetchall() == []
    b.write_many([("shelter", SHELTERS[0], {"capacity": 120})])
    assert b.ws.conn.execute(shown, (SHELTERS[0],)).fetchall() == [(None,)]
    exchange_everything([a, b])
    assert state(a.ws) == state(b.ws)
    assert b.ws.conn.execute(shown, (SHELTERS[0],)).fetchall() == [("中央公民館",)]


def test_a_failed_local_write_does_not_leave_a_gap_in_the_device_counters(
    three: list[Device],
) -> None:
    a, b, _ = three
    _write_a_person(a, PERSONS[0], "Nguyen Van An")
    with pytest.raises(RuntimeError), a.ws.db.atomic():
        a.oplog.write("person", PERSONS[1], {"name_latin": "Tran"})
        raise RuntimeError("the caller's transaction fails after the write")
    _write_a_person(a, PERSONS[2], "Dang Minh")
    b.pull_from(a)
    assert b.oplog.version_vector() == {a.ws.device_id: 4}
    assert [op.counter for op in a.all_ops()] == [1, 2, 3, 4]


def test_hlc_is_strictly_increasing_even_when_the_wall_clock_goes_back() -> None:
    wall = [T0]
    clock = HybridClock(now_ms=lambda: wall[0])
    seen = [clock.tick()]
    for step in (0, -1000, 5, -10**6, 0):
        wall[0] += step
        seen.append(clock.tick())
    assert seen == sorted(set(seen))
    clock.observe(seen[-1] + 10**9)
    assert clock.tick() > seen[-1] + 10**9



@given(st.uuids(), st.sampled_from(["language", "need"]), st.text(min_size=1, max_size=12),
       st.text(min_size=1, max_size=12))
def test_a_child_id_is_the_same_everywhere_and_sorts_beside_its_parent(
    parent: uuid.UUID, kind: str, key: str, other_key: str
) -> None:
    parent_id = str(parent)
    made = child_id(parent_id, kind, key)
    assert made == child_id(parent_id, kind, key)
    assert uuid.UUID(made).version == 5 and str(uuid.UUID(made)) == made
    # Same time prefix as the parent, so its rows are written next to the parent's.
    assert made.replace("-", "")[:12] == parent_id.replace("-", "")[:12]
    if other_key != key:
        assert child_id(parent_id, kind, other_key) != made
