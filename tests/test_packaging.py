"""The wheel carries the data files, and an installed copy finds them without the checkout.

Builds a real wheel from this checkout with the hatchling backend (offline: no build isolation,
no index), installs it into a bare folder and imports it from there in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DATA = ("forms", "phrasebooks")


def _pip(*args: str, cwd: Path) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pip", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(f"pip {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out), str(REPO),
         cwd=out)
    wheels = list(out.glob("disastercenter-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {wheels}"
    return wheels[0]


def test_the_wheel_ships_forms_and_phrasebooks_inside_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "disastercenter/_data/forms/registration.toml" in names
    assert "disastercenter/_data/phrasebooks/catalog.toml" in names
    for kind in SHIPPED_DATA:
        in_checkout = {
            f"disastercenter/_data/{kind}/{path.relative_to(REPO / kind).as_posix()}"
            for path in (REPO / kind).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert in_checkout - names == set(), f"files of {kind}/ missing from the wheel"


def test_the_wheel_holds_only_the_package_and_its_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        top_level = {name.split("/", 1)[0] for name in archive.namelist()}
    strays = {name for name in top_level if name != "disastercenter" and not name.endswith(".dist-info")}
    assert strays == set(), f"unexpected top-level entries in the wheel: {sorted(strays)}"


def test_an_installed_wheel_finds_its_data_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    _pip("install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel), cwd=tmp_path)
    probe = textwrap.dedent(
        """
        import json
        import disastercenter
        from disastercenter.content.forms import load_form
        from disastercenter.content.paths import shipped_dir

        form = load_form("registration")
        print(json.dumps({
            "package": disastercenter.__file__,
            "forms": str(shipped_dir("forms")),
            "phrasebooks": str(shipped_dir("phrasebooks")),
            "form_id": form.id,
            "form_fields": len(form.fields()),
        }))
        """
    )
    # The editable install of the checkout stays on sys.path (after PYTHONPATH) so that the
    # wheel's dependencies import; running from tmp_path keeps the checkout out of sys.path[0].
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    if result.returncode != 0:
        pytest.fail(f"the installed wheel does not work:\n{result.stderr}", pytrace=False)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    site = target.resolve()
    assert Path(found["package"]).resolve().is_relative_to(site), found
    assert Path(found["forms"]).resolve() == site / "disastercenter" / "_data" / "forms", found
    assert Path(found["phrasebooks"]).resolve() == site / "disastercenter" / "_data" / "phrasebooks", found
    assert found["form_id"] == "registration"
    assert found["form_fields"] > 0
