"""Ninth fresh-user round (tester9): the F1 list and the README's key table
have the same rows (F10)."""

from __future__ import annotations

from pathlib import Path


# -- F10: the F1 list and the README's key table have the same rows ---------------------
def _readme_keys() -> list[str]:
    """The first column of the README's key table ("| Key | Does |"), row by row."""
    lines = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| Key | Does |") + 2  # past the header and its | --- | line
    keys = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        keys.append(line.split(" | ")[0].removeprefix("| ").strip())
    return keys


def test_the_f1_list_has_every_row_of_the_readme_key_table_and_no_other() -> None:
    """F10: F1 lacked the README's rows for the arrows in a list of answers, the
    chart keys (Left / Right, Home / End, Shift+arrows), the calendar's arrows
    and Esc on the pain check. Each key row of one is a row of the other."""
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    readme, f1 = sorted(_readme_keys()), sorted(k for k, _ in SHORTCUTS)
    assert len(readme) >= 30
    only_readme = [k for k in readme if readme.count(k) > f1.count(k)]
    only_f1 = [k for k in f1 if f1.count(k) > readme.count(k)]
    assert (only_readme, only_f1) == ([], [])


def test_the_f1_rows_the_tester_missed_say_where_the_keys_work() -> None:
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    said = {k: [w for key, w in SHORTCUTS if key == k] for k, _ in SHORTCUTS}
    assert any("Where does it hurt?" in w and "period" in w for w in said["Arrows"])
    assert any("calendar" in w for w in said["Arrows"])
    assert "Shift+Left / Shift+Right" in said["Left / Right, Home / End"][0]
    assert "on the pain check, go back" in said["Esc"][0]


def test_the_shown_f1_list_has_the_rows(make_window) -> None:
    win = make_window(startup=True)
    win.actions_by_key["shortcuts"].trigger()  # F1
    dialog = win.shortcuts_dialog
    try:
        text = dialog.text.text()
        assert "<b>Left / Right, Home / End</b>" in text and text.count("<b>Arrows</b>") == 2
    finally:
        dialog.done(0)
