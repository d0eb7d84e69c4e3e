"""Regenerate the example images of registration cards, the paper form and the roster:
`python docs/images/make_print_images.py` (needs pdftoppm from poppler-utils).

Everything comes from a throw-away workspace: six people whose names need six scripts, and
the synthetic demo for the roster.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from disastercenter.core.people import PersonInput, ShelterInput  # noqa: E402
from disastercenter.services.demo import create_demo  # noqa: E402
from disastercenter.services.print_cards import (  # noqa: E402
    print_cards,
    print_paper_form,
    print_roster,
)
from disastercenter.services.registry import Registry  # noqa: E402
from disastercenter.store.db import open_workspace  # noqa: E402
from tests.printing.test_registration_cards import PEOPLE  # noqa: E402

MM_AT = 100 / 25.4  # pixels per mm at 100 dpi


def png(pdf: Path, out: Path, dpi: int = 100, crop_mm: tuple[float, float, float, float] | None = None,
        page: int = 1) -> None:
    """Page `page` of `pdf` as `out`; `crop_mm` = (x, y, width, height) from the top left."""
    args = ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page)]
    if crop_mm:
        scale = dpi / 25.4
        x, y, w, h = (round(v * scale) for v in crop_mm)
        args += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    subprocess.run([*args, str(pdf), str(out.with_suffix(""))], check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_workspace(folder / "cards.sqlite3") as ws:
            registry = Registry(ws)
            shelter = registry.add_shelter(ShelterInput("大野北小学校 体育館", "Onokita Elementary"))
            registry.register_household(shelter, [PersonInput(**vars(p)) for p in PEOPLE])
            cards = print_cards(registry, folder / "cards.pdf", shelter_id=shelter)
        # The three rows of cards with their cut marks (the sheet is centred on A4).
        png(cards.path, HERE / "print-card.png", 110, (10, 6, 190, 176))
        form = print_paper_form(folder / "form-vi.pdf", "vi")
        png(form.path, HERE / "print-form-vi.png", 90)
        with open_workspace(folder / "demo.sqlite3") as ws:
            registry = Registry(ws)
            create_demo(registry, 120, 2, 0, 3)
            shelter = max(registry.list_shelters(), key=lambda s: s.present).id
            roster = print_roster(registry, folder / "roster.pdf", shelter)
        png(roster.path, HERE / "print-roster.png", 90)
    print(f"images written to {HERE}")


if __name__ == "__main__":
    main()
