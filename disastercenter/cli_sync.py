"""Sync subcommands: `export`, `import`, `keys`, `peers`, `conflicts`, `quarantine`, `history`, `watch`.

    disastercenter export --to E:\\ [--for "Shelter 3" | --full] [--passphrase-file F]
    disastercenter import E:\\dc-*.dcb [--passphrase-file F]
    disastercenter keys init --label "Kumamoto center" --role center
    disastercenter keys show | enroll CARD | export-public [--out FILE] | recovery --out FILE
    disastercenter peers | conflicts [--resolve N --choose M] | quarantine [accept|reject ID]

Commands that sign or decrypt need this workspace's private keys: their passphrase is read from
`--key-passphrase-file F`, or asked for when run in a terminal. `--passphrase-file F` is the
passphrase of a passphrase-mode bundle (for laptops that were never enrolled).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from disastercenter.core.errors import UserError


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def key_passphrase(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--key-passphrase-file", type=Path, metavar="F",
                            help="file whose first line is the passphrase of this workspace's keys")

    export = sub.add_parser("export", help="write a sync bundle for a peer, the center or everyone")
    export.add_argument("--to", type=Path, required=True, metavar="DIR", help="folder to write to (USB stick, shared folder)")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--for", dest="for_peer", metavar="PEER", help="the peer's label or key id: only what it lacks")
    which.add_argument("--full", action="store_true", help="every operation, whatever peers acknowledged")
    export.add_argument("--passphrase-file", type=Path, metavar="F",
                        help="encrypt with the passphrase in F instead of keys (never-enrolled laptops)")
    key_passphrase(export)

    imp = sub.add_parser("import", help="import sync bundles (each one all or nothing)")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")
    imp.add_argument("--passphrase-file", type=Path, metavar="F", help="passphrase of passphrase-mode bundles")
    key_passphrase(imp)

    keys = sub.add_parser("keys", help="this workspace's sync keys and enrolment of other devices")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    keys_sub.add_parser("show", help="this workspace's key fingerprint (to compare when enrolling)")
    init = keys_sub.add_parser("init", help="create this workspace's keys")
    init.add_argument("--label", required=True, help="a name others will see, e.g. the shelter's name")
    init.add_argument("--role", choices=("center", "shelter"), required=True)
    key_passphrase(init)
    enroll = keys_sub.add_parser("enroll", help="trust another device from its public key card")
    enroll.add_argument("card", type=Path)
    enroll.add_argument("--yes", action="store_true", help="the fingerprint words were already compared")
    public = keys_sub.add_parser("export-public", help="write this workspace's public key card")
    public.add_argument("--out", type=Path, help="file to write (default: print it)")
    recovery = keys_sub.add_parser("recovery", help="(center) create the offline recovery key")
    recovery.add_argument("--out", type=Path, required=True, help="where to write the secret recovery key")
    key_passphrase(recovery)

    sub.add_parser("peers", help="enrolled devices and what each has acknowledged")
    conflicts = sub.add_parser("conflicts", help="concurrent edits waiting for a person's choice")
    conflicts.add_argument("--resolve", type=int, metavar="N", help="settle conflict N of the list")
    conflicts.add_argument("--choose", type=int, metavar="M", help="with --resolve: keep value M")
    quarantine = sub.add_parser("quarantine", help="bundles from devices no one enrolled")
    quarantine.add_argument("action", nargs="?", choices=("list", "accept", "reject"), default="list")
    quarantine.add_argument("id", nargs="?", help="the bundle id (or its first characters)")
    key_passphrase(quarantine)
    sub.add_parser("history", help="bundles exported and imported")
    watch = sub.add_parser("watch", help="import bundles that appear in a folder")
    watch.add_argument("folder", type=Path)
    watch.add_argument("--interval", type=float, default=10.0, help="seconds between looks (default 10)")
    watch.add_argument("--once", action="store_true", help="look once and stop")
    watch.add_argument("--passphrase-file", type=Path, metavar="F")
    key_passphrase(watch)


def _lang() -> str:
    from disastercenter.cli import _lang as lang

    return lang()


def _read_passphrase(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SystemExit(f"cannot read {path}: {exc.strerror}") from exc
    return lines[0] if lines else ""


def _service(args: argparse.Namespace, *, unlock: bool = False):  # type: ignore[no-untyped-def]
    from disastercenter.services.sync import SyncService
    from disastercenter.store.db import open_workspace

    workspace = open_workspace(args.db)
    service = SyncService(workspace)
    if unlock:
        try:
            _unlock(service, args)
        except BaseException:
            workspace.close()
            raise
    return workspace, service


def _unlock(service, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    if service.identity() is None:
        return
    passphrase = _read_passphrase(getattr(args, "key_passphrase_file", None))
    if passphrase is None:
        if not sys.stdin.isatty():
            raise UserError("sync.locked")
        passphrase = getpass.getpass("Passphrase of this workspace's keys: ")
    service.unlock(passphrase)


def _cmd_export(args: argparse.Namespace) -> int:
    passphrase = _read_passphrase(args.passphrase_file)
    workspace, service = _service(args, unlock=passphrase is None)
    with workspace:
        result = service.export_bundle(args.to, for_peer=args.for_peer, full=args.full, passphrase=passphrase)
    print(result.path)
    who = ", ".join(result.recipients) if result.recipients else "passphrase"
    print(f"{result.ops} operations for {who}", file=sys.stderr)
    return 0


def _needs_keys(files: list[Path]) -> bool:
    from disastercenter.sync.bundle import BundleError, age_auth

    for path in files:
        try:
            if age_auth(path) == "key":
                return True
        except BundleError:
            continue
    return False


def describe(summary) -> str:  # type: ignore[no-untyped-def]
    """One line per imported bundle: what it brought."""
    if summary.status != "imported":
        return f"{summary.file}: {summary.status}, nothing changed"
    who = summary.sender_label or summary.sender_device[:8]
    how = f"signed by key {summary.signer[:12]}" if summary.signer else "passphrase"
    records = ", ".join(f"{count} {entity}" for entity, count in sorted(summary.new_records.items())) or "none"
    duplicates = "not checked" if summary.suspected_duplicates is None else str(summary.suspected_duplicates)
    text = (
        f"{summary.file}: imported from {who} ({how}): {summary.ops} operations, {summary.new_ops} new; "
        f"new records: {records}; updated fields: {summary.updated_fields}; "
        f"conflicts: {summary.conflicts}; suspected duplicates: {duplicates}"
    )
    if summary.new_device_id:
        text += f"; this workspace was restored or cloned: new device id {summary.new_device_id}"
    for warning in summary.warnings:
        if warning.startswith("clock_ahead:"):
            text += f"; the sender's clock is about {warning.split(':')[1]} hours ahead"
    return text


def _cmd_import(args: argparse.Namespace) -> int:
    from disastercenter.services.sync import Quarantined

    passphrase = _read_passphrase(args.passphrase_file)
    workspace, service = _service(args, unlock=_needs_keys(args.files))
    failures = 0
    with workspace:
        for result in service.import_bundles(args.files, passphrase=passphrase):
            if isinstance(result, tuple):
                path, error = result
                failures += 1
                print(f"disastercenter: {path}: {error.message(_lang())}", file=sys.stderr)
                if isinstance(error, Quarantined):
                    print(f"  quarantine id: {error.item.id}", file=sys.stderr)
            else:
                print(describe(result), flush=True)
    return 2 if failures else 0


def _cmd_keys(args: argparse.Namespace) -> int:
    action = args.keys_command
    if action == "init":
        passphrase = _read_passphrase(args.key_passphrase_file)
        if passphrase is None:
            if not sys.stdin.isatty():
                raise SystemExit("give --key-passphrase-file F (no terminal to ask in)")
            passphrase = getpass.getpass("New passphrase for this workspace's keys: ")
            if getpass.getpass("Again: ") != passphrase:
                raise SystemExit("the passphrases differ")
        workspace, service = _service(args)
        with workspace:
            public = service.create_keys(args.label, args.role, passphrase)
        _print_public(public)
        return 0
    if action == "recovery":
        workspace, service = _service(args, unlock=True)
        with workspace:
            public = service.create_recovery_key(args.out)
        print(f"recovery key written to {args.out}: keep it offline (print it, lock it away)")
        print(f"public part: {public.age_recipient}")
        print("Give the shelters this center's updated key card (keys export-public).")
        return 0
    workspace, service = _service(args)
    with workspace:
        if action == "show":
            public = service.identity()
            if public is None:
                print("no keys yet: run `keys init --label NAME --role center|shelter`")
                return 1
            _print_public(public)
            print(f"device\t{workspace.device_id}")
            return 0
        if action == "export-public":
            card = service.public_card()
            if args.out is None:
                sys.stdout.write(card.decode("utf-8"))
            else:
                from disastercenter.sync.transport import write_atomically

                write_atomically(args.out, lambda out: out.write(card))
                print(f"wrote {args.out}")
            return 0
        if action == "enroll":
            try:
                data = args.card.read_bytes()
            except OSError as exc:
                raise SystemExit(f"cannot read {args.card}: {exc.strerror}") from exc
            public = service.read_card(data)
            print(f"label\t{public.label}\nrole\t{public.role}\nfingerprint\t{public.words}")
            if not args.yes:
                if not sys.stdin.isatty():
                    raise SystemExit("compare the words with the other device, then run again with --yes")
                answer = input("Does the other device show exactly these words? [y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    print("not enrolled")
                    return 1
            service.enroll(data)
            print(f"enrolled {public.label} ({public.role})")
            return 0
    raise AssertionError(action)


def _print_public(public) -> None:  # type: ignore[no-untyped-def]
    print(f"label\t{public.label}")
    print(f"role\t{public.role}")
    print(f"fingerprint\t{public.words}")
    print(f"key id\t{public.key_id}")
    print(f"encryption key\t{public.age_recipient}")


def _cmd_peers(args: argparse.Namespace) -> int:
    workspace, service = _service(args)
    with workspace:
        for peer in service.peers():
            devices = len(peer.devices)
            last = peer.last_bundle_at or "never"
            print("\t".join((peer.label, peer.role, peer.key_id[:16], peer.words or "-",
                             f"{devices} device(s)", f"acknowledged {peer.acknowledged_ops} ops",
                             f"last bundle {last}")))
    return 0


def _cmd_conflicts(args: argparse.Namespace) -> int:
    workspace, service = _service(args)
    with workspace:
        views = service.conflict_views()
        if args.resolve is not None:
            if not 1 <= args.resolve <= len(views) or args.choose is None:
                raise SystemExit("--resolve N needs a number from the list and --choose M")
            view = views[args.resolve - 1]
            conflict = view.conflict
            if conflict.is_delete_vs_edit:
                choice = {1: "delete", 2: "restore"}.get(args.choose)
            else:
                choice = view.choices[args.choose - 1][0] if 1 <= args.choose <= len(view.choices) else None
            if choice is None:
                raise SystemExit("--choose M: a number of the listed values")
            service.resolve_conflict(conflict.key, choice)
            print("settled")
            return 0
        for number, view in enumerate(views, 1):
            conflict = view.conflict
            what = "deleted while edited" if conflict.is_delete_vs_edit else conflict.field
            print(f"{number}. {view.record_label} ({conflict.entity}): {what}")
            if conflict.is_delete_vs_edit:
                print("   1) keep deleted   2) restore")
            for index, (_value, shown, where, when) in enumerate(view.choices, 1):
                marker = "*" if index == 1 else " "
                print(f"   {marker}{index}) {shown}  — {where}, {when}")
        if not views:
            print("no conflicts")
    return 0


def _cmd_quarantine(args: argparse.Namespace) -> int:
    if args.action == "list":
        workspace, service = _service(args)
        with workspace:
            items = service.quarantined()
            for item in items:
                print("\t".join((item.id, item.sender_label, item.sender_role, item.words,
                                 f"{item.ops} ops", item.received_at, item.original_name)))
            if not items:
                print("quarantine is empty")
        return 0
    if not args.id:
        raise SystemExit(f"quarantine {args.action} needs the bundle id")
    workspace, service = _service(args, unlock=args.action == "accept")
    with workspace:
        if args.action == "accept":
            print(describe(service.accept_quarantined(args.id)))
        else:
            service.reject_quarantined(args.id)
            print("rejected and deleted")
    return 0


def _cmd_history(args: argparse.Namespace) -> int:
    workspace, service = _service(args)
    with workspace:
        for record in service.history():
            who = record.sender_label or record.sender_device[:8]
            signer = f"key {record.signer[:12]}" if record.signer else "passphrase"
            print("\t".join((record.at, record.direction, record.file_name, who, signer,
                             f"{record.ops} ops", f"{record.new_ops} new", f"{record.conflicts} conflicts")))
    return 0


def _cmd_watch(args: argparse.Namespace) -> int:
    passphrase = _read_passphrase(args.passphrase_file)
    workspace, service = _service(args, unlock=True)
    seen: dict = {}
    with workspace:
        while True:
            scan = service.scan_folder(args.folder, passphrase=passphrase, seen=seen)
            for summary in scan.imported:
                print(describe(summary), flush=True)
            for item in scan.quarantined:
                print(f"{item.original_name}: quarantined (unknown sender {item.sender_label}, "
                      f"{item.words})", flush=True)
            for path, error in scan.failed:
                print(f"disastercenter: {path}: {error.message(_lang())}", file=sys.stderr, flush=True)
            if args.once:
                return 2 if scan.failed else 0
            time.sleep(max(args.interval, 0.5))


COMMANDS = {
    "export": _cmd_export,
    "import": _cmd_import,
    "keys": _cmd_keys,
    "peers": _cmd_peers,
    "conflicts": _cmd_conflicts,
    "quarantine": _cmd_quarantine,
    "history": _cmd_history,
    "watch": _cmd_watch,
}
