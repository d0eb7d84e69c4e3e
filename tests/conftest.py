"""Shared test setup: offscreen Qt, a private data directory, real workspaces in tmp dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real per-user data directory and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DISASTERCENTER_HOME", str(home))
    return home


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator["Workspace"]:  # noqa: F821
    from disastercenter.store.db import open_workspace

    ws = open_workspace(tmp_path / "workspace.sqlite3")
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def registry(workspace):  # type: ignore[no-untyped-def]
    from disastercenter.services.registry import Registry

    return Registry(workspace)
