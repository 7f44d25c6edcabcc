"""The look: forms that keep their fields compact, dialog buttons without
stock icons, the editor's step list readable in full."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QSpinBox, QStyle

from ankle_trainer.ui.theme import install_style


def test_dialog_buttons_carry_words_not_stock_icons(qapp) -> None:  # type: ignore[no-untyped-def]
    install_style(qapp)
    install_style(qapp)  # a second call changes nothing
    assert qapp.style().styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons) == 0
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert all(b.icon().isNull() for b in box.buttons())


def test_number_and_choice_fields_do_not_stretch_across_the_window(make_window) -> None:
    win = make_window()
    win.resize(1280, 720)
    page = win.show_screen("heel_rise")
    QApplication.processEvents()
    assert page.age.width() < 250 and page.sex.width() < 350
    history = win.show_screen("history")
    QApplication.processEvents()
    assert all(spin.width() < 200 for spin in history.pain.values())


def test_the_editor_shows_each_step_in_full(make_window) -> None:
    win = make_window()
    dialog = win.open_dialog("editor")
    try:
        dialog.list.setCurrentRow(2)  # a routine with long step lines
        QApplication.processEvents()
        steps = dialog.steps
        assert steps.wordWrap()
        assert steps.horizontalScrollBar().isHidden() or not steps.horizontalScrollBar().isVisible()
        for i in range(steps.count()):
            rect = steps.visualItemRect(steps.item(i))
            assert rect.right() <= steps.viewport().width()
        fields = [w for kind in (QSpinBox, QComboBox) for w in dialog.step_box.findChildren(kind) if w.isVisible()]
        assert fields and all(w.width() < 420 for w in fields)
    finally:
        dialog.reject()


def test_count_ticks_are_whole_and_round(qapp) -> None:  # type: ignore[no-untyped-def]
    import pyqtgraph as pg

    from ankle_trainer.ui.charts import integer_ticks

    for top, step in ((3, 1), (10.3, 2), (40, 10), (320, 100), (1900, 500)):
        axis = pg.AxisItem("left")
        integer_ticks(axis, top)
        values = [v for _, vs in axis.tickValues(0, top, 400) for v in vs]
        assert values and all(float(v).is_integer() for v in values)
        assert {v % step for v in values} == {0}, (top, values)


# -- text colours: at least 4.5:1 against their background (WCAG AA) -------------------
def _luminance(colour: str) -> float:
    from PySide6.QtGui import QColor

    c = QColor(colour)
    assert c.isValid(), colour
    channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


TEXT_COLOUR = r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)"
BACKGROUND = r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)"


def _set_text_colours(source: str) -> list[str]:
    """Text colours written into the string literals of ``source`` (style
    sheets, rich text) that fail: with a background in the same string, under
    4.5:1 against it; alone, always (a fixed colour cannot suit both the light
    and the dark theme: use the palette, or error_style)."""
    import ast
    import re

    bad = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        colours = re.findall(TEXT_COLOUR, node.value)
        backgrounds = [b for b in re.findall(BACKGROUND, node.value)
                       if b != "transparent"]  # see-through: the sheet's own background shows
        for colour in colours:
            if colour.startswith("palette"):
                continue
            if not backgrounds:
                bad.append(f"{node.lineno}: {colour} on whatever the theme's background is")
            elif (ratio := min(contrast(colour, bg) for bg in backgrounds)) < 4.5:
                bad.append(f"{node.lineno}: {colour} on {backgrounds} is {ratio:.1f}:1")
    return bad


def test_every_text_colour_written_in_the_source_reads_on_its_background() -> None:
    from pathlib import Path

    import ankle_trainer.ui as ui

    bad = [f"{path.relative_to(Path(ui.__file__).parent)}:{line}"
           for path in sorted(Path(ui.__file__).parent.rglob("*.py"))
           for line in _set_text_colours(path.read_text("utf-8"))]
    assert bad == [], "\n".join(bad)


def test_the_colour_scan_would_catch_grey_on_white() -> None:
    source = ("A = \"<span style='color:gray'>(Source: x)</span>\"\n"
              "B = 'background: #ffffff; color: #808080;'\nC = 'background: #000; color: #fff;'\n")
    assert [line.split(":")[0] for line in _set_text_colours(source)] == ["1", "2"]
    assert 3.9 < contrast("#808080", "#ffffff") < 4.0


def test_text_colours_set_in_code_read_in_light_dark_and_focus_mode(make_window, clock) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel

    from ankle_trainer.ui.screens.session.screen import PHASE_COLOURS
    from ankle_trainer.ui.theme import dark_palette
    from ankle_trainer.ui.widgets import ERROR_INK

    role = QPalette.ColorRole
    light = QApplication.style().standardPalette()
    low = []
    for name, palette in (("light", light), ("dark", dark_palette())):
        for fg, bg in ((role.Text, role.Base), (role.WindowText, role.Window), (role.ButtonText, role.Button),
                       (role.HighlightedText, role.Highlight), (role.ToolTipText, role.ToolTipBase)):
            if name == "light" and fg == role.HighlightedText:
                continue  # the style's own light palette: not a colour the app sets
            ratio = contrast(palette.color(fg).name(), palette.color(bg).name())
            if ratio < 4.5:
                low.append(f"{name}: {fg.name} on {bg.name} {ratio:.1f}:1")
        for bg in (role.Window, role.Base):
            ratio = contrast(ERROR_INK[name], palette.color(bg).name())
            if ratio < 4.5:
                low.append(f"{name}: error words on {bg.name} {ratio:.1f}:1")
    for phase, (bg, fg) in PHASE_COLOURS.items():
        if contrast(fg, bg) < 4.5:
            low.append(f"{phase}: {contrast(fg, bg):.1f}:1")
    win = make_window()
    screen = win.flow.session_screen
    screen.set_focus_mode(True)
    try:
        palette = screen.palette()
        for fg, bg in ((role.WindowText, role.Window), (role.Text, role.Base), (role.ButtonText, role.Button)):
            ratio = contrast(palette.color(fg).name(), palette.color(bg).name())
            if ratio < 4.5:
                low.append(f"focus mode: {fg.name} on {bg.name} {ratio:.1f}:1")
        # a visual cue's flash (sound off): the card's words on its yellow, in
        # focus mode too (white digits on it were 1.4:1: twenty-sixth re-test)
        for mode in (True, False):
            screen.set_focus_mode(mode)
            screen.flash()
            flashed = screen.card.palette()
            for label in screen.card.findChildren(QLabel):
                fg = label.palette().color(label.foregroundRole()).name()
                ratio = contrast(fg, flashed.color(screen.card.backgroundRole()).name())
                if ratio < 4.5:
                    low.append(f"flash, focus mode {mode}: {label.objectName() or label.text()[:20]} {ratio:.1f}:1")
            screen._end_flash()
    finally:
        screen.set_focus_mode(False)
    assert low == [], "\n".join(low)


# -- the edges of controls: at least 3:1 against the window (WCAG 1.4.11) --------------
def _edge_contrasts(image, rect, back: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """The clearest pixel within 2 of each edge of ``rect`` (left and right on
    its middle row, top and bottom on its middle column), against ``back``."""
    mid_x, mid_y = rect.center().x(), rect.center().y()
    runs = {"left": [(rect.left() + i, mid_y) for i in range(3)],
            "right": [(rect.right() - i, mid_y) for i in range(3)],
            "top": [(mid_x, rect.top() + i) for i in range(3)],
            "bottom": [(mid_x, rect.bottom() - i) for i in range(3)]}
    return {side: max(contrast(image.pixelColor(x, y).name(), back) for x, y in points)
            for side, points in runs.items()}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_kind_of_control_shows_its_edge_in_both_themes(qapp, theme) -> None:  # type: ignore[no-untyped-def]
    """A check box's and a radio button's box, a text, number, date and
    drop-down box: the outline reads at 3:1 or more against the window."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import (
        QCheckBox,
        QDateEdit,
        QDoubleSpinBox,
        QLineEdit,
        QRadioButton,
        QStyleOptionButton,
        QVBoxLayout,
        QWidget,
    )

    from ankle_trainer.ui.theme import apply_theme

    install_style(qapp)
    apply_theme(qapp, theme)
    try:
        holder = QWidget()
        holder.setAutoFillBackground(True)
        column = QVBoxLayout(holder)
        editable = QComboBox()
        editable.setEditable(True)
        kinds = [QCheckBox("Remind me to train"), QRadioButton("Left"), QLineEdit(), QSpinBox(),
                 QDoubleSpinBox(), QDateEdit(), QComboBox(), editable]
        kinds[-2].addItem("A choice")
        for widget in kinds:
            column.addWidget(widget)
        holder.resize(300, 400)
        holder.show()
        QApplication.processEvents()
        image = holder.grab().toImage()
        back = holder.palette().color(QPalette.ColorRole.Window).name()
        faint = []
        for widget in kinds:
            rect = widget.geometry()
            if isinstance(widget, (QCheckBox, QRadioButton)):
                option = QStyleOptionButton()
                widget.initStyleOption(option)
                element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(widget, QCheckBox)
                           else QStyle.SubElement.SE_RadioButtonIndicator)
                rect = widget.style().subElementRect(element, option, widget).translated(rect.topLeft())
            for side, ratio in _edge_contrasts(image, rect, back).items():
                if ratio < 3:
                    faint.append(f"{theme}: {type(widget).__name__} {side} edge {ratio:.1f}:1")
        holder.close()
    finally:
        apply_theme(qapp, "system")
    assert faint == [], "\n".join(faint)
