"""The look: forms that keep their fields compact, dialog buttons without
stock icons, the editor's step list readable in full."""

from __future__ import annotations

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
