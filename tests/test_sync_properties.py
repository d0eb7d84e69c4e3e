"""A center and three shelters exchanging real bundle files in any pattern converge.

Each example runs a random script on four workspaces: edits, deletes, clock skews and jumps
(a laptop a year behind, or ahead), people settling conflicts, and exports of bundles (for one
peer or everything) into a pool from which bundles are delivered at random: some twice, some
never (lost), out of order, long after newer ones (stale). A final full exchange follows. Then
every replica must hold the same ops, records, search results and the same open conflicts, and
no op any device wrote may be missing.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disastercenter.core.errors import UserError
from disastercenter.store.hlc import HybridClock
from disastercenter.store.oplog import Op
from tests.sync_helpers import Node, enroll_all
from tests.test_oplog_properties import (
    _FIELD_VALUES,
    _RECORDS,
    FOREIGN_KEYS,
    T0,
    changes,
    state,
    temporary_dir,
)

LABELS = [("Center", "center"), ("Shelter A", "shelter"), ("Shelter B", "shelter"), ("Shelter C", "shelter")]
N = len(LABELS)
YEAR_MS = 365 * 24 * 3600 * 1000

node_index = st.integers(0, N - 1)


@st.composite
def race(draw: st.DrawFn) -> tuple[str, str, str, object, object]:
    """One field of one record, and two values two laptops give it without seeing each other."""
    entity = draw(st.sampled_from(sorted(_FIELD_VALUES)))
    record_id = draw(st.sampled_from(_RECORDS[entity]))
    field = draw(st.sampled_from(sorted(_FIELD_VALUES[entity])))
    return entity, record_id, field, draw(_FIELD_VALUES[entity][field]), draw(_FIELD_VALUES[entity][field])


actions = st.lists(
    st.one_of(
        st.tuples(st.just("write"), node_index, st.lists(changes(), min_size=1, max_size=3)),
        st.tuples(st.just("delete"), node_index, st.sampled_from(sorted(_RECORDS)), st.integers(0, 3)),
        st.tuples(st.just("clock"), node_index,
                  st.sampled_from([-YEAR_MS, -60_000, -1, 0, 0, 1, 7, 60_000, YEAR_MS])),
        st.tuples(st.just("export"), node_index, st.one_of(st.none(), node_index)),
        st.tuples(st.just("deliver"), node_index, st.integers(0, 50)),
        st.tuples(st.just("resolve"), node_index, st.integers(0, 5), st.integers(0, 3)),
        # Concurrent edits of one field, and an edit racing a delete, made likely on purpose.
        st.tuples(st.just("race"), node_index, node_index, race()),
        st.tuples(st.just("race_delete"), node_index, node_index, race()),
    ),
    min_size=1,
    max_size=30,
)


class Replica(Node):
    """A node whose hybrid clock reads a wall clock the test moves."""

    def __init__(self, path: Path, label: str, role: str) -> None:
        super().__init__(path, label, role)
        self.wall_ms = T0
        oplog = self.ws.oplog
        oplog.clock = HybridClock(oplog.clock.last, now_ms=lambda: self.wall_ms)
        self.written: set[Op] = set()

    def write(self, batch: list[tuple[str, str, dict[str, object]]]) -> None:
        with self.ws.db.atomic():
            self.ws.oplog.write_many([self.grounded(change) for change in batch])
        self.remember_own_ops()

    def delete(self, entity: str, record_id: str) -> None:
        with self.ws.db.atomic():
            self.ws.oplog.delete(entity, record_id)
        self.remember_own_ops()

    def remember_own_ops(self) -> None:
        self.written.update(self.ws.oplog.ops_since({
            d: 0 if d == self.ws.device_id else 2**62 for d in self.ws.oplog.version_vector()
        }))

    def grounded(self, change: tuple[str, str, dict[str, object]]) -> tuple[str, str, dict[str, object]]:
        # As the app does: local writes refer only to records this laptop has.
        entity, record_id, fields = change
        grounded = dict(fields)
        for name, value in fields.items():
            target = FOREIGN_KEYS.get((entity, name))
            if target and value is not None and not self.ws.conn.execute(
                f'SELECT 1 FROM "{target}" WHERE id = ?', (value,)
            ).fetchone():
                grounded[name] = None
        return entity, record_id, grounded

    def conflict_set(self) -> set[tuple[tuple[str, str, str], frozenset[str]]]:
        return {(c.key, c.values) for c in self.sync.conflicts()}


def run(replicas: list[Replica], script: list[tuple], folder: Path) -> None:
    pool: list[Path] = []
    for action in script:
        kind, node = action[0], replicas[action[1]]
        if kind == "write":
            node.write(action[2])
        elif kind == "delete":
            records = _RECORDS[action[2]]
            node.delete(action[2], records[action[3] % len(records)])
        elif kind == "clock":
            node.wall_ms += action[2]
        elif kind == "export":
            target = action[2]
            if target is None or target == action[1]:
                pool.append(node.sync.export_bundle(folder, full=True).path)
            else:
                pool.append(node.sync.export_bundle(folder, for_peer=replicas[target].label).path)
        elif kind == "deliver":
            if pool:
                receive(node, pool[action[2] % len(pool)])
        elif kind == "race":
            entity, record_id, field, first, second = action[3]
            node.write([(entity, record_id, {field: first})])
            replicas[action[2]].write([(entity, record_id, {field: second})])
        elif kind == "race_delete":
            entity, record_id, field, value, _ = action[3]
            node.delete(entity, record_id)
            replicas[action[2]].write([(entity, record_id, {field: value})])
        elif kind == "resolve":
            conflicts = sorted(node.sync.conflicts(), key=lambda c: c.key)
            if conflicts:
                conflict = conflicts[action[2] % len(conflicts)]
                if conflict.is_delete_vs_edit:
                    choice = ("delete", "restore")[action[3] % 2]
                else:
                    choice = sorted(conflict.values)[action[3] % len(conflict.values)]
                node.sync.resolve_conflict(conflict.key, choice)
                node.remember_own_ops()


def receive(node: Replica, path: Path) -> None:
    try:
        node.sync.import_bundle(path)
    except UserError as exc:
        # Only a bundle meant for other devices may be refused.
        assert exc.key == "sync.wrong_key", exc.message("en")


def exchange_everything(replicas: list[Replica], folder: Path) -> None:
    # Two rounds: what one replica forwards reaches the others in the second.
    for _ in range(2):
        for sender in replicas:
            path = sender.sync.export_bundle(folder, full=True).path
            for receiver in replicas:
                if receiver is not sender:
                    assert receiver.sync.import_bundle(path).status in ("imported", "already imported")


@given(script=actions)
@settings(max_examples=int(__import__("os").environ.get("SYNC_EXAMPLES", "20")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_four_replicas_exchanging_bundles_in_any_pattern_converge_with_the_same_conflicts(script: list[tuple]) -> None:
    with temporary_dir() as directory:
        replicas = [Replica(directory / f"node{i}.sqlite3", label, role) for i, (label, role) in enumerate(LABELS)]
        try:
            enroll_all(replicas)  # type: ignore[arg-type]
            folder = directory / "exchange"
            folder.mkdir()
            run(replicas, script, folder)
            exchange_everything(replicas, folder)
            expected = state(replicas[0].ws)
            conflicts = replicas[0].conflict_set()
            for other in replicas[1:]:
                assert state(other.ws) == expected
                assert other.conflict_set() == conflicts
            every_op = set().union(*(r.written for r in replicas))
            assert every_op <= set(replicas[0].ws.oplog.ops_since({}))
        finally:
            for replica in replicas:
                replica.close()
