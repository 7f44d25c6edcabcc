"""The standalone triage page: the drawing, keyboard choices, the signals and
the programmes it lists (model first: core.triage.route decides)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.triage import Condition, Onset, TriageAnswers
from ankle_trainer.ui.screens.triage.page import TriagePage


@pytest.fixture
def page(qtbot):  # type: ignore[no-untyped-def]
    widget = TriagePage(builtin_routines())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize(
    ("area", "centre"),
    [
        (Condition.ACHILLES_MID, QPointF(63, 95)),
        (Condition.ACHILLES_INSERTION, QPointF(60, 148)),
        (Condition.ACUTE_SPRAIN, QPointF(104, 146)),
    ],
)
def test_clicking_an_area_of_the_drawing_picks_it(qtbot, page, area: str, centre: QPointF) -> None:
    drawing = page.drawing
    point = drawing.to_widget(centre).toPoint()
    with qtbot.waitSignal(drawing.picked) as picked:
        qtbot.mouseClick(drawing, Qt.MouseButton.LeftButton, pos=point)
    assert picked.args == [area]
    assert page.area_buttons[area].isChecked() and drawing.selected == area


def test_a_click_outside_the_areas_picks_nothing(qtbot, page) -> None:
    point = page.drawing.to_widget(QPointF(190, 20)).toPoint()
    qtbot.mouseClick(page.drawing, Qt.MouseButton.LeftButton, pos=point)
    assert page.answers() is None and page.drawing.selected is None


def test_the_keyboard_choices_drive_the_drawing_and_emit_the_answers(qtbot, page) -> None:
    page.area_buttons[Condition.ACHILLES_INSERTION].setChecked(True)
    assert page.drawing.selected == Condition.ACHILLES_INSERTION
    page.onset_buttons["weeks"].setChecked(True)
    page.injury_buttons["no"].setChecked(True)
    with qtbot.waitSignal(page.answered) as sent:
        page.show_button.click()
    assert sent.args == [TriageAnswers(Condition.ACHILLES_INSERTION, Onset.WEEKS, False)]
    assert page.stages.currentWidget() is page.results
    fits = [m.routine_id for m in page.result.fits]
    assert fits == ["heel-drops-floor"]
    texts = [label.text() for label in page.list_holder.findChildren(QLabel)]
    assert any("Jonsson" in t and "(Source:" in t for t in texts)  # why, with its source
    assert "Eccentric heel drops (not suggested)" in texts
    assert any(t.startswith("Not suited to pain at the heel insertion") for t in texts)


def test_no_area_chosen_says_so_on_the_page_and_emits_nothing(qtbot, page) -> None:
    page.onset_buttons["days"].setChecked(True)
    with qtbot.assertNotEmitted(page.answered):
        assert page.submit() is False
    assert not page.problem.isHidden() and "choose where it hurts" in page.problem.text()
    assert page.onset_buttons["days"].isChecked()  # nothing the runner chose was lost
    assert page.stages.currentWidget() is page.questions


def test_unsure_lists_no_programme_and_suggests_a_professional(page) -> None:
    page.area_buttons[Condition.UNSURE].setChecked(True)
    page.show_button.click()
    assert page.result.fits == () and page.result.see_professional
    assert "physiotherapist or doctor" in page.message.text()
    assert all(name.endswith("anyway…") for name in (b.text() for b in page.start_buttons.values()))


def test_no_pain_greys_out_the_follow_up_questions(page) -> None:
    page.area_buttons[Condition.PREVENTION].setChecked(True)
    assert not any(box.isEnabled() for box in page.follow_ups)
    page.onset_buttons["days"].setChecked(True)
    assert page.answers() == TriageAnswers(Condition.PREVENTION)


def test_a_suited_programme_starts_at_once_and_a_marked_one_asks_first(qtbot, page) -> None:
    page.area_buttons[Condition.ACHILLES_INSERTION].setChecked(True)
    page.show_button.click()
    with qtbot.waitSignal(page.routineChosen) as chosen:
        page.start_buttons["heel-drops-floor"].click()
    assert chosen.args == ["heel-drops-floor"]
    with qtbot.assertNotEmitted(page.routineChosen):
        page.start_buttons["heel-drops"].click()  # not suited to the insertion: ask first
    confirm = page.confirm_rows["heel-drops"]
    assert confirm.isVisible()
    no, yes = confirm.findChildren(type(page.show_button))
    assert no.hasFocus()
    no.click()
    assert not confirm.isVisible()
    page.start_buttons["heel-drops"].click()
    with qtbot.waitSignal(page.routineChosen) as chosen:
        yes.click()
    assert chosen.args == ["heel-drops"]


def test_earlier_answers_are_shown_and_can_be_changed(qtbot) -> None:
    earlier = TriageAnswers(Condition.ACUTE_SPRAIN, Onset.DAYS, True)
    page = TriagePage(builtin_routines(), previous=earlier)
    qtbot.addWidget(page)
    assert page.answers() == earlier and page.drawing.selected == Condition.ACUTE_SPRAIN
    page.show_button.click()
    assert [m.routine_id for m in page.result.fits] == ["sprain-protect", "sprain-loading"]
    page.change_button.click()
    assert page.stages.currentWidget() is page.questions
    page.onset_buttons["weeks"].setChecked(True)
    with qtbot.waitSignal(page.answered) as sent:
        page.show_button.click()
    assert sent.args[0].onset is Onset.WEEKS
    assert [m.routine_id for m in page.result.fits] == ["sprain-loading", "balance-2bfit"]
    assert len(page.start_buttons) == len(builtin_routines())  # the old rows were replaced


def test_skip_emits_skipped(qtbot, page) -> None:
    with qtbot.waitSignal(page.skipped):
        page.skip_button.click()


def test_arrow_keys_choose_in_every_group_even_when_nothing_was_chosen(qtbot, page) -> None:
    first = page.onset_buttons[Onset.DAYS]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    assert not any(b.isChecked() for b in page.onset_buttons.values())
    qtbot.keyClick(first, Qt.Key.Key_Down)  # nothing chosen: the first press chooses the first
    assert first.hasFocus() and first.isChecked()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    weeks = page.onset_buttons[Onset.WEEKS]
    assert weeks.hasFocus() and weeks.isChecked()  # as "Where" does
    qtbot.keyClick(weeks, Qt.Key.Key_Up)
    assert first.hasFocus() and first.isChecked() and not weeks.isChecked()
    qtbot.keyClick(first, Qt.Key.Key_Up)  # the first stays
    assert first.hasFocus() and first.isChecked()


def test_enter_shows_the_programmes_and_focus_starts_visibly_on_the_first_choice(qtbot, page) -> None:
    page.show_questions()
    first = page.area_buttons[Condition.ACHILLES_MID]
    assert page.focusWidget() is first
    assert page.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # its frame shows
    qtbot.keyClick(first, Qt.Key.Key_Down)  # the first answer, not the second
    assert first.isChecked()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)
    assert page.stages.currentWidget() is page.results
    assert page.answers().area == Condition.ACHILLES_INSERTION
