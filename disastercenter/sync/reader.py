"""Reading bundles ahead: decrypt, verify, parse and check them without touching the database.

A center importing a stack of shelter bundles spends a fifth of its time reading them (age
decryption, unzipping, JSON, checking every op against its field's kind). `BundleReader` does
that for bundle after bundle in a second process, a few bundles ahead of the importing
process, which only applies them: both cores work. A thread would not help: reading is Python
code, which holds the interpreter lock, and each time the importing thread came back from
SQLite it would wait for the reader to let go of it.

The reader sends each bundle as `Prepared` (manifest, signer, checked ops) or as the reason it
was refused; the importing side then decides everything that needs the database (trusted
sender? already imported?) exactly as for a bundle read in-process by `prepare`.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyrage import x25519

from disastercenter.core.errors import UserError
from disastercenter.store.oplog import CheckedOps, Op, check_ops
from disastercenter.store.search import derive_person_index
from disastercenter.sync import bundle as bundle_format
from disastercenter.sync.keys import PublicKeys

#: Ops per apply step of an import (all steps in one transaction): bounds memory.
APPLY_BATCH = 5000
#: Bundles with at most this many ops are read ahead whole (memory: a few MB each).
READ_AHEAD_OPS = 50_000
#: A second process is worth starting (about a third of a second) from this much bundle data.
PROCESS_MIN_BYTES = 1_000_000


@dataclass
class Prepared:
    """A bundle decrypted and its signature checked, with its ops: batches read ahead and
    checked, or (imported in-process) a stream of op batches from the file."""

    manifest: bundle_format.Manifest
    auth: str
    signer: PublicKeys | None
    batches: Iterable[CheckedOps | list[Op]]


def prepare(
    path: Path, identity: x25519.Identity | None, passphrase: str | None, tmp_dir: Path,
    imported: set[tuple[str, str]], cache: dict[tuple[str, str], object] | None = None,
) -> Prepared | None:
    """Decrypt, check and parse a bundle without touching the database. None: too large to
    hold (or no key to open it with), import it from the file. A bundle already imported is
    returned without its ops (importing it changes nothing)."""
    if identity is None and bundle_format.age_auth(path) == "key":
        return None  # the importing side says why
    with bundle_format.open_bundle(path, identity=identity, passphrase=passphrase, tmp_dir=tmp_dir) as opened:
        manifest = opened.manifest
        signer = opened.verify_signature()
        if (manifest.bundle_id, manifest.payload_sha256) in imported:
            return Prepared(manifest, opened.auth, signer, [])
        if manifest.op_count > READ_AHEAD_OPS:
            return None
        batches = [check_ops(batch, cache) for batch in opened.op_batches(APPLY_BATCH)]
        for batch in batches:  # what the importing side would otherwise work out itself
            batch.derived = derive_person_index(batch)
        return Prepared(manifest, opened.auth, signer, batches)


class ReaderCrashed(RuntimeError):
    """The reader process failed in a way that is not a refused bundle (a bug)."""


class BundleReader:
    """`prepare` for each path in turn, in a process of its own, a few bundles ahead.

    Iterate to get (path, Prepared | None | UserError) in the order given. `close()` (or
    leaving the `with` block) stops the process, also when the importing side stops early.

    The reader writes each bundle into a pipe itself, from its only thread: a
    multiprocessing.Queue hands data over through a feeder thread, which in a process busy
    reading the next bundle waits for the interpreter lock for every 64 KB the pipe takes, and
    the importing side waited with it (a tenth of an import). On Linux the pipe is made to
    hold a few bundles, so the reader stays that far ahead.
    """

    def __init__(self, paths: Sequence[Path], identity: x25519.Identity | None, passphrase: str | None,
                 tmp_dir: Path, imported: set[tuple[str, str]]) -> None:
        self.paths = list(paths)
        # A fresh interpreter, not a fork: the importing process may run Qt threads and holds
        # an open SQLite connection, neither of which survives a fork safely.
        context = multiprocessing.get_context("spawn")
        self._stop = context.Event()
        self._receive, send = context.Pipe(duplex=False)
        _widen(send)
        self._process = context.Process(
            target=_read_all, name="disastercenter-bundle-reader", daemon=True,
            args=([str(p) for p in self.paths], str(identity) if identity is not None else None,
                  passphrase, str(tmp_dir), imported, send, self._stop),
        )
        self._process.start()
        send.close()  # the reader holds the only writing end: its end means end of data

    def __iter__(self) -> Iterator[tuple[Path, Prepared | None | UserError]]:
        for number, path in enumerate(self.paths):
            try:
                while not self._receive.poll(0.5):
                    if not self._process.is_alive():
                        raise EOFError
                index, kind, payload = self._receive.recv()
            except (EOFError, OSError):
                self._process.join(timeout=2)
                raise ReaderCrashed(
                    f"the bundle reader stopped (exit code {self._process.exitcode})"
                ) from None
            assert index == number, (index, number)
            if kind == "error":
                error_type, key, params = payload
                cls = bundle_format.BundleError if error_type == "BundleError" else UserError
                yield path, cls(key, **params)
            elif kind == "crash":
                raise ReaderCrashed(f"the bundle reader failed on {path.name}:\n{payload}")
            else:
                yield path, payload

    def close(self) -> None:
        self._stop.set()
        # A reader blocked handing over a bundle no one will take gets a broken pipe.
        self._receive.close()
        self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=2)

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Bytes the pipe from the reader holds (Linux; a prepared bundle of 4,000 ops is about 300 KB).
PIPE_BYTES = 1 << 20


def _widen(connection) -> None:  # type: ignore[no-untyped-def]
    """Let the pipe hold PIPE_BYTES where the system allows (Linux), else leave it."""
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        pass


def _read_all(paths: list[str], identity_text: str | None, passphrase: str | None, tmp_dir: str,
              imported: set[tuple[str, str]], send, stop) -> None:  # type: ignore[no-untyped-def]
    """The reader process: each bundle prepared and handed over, in order, until stopped."""
    identity = x25519.Identity.from_str(identity_text) if identity_text else None
    cache: dict[tuple[str, str], object] = {}
    for index, path in enumerate(paths):
        if stop.is_set():
            return
        item: tuple[int, str, object]
        try:
            item = (index, "ok", prepare(Path(path), identity, passphrase, Path(tmp_dir), imported, cache))
        except UserError as exc:
            # Sent as its parts: an exception with its own constructor does not unpickle.
            params = {k: v for k, v in exc.params.items() if k != "detail"}
            if isinstance(exc, bundle_format.BundleError):
                params["detail"] = exc.detail
            item = (index, "error", (type(exc).__name__, exc.key, params))
        except Exception:
            item = (index, "crash", traceback.format_exc())
        try:
            send.send(item)
        except (BrokenPipeError, OSError):
            return  # the importing side stopped
