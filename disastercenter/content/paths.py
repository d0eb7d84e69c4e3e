"""Where content data (forms, phrasebooks) is found.

Shipped data sits in the installed package (`disastercenter/_data/<kind>`, put there by the
wheel build) or, in a source checkout, at the repository root. A workspace can add its own files
in a `content/<kind>` folder next to its database; those override shipped ones by id or key.
"""

from __future__ import annotations

from pathlib import Path

import disastercenter

_PACKAGE_DIR = Path(disastercenter.__file__).resolve().parent


def shipped_dir(kind: str) -> Path:
    """The folder of shipped `kind` data ("forms" or "phrasebooks")."""
    installed = _PACKAGE_DIR / "_data" / kind
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"shipped {kind} not found in {installed} or {checkout}")


def workspace_content_dir(kind: str, workspace_path: Path) -> Path:
    """The folder where a workspace keeps its own `kind` data (which may not exist yet)."""
    return Path(workspace_path).parent / "content" / kind


def workspace_dir(kind: str, workspace_path: Path | None) -> Path | None:
    """The folder where a workspace keeps its own `kind` data, if it has one."""
    if workspace_path is None:
        return None
    folder = workspace_content_dir(kind, workspace_path)
    return folder if folder.is_dir() else None


def content_dirs(kind: str, workspace_path: Path | None = None) -> list[Path]:
    """Shipped folder first, then the workspace's; later ones override earlier ones."""
    dirs = [shipped_dir(kind)]
    extra = workspace_dir(kind, workspace_path)
    if extra is not None:
        dirs.append(extra)
    return dirs
