"""The routine editor: duplicate, edit, reorder, undo, save and reload, with
built-ins read-only and a confirmation before deleting."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankle_trainer.core.library import exercise_library
from ankle_trainer.core.model import DoseKind, Sides
from ankle_trainer.storage.routine_store import RoutineStore


@pytest.fixture
def window(make_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    return make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()))


@pytest.fixture
def editor(window):  # type: ignore[no-untyped-def]
    dialog = window.open_dialog("editor")
    dialog.ask_unsaved = lambda r: "discard"
    yield dialog
    dialog.done(0)


def test_builtins_are_read_only_and_duplicating_makes_an_editable_copy(editor, window, tmp_path) -> None:
    editor.list.setCurrentRow(0)  # Complete ankle session, built-in
    assert editor.working.builtin and editor.read_only.isVisible()
    assert not editor.save_button.isEnabled() and not editor.step_box.isEnabled()
    assert not editor.delete_button.isEnabled()
    assert editor.duplicate()
    copy = editor.working
    assert not copy.builtin and copy.name == "Complete ankle session (my copy)"
    assert (tmp_path / "routines" / f"{copy.id}.toml").exists()
    assert copy.id in [r.id for r in window.home.routines]  # on the home screen at once
    assert editor.save_button.isEnabled()


def test_add_reorder_edit_undo_save_and_reload(editor, window, tmp_path) -> None:
    assert editor.new_routine()
    rid = editor.working.id
    assert [s.exercise.id for s in editor.working.steps] == ["marching"]
    editor.add_exercise.setCurrentIndex(editor.add_exercise.findData("single-leg-stance"))
    editor.add_step()
    assert [s.exercise.id for s in editor.working.steps] == ["marching", "single-leg-stance"]
    editor.kind.setCurrentIndex(1)  # timed hold
    editor.seconds.setValue(60)
    editor.sides.setCurrentIndex(1)  # each leg
    editor.balance.setCurrentIndex(2)  # level 2
    step = editor.working.steps[1]
    assert (step.kind, step.seconds, step.sides, step.balance_level) == (DoseKind.HOLD, 60, Sides.EACH, 2)
    minutes_before = editor.estimate.text()
    editor.sets.setValue(3)
    assert editor.estimate.text() != minutes_before  # the estimate follows every change
    editor.move_step(-1)
    assert [s.exercise.id for s in editor.working.steps] == ["single-leg-stance", "marching"]
    editor.undo_button.click()  # undo the move
    assert [s.exercise.id for s in editor.working.steps] == ["marching", "single-leg-stance"]
    editor.undo_button.click()  # undo sets = 3
    assert editor.working.steps[1].sets == 2  # as added
    editor.redo_button.click()
    assert editor.working.steps[1].sets == 3
    editor.name.setText("Morning balance")
    editor.name.editingFinished.emit()
    assert editor.dirty()
    assert editor.save()
    assert not editor.dirty()
    # what was saved is what a fresh read of the folder gives
    reread, problems = RoutineStore(tmp_path / "routines", exercise_library()).load()
    assert problems == []
    [mine] = [r for r in reread if r.id == rid]
    assert mine.name == "Morning balance"
    assert [(s.exercise.id, s.sets, s.seconds, s.sides, s.balance_level) for s in mine.steps] == [
        ("marching", 1, 60, Sides.BOTH, 0), ("single-leg-stance", 3, 60, Sides.EACH, 2)]
    assert next(r for r in window.home.routines if r.id == rid).name == "Morning balance"


def test_remove_step_keeps_at_least_one(editor) -> None:
    editor.new_routine()
    editor.remove_step()
    assert len(editor.working.steps) == 1
    assert "at least one step" in editor.error.text()


def test_rename_and_revert(editor) -> None:
    editor.new_routine()
    editor.ask_name = lambda current: "Calf care"
    assert editor.rename()
    assert editor.working.name == "Calf care" and editor.dirty()
    editor.revert()
    assert editor.working.name == "My routine" and not editor.dirty()


def test_delete_asks_first_and_moves_the_file_aside(editor, window, tmp_path) -> None:
    editor.new_routine()
    rid = editor.working.id
    editor.confirm_delete = lambda r: False
    assert not editor.delete()
    assert (tmp_path / "routines" / f"{rid}.toml").exists()
    editor.confirm_delete = lambda r: True
    assert editor.delete()
    assert not (tmp_path / "routines" / f"{rid}.toml").exists()
    assert editor.last_deleted.exists() and editor.last_deleted.parent.name == "deleted"
    assert rid not in [r.id for r in window.home.routines]


def test_import_and_export_through_the_window(editor, tmp_path) -> None:
    row = next(i for i in range(editor.list.count()) if "Calf strength" in editor.list.item(i).text())
    editor.list.setCurrentRow(row)  # calf strength, built-in
    editor.ask_save_path = lambda suggested: str(tmp_path / suggested)
    assert editor.export_file()
    exported = tmp_path / "calf-strength.toml"
    assert "[[steps.levels]]" in exported.read_text()
    # each says what it did (twentieth re-test: a good import said nothing)
    assert not editor.done_note.isHidden() and editor.error.isHidden()
    assert editor.done_note.text() == f"Exported “Calf strength, two legs to one” to {exported}."
    editor.ask_open_path = lambda: str(exported)
    assert editor.import_file()  # a built-in id gets a new one
    # its name told apart, as a copy's is (twenty-eighth re-test: two rows of one name)
    assert editor.done_note.text() == ("Imported “Calf strength, two legs to one” from calf-strength.toml as "
                                       "“Calf strength, two legs to one (my copy)”, a routine of your own "
                                       "beside the built-in one.")
    assert not editor.done_note.isHidden()
    assert editor.working.id.startswith("calf-strength-two-legs-to-one")
    assert editor.working.name == "Calf strength, two legs to one (my copy)"
    assert editor.working.level_count == 5  # levels came along
    assert editor.import_file()  # again: a second copy, named apart from the first
    assert editor.working.name == "Calf strength, two legs to one (my copy 2)"
    names = [r.name for r in editor.all_routines()]
    assert len(names) == len(set(names))


def test_an_invalid_file_is_refused_with_the_field_and_nothing_changes(editor, tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "marching"\nduration_seconds = 1\n')
    before = list((tmp_path / "routines").glob("*.toml")) if (tmp_path / "routines").exists() else []
    editor.ask_open_path = lambda: str(bad)
    assert not editor.import_file()
    assert "step 1, duration_seconds: 1 is out of range" in editor.error.text()
    after = list((tmp_path / "routines").glob("*.toml")) if (tmp_path / "routines").exists() else []
    assert before == after


def test_a_broken_file_in_the_routines_folder_is_reported_and_left_alone(make_window, tmp_path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    broken = folder / "mine.toml"
    broken.write_text("this is not toml = = =")
    win = make_window(routine_store=RoutineStore(folder, exercise_library()), startup=True)
    assert any("could not be used" in m and "cannot be read" in m for m in win.notice.messages())
    assert broken.read_text() == "this is not toml = = ="


def test_the_editor_takes_its_limits_from_the_routine_format(editor, tmp_path) -> None:
    from ankle_trainer.core.routines import MAX_NAME, field_range
    from ankle_trainer.storage.routine_store import read_routine_file

    for spin, field in ((editor.sets, "sets"), (editor.reps, "reps"), (editor.rest_after, "rest_after"),
                        (editor.per_day, "sessions_per_day")):
        assert (spin.minimum(), spin.maximum()) == field_range(field), field
    assert editor.rest_between.maximum() == field_range("rest_between_sets")[1]
    assert editor.load.maximum() == field_range("load_kg")[1]
    assert editor.name.maxLength() == MAX_NAME
    assert editor.new_routine()
    editor.kind.setCurrentIndex(2)  # one block of time: up to an hour
    assert editor.seconds.maximum() == field_range("duration_seconds")[1] == 3600
    editor.seconds.setValue(900)
    editor.kind.setCurrentIndex(1)  # a timed hold: the file format allows at most 600 s
    assert editor.seconds.maximum() == field_range("hold_seconds")[1] == 600
    assert editor.working.steps[0].seconds == 600
    editor.save_button.click()
    saved = read_routine_file(tmp_path / "routines" / f"{editor.working.id}.toml", editor.library)
    assert saved.steps[0].seconds == 600  # what the editor saves, the format reads back


def _off_boxes_with_a_number(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Number boxes switched off on their own that still show a number."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractSpinBox

    return [f"{box.accessibleName()}: {box.text()!r}" for box in root.findChildren(QAbstractSpinBox)
            if box.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) and any(c.isdigit() for c in box.text())]


def test_a_field_that_does_not_apply_to_the_step_shows_a_dash(editor) -> None:
    """Every kind of dose in turn: the boxes greyed out because they do not
    apply (the seconds of a step in reps, the reps of a hold) show a dash and
    no unit, never a made-up "30 s"; switched on again, the value and unit."""
    from ankle_trainer.core.model import DoseKind

    assert editor.new_routine()
    seen_off = 0
    for index in range(editor.kind.count()):
        editor.kind.setCurrentIndex(index)
        kind = editor.working.steps[0].kind
        assert _off_boxes_with_a_number(editor) == [], kind
        seen_off += sum(not b.isEnabled() for b in (editor.sets, editor.reps, editor.seconds, *editor.tempo))
        if kind is DoseKind.REPS:
            assert editor.seconds.text() == "–" and not editor.seconds.isEnabled()
        else:
            assert editor.seconds.isEnabled() and editor.seconds.text().endswith(" s")
            assert editor.seconds.text()[0].isdigit()
    assert seen_off >= 4


def test_the_suggested_frequency_reads_as_words(editor) -> None:
    """"Suggested: Not set a week" read oddly (re-test): the unit is in each box,
    and a routine without a weekly number says so in words."""
    editor.per_week.setValue(0)
    assert editor.per_week.text() == "no weekly number"
    editor.per_week.setValue(3)
    editor.per_day.setValue(2)
    assert (editor.per_week.text(), editor.per_day.text()) == ("3 a week", "2 a day")


def test_a_new_step_and_a_changed_exercise_take_the_exercises_own_pace(editor) -> None:
    """Seventeenth re-test: a new leg-press step paced 1 s up, 2 s down under a
    cue saying 3 s out, 3 s back."""
    from ankle_trainer.core.model import Tempo

    assert editor.new_routine()
    editor.add_exercise.setCurrentIndex(editor.add_exercise.findData("hsr-leg-press-calf-raise"))
    editor.add_step()
    assert editor.working.steps[-1].tempo == Tempo(3, 0, 3)
    assert [box.value() for box in editor.tempo] == [3, 0, 3]
    editor.exercise.setCurrentIndex(editor.exercise.findData("calf-raise-straight"))
    assert editor.working.steps[-1].tempo == Tempo(1, 0, 2)  # the pace was the exercise's: it follows
    editor.tempo[0].setValue(2)  # a pace set by hand
    editor.exercise.setCurrentIndex(editor.exercise.findData("hsr-seated-calf-raise"))
    assert editor.working.steps[-1].tempo == Tempo(2, 0, 2)  # stays


def test_a_new_step_and_a_changed_exercise_take_the_exercises_usual_sides_and_band(editor) -> None:
    """Twenty-first re-test: a new "Band: foot in" step was both legs together
    with no band, so its session never switched sides and its report showed
    no band."""
    assert editor.new_routine()
    editor.add_exercise.setCurrentIndex(editor.add_exercise.findData("band-foot-in"))
    editor.add_step()
    step = editor.working.steps[-1]
    assert (step.sides, step.band) == (Sides.EACH, "yellow")
    assert (editor.sides.currentData(), editor.band.currentText()) == (Sides.EACH, "yellow")
    editor.exercise.setCurrentIndex(editor.exercise.findData("marching"))
    step = editor.working.steps[-1]
    assert (step.sides, step.band) == (Sides.BOTH, "")  # both were the exercise's: they follow
    assert editor.band.currentText() == "No band"
    editor.sides.setCurrentIndex(editor.sides.findData(Sides.EACH))  # set by hand
    editor.band.setCurrentText("red")
    editor.exercise.setCurrentIndex(editor.exercise.findData("calf-raise-straight"))
    step = editor.working.steps[-1]
    assert (step.exercise.id, step.sides, step.band) == ("calf-raise-straight", Sides.EACH, "red")  # they stay


def test_the_tempo_boxes_use_the_words_of_the_steps_exercise(editor) -> None:
    """Eighteenth re-test: up / hold / down beside the leg press's boxes, whose
    tempo bar says Out / Back."""
    assert editor.new_routine()
    editor.add_exercise.setCurrentIndex(editor.add_exercise.findData("hsr-leg-press-calf-raise"))
    editor.add_step()
    assert [label.text() for label in editor.tempo_words] == ["out", "hold", "back"]
    assert [box.accessibleName() for box in editor.tempo] == ["Seconds out", "Seconds hold", "Seconds back"]
    editor.exercise.setCurrentIndex(editor.exercise.findData("calf-raise-straight"))
    assert [label.text() for label in editor.tempo_words] == ["up", "hold", "down"]


def test_duplicate_after_discard_copies_the_routine_as_saved(editor, tmp_path) -> None:
    """Eighteenth re-test: a rename discarded at Duplicate's question still
    named the copy, "Renamed (my copy)"."""
    from ankle_trainer.core.routines import parse_routine

    assert editor.new_routine()
    saved = editor.working
    editor.ask_name = lambda current: "Renamed"
    assert editor.rename() and editor.dirty()
    answers = []
    editor.ask_unsaved = lambda r: answers.append(r.name) or "discard"
    assert editor.duplicate()
    assert answers == ["Renamed"]  # asked once, about the changes
    assert editor.working.name == f"{saved.name} (my copy)" and not editor.dirty()
    files = {p.name: parse_routine(p.read_bytes(), exercise_library()).name
             for p in (tmp_path / "routines").glob("*.toml")}
    assert files == {f"{saved.id}.toml": saved.name, f"{editor.working.id}.toml": f"{saved.name} (my copy)"}
    editor.ask_unsaved = lambda r: "cancel"
    editor.ask_name = lambda current: "Renamed again"
    assert editor.rename()
    assert not editor.duplicate()  # Cancel: no copy, the change kept
    assert editor.working.name == "Renamed again"


def test_duplicate_after_save_copies_the_saved_changes(editor) -> None:
    assert editor.new_routine()
    editor.ask_name = lambda current: "Renamed"
    assert editor.rename()
    editor.ask_unsaved = lambda r: "save"
    assert editor.duplicate()
    assert editor.working.name == "Renamed (my copy)"


def test_a_copy_of_a_copy_is_numbered_not_named_twice() -> None:
    """Twentieth re-test: "… (my copy) (my copy)"."""
    from ankle_trainer.core.routines import MAX_NAME, copy_name

    assert copy_name("Heel drops", set()) == "Heel drops (my copy)"
    assert copy_name("Heel drops (my copy)", {"Heel drops (my copy)"}) == "Heel drops (my copy 2)"
    assert copy_name("Heel drops (my copy 2)", {"Heel drops (my copy)", "Heel drops (my copy 2)"}) \
        == "Heel drops (my copy 3)"
    long = "x" * MAX_NAME
    assert copy_name(long, set()) == "x" * (MAX_NAME - 10) + " (my copy)"


def test_your_routines_are_listed_by_name_each_copy_after_its_original(tmp_path) -> None:
    """Twenty-first re-test: the editor listed "X (my copy 2)", "X (my copy)",
    "X", in the order of ids it never shows. Every list of your routines (the
    editor's, home's, the command line's) takes the store's order."""
    from ankle_trainer.core.routines import listing_key, parse_routine

    template = exercise_library()
    store = RoutineStore(tmp_path / "routines", template)
    base = parse_routine('format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "marching"\n'
                         'sets = 1\nreps = 5\n', template)
    names = {"a-copy-2": "Tester (my copy 2)", "b": "Tester", "c": "apple", "aa": "Tester (my copy)",
             "zz": "Banana", "d": "Tester (my copy 10)", "e": "tester two"}
    for rid, name in names.items():
        store.save(base._replace(id=rid, name=name))
    mine, problems = store.load()
    assert problems == []
    assert [r.name for r in mine] == ["apple", "Banana", "Tester", "Tester (my copy)", "Tester (my copy 2)",
                                      "Tester (my copy 10)", "tester two"]
    assert listing_key("X (my copy)") < listing_key("X (my copy 2)") < listing_key("X (my copy 10)")


def test_duplicates_come_after_their_original_in_the_editor_list(editor) -> None:
    assert editor.new_routine()
    original = editor.working.name
    assert editor.duplicate()
    editor.list.setCurrentRow(len(editor.builtins))  # the original again
    assert editor.working.name == original
    assert editor.duplicate()
    rows = [editor.list.item(i).text() for i in range(len(editor.builtins), editor.list.count())]
    assert rows == [original, f"{original} (my copy)", f"{original} (my copy 2)"]
    assert editor.list.currentItem().text() == f"{original} (my copy 2)"  # the new copy is the one chosen


def test_duplicating_a_copy_in_the_editor_numbers_it(editor) -> None:
    editor.list.setCurrentRow(0)
    assert editor.duplicate()
    first = editor.working.name
    assert editor.duplicate()
    assert editor.working.name == first.replace("(my copy)", "(my copy 2)")


def test_new_and_duplicate_put_the_keyboard_on_the_new_routines_name(editor) -> None:
    """Twentieth re-test: after Duplicate the focus stayed in a tempo box."""
    assert editor.new_routine()
    editor.tempo[0].setFocus()
    assert editor.duplicate()
    assert editor.focusWidget() is editor.name and editor.name.selectedText() == editor.working.name
    editor.reps.setFocus()
    assert editor.new_routine()
    assert editor.focusWidget() is editor.name


def test_an_import_clashing_with_your_routine_names_it_and_no_leaves_no_old_line(editor, tmp_path) -> None:
    """Twenty-first re-test: the question named the id "my-routine" the window
    never shows, and after No the line still said an earlier file was imported."""
    assert editor.new_routine()
    editor.ask_name = lambda current: "Tester quick"
    assert editor.rename()
    editor.ask_unsaved = lambda r: "save"
    assert editor.save()
    editor.ask_save_path = lambda suggested: str(tmp_path / suggested)
    assert editor.export_file()
    asked = []
    editor.asker.confirm = lambda title, text: asked.append(text) or False
    editor.ask_open_path = lambda: str(tmp_path / f"{editor.working.id}.toml")
    assert not editor.import_file()
    assert "your routine “Tester quick”" in asked[0] and editor.working.id not in asked[0]
    assert editor.error.isHidden() and not editor.done_note.isHidden()
    assert editor.done_note.text() == (f"Nothing imported from {editor.working.id}.toml: your routine "
                                       "“Tester quick” is as it was.")


@pytest.mark.parametrize("action", ["import_file", "export_file"])
def test_a_file_action_ended_without_a_line_of_its_own_leaves_no_earlier_line(editor, tmp_path, action) -> None:
    """Twenty-second re-test: a broken file's "Not imported: …" stayed under
    the form through the next import's file chooser and question, and after
    it. Each file action starts with no line about an earlier one."""
    assert editor.new_routine()
    broken = tmp_path / "broken.toml"
    broken.write_text("garbage = [\n")
    editor.ask_open_path = lambda: str(broken)
    assert not editor.import_file()
    assert not editor.error.isHidden() and editor.error.text().startswith("Not imported from broken.toml: ")
    seen = []
    def chooser(*_args):  # type: ignore[no-untyped-def]
        seen.append((editor.error.isHidden(), editor.done_note.isHidden()))
        return ""  # cancelled
    editor.ask_open_path = chooser
    editor.ask_save_path = chooser
    assert not getattr(editor, action)()
    assert seen == [(True, True)]  # gone while the file chooser is open
    assert editor.error.isHidden() and editor.done_note.isHidden()


def test_undo_and_redo_buttons_are_greyed_while_there_is_nothing_to_undo_or_redo(window, editor) -> None:
    """Twenty-third re-test: the editor's Undo and Redo were enabled (and Tab
    stops doing nothing) on opening, on a read-only built-in routine. Every
    screen and dialog with an undo stack: its buttons follow it from the start."""
    from PySide6.QtGui import QUndoStack

    def buttons_follow(owner) -> list[str]:  # type: ignore[no-untyped-def]
        wrong = []
        for kind in ("undo", "redo"):
            button = getattr(owner, f"{kind}_button", None)
            if button is not None:
                can = owner.undo_stack.canUndo() if kind == "undo" else owner.undo_stack.canRedo()
                if button.isEnabled() != can:
                    wrong.append(f"{type(owner).__name__}.{kind}_button enabled={button.isEnabled()}, can={can}")
        return wrong

    editor.list.setCurrentRow(0)  # a built-in: read-only
    assert isinstance(editor.undo_stack, QUndoStack)
    assert buttons_follow(editor) == [] and not editor.undo_button.isEnabled()
    assert editor.new_routine()
    editor.sets.setValue(editor.sets.value() + 1)
    assert buttons_follow(editor) == [] and editor.undo_button.isEnabled()
    editor.undo()
    assert buttons_follow(editor) == [] and editor.redo_button.isEnabled()
    history = window.show_screen("history")
    assert buttons_follow(history) == [] and not history.undo_button.isEnabled()


@pytest.mark.parametrize("command", ["add_step", "remove_step", "move_up", "move_down", "export_file", "rename"])
def test_a_name_being_typed_is_taken_before_any_command(editor, tmp_path, qtbot, command) -> None:
    """Twenty-fifth re-test: Ctrl+A, "Tester quick", then Alt+A (Add step):
    the step came, the name went back to "My routine" and Ctrl+S saved that.
    Every command that changes or writes the routine takes the typing first."""
    assert editor.new_routine()
    editor.add_step()  # two steps, for remove and move
    editor.steps.setCurrentRow(1)
    original = editor.working.name
    editor.name.setFocus()
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Tester quick")  # typed, its typing not ended (no Tab, no Enter)
    assert editor.working.name != "Tester quick"
    editor.ask_save_path = lambda suggested: str(tmp_path / suggested)
    editor.ask_name = lambda current: current  # rename: the name it starts from, kept
    {"add_step": editor.add_step, "remove_step": editor.remove_step,
     "move_up": lambda: editor.move_step(-1), "move_down": lambda: editor.move_step(1),
     "export_file": editor.export_file, "rename": editor.rename}[command]()
    assert editor.working.name == "Tester quick" and editor.name.text() == "Tester quick"
    if command == "export_file":
        assert 'name = "Tester quick"' in next(tmp_path.glob("*.toml")).read_text()
    editor.undo()  # the command (if it changed the routine), then the name: each its own change
    if editor.name.text() == "Tester quick":
        editor.undo()
    assert editor.name.text() == original


def test_new_routines_are_numbered_like_copies(editor) -> None:
    """Twenty-fifth re-test: three routines named "My routine"; which was new
    could not be told."""
    from ankle_trainer.core.routines import new_name

    assert new_name(set()) == "My routine"
    assert new_name({"My routine"}) == "My routine 2"
    assert new_name({"My routine", "My routine 2"}) == "My routine 3"
    names = []
    for _ in range(3):
        assert editor.new_routine()
        names.append(editor.working.name)
    assert names == ["My routine", "My routine 2", "My routine 3"]
    rows = [editor.list.item(i).text() for i in range(len(editor.builtins), editor.list.count())]
    assert rows == names and editor.list.currentItem().text() == "My routine 3"  # the new one last, chosen


def test_moving_a_step_keeps_the_keyboard_in_the_box_typed_into(editor, qtbot) -> None:
    """Twenty-sixth re-test: Reps typed, then Alt+U (Move up): the keyboard
    jumped to "Sides", where the next arrow key would change the step. The
    form is drawn on the moved step at once. Move up and down at the ends say
    why nothing moved (greyed, their Alt letters went into the name being
    typed: twenty-seventh re-test)."""
    editor.show()
    assert editor.new_routine()  # one step: a timed march
    editor.add_exercise.setCurrentIndex(editor.add_exercise.findData("heel-drop-floor"))
    editor.add_step()  # a step with reps, shown
    assert editor.current_step()[1].exercise.id == "heel-drop-floor" and editor.reps.isEnabled()
    editor.reps.setFocus()
    editor.reps.lineEdit().selectAll()
    qtbot.keyClicks(editor.reps, "8")
    editor.move_step(-1)
    assert editor.focusWidget() is editor.reps and editor.reps.value() == 8
    assert editor.current_step() == (0, editor.working.steps[0]) and editor.working.steps[0].reps == 8
    editor.move_step(-1)  # already the first: said, nothing moved
    assert editor.done_note.text() == "Heel drop on the floor is already the first step."
    assert editor.working.steps[0].exercise.id == "heel-drop-floor" and editor.focusWidget() is editor.reps
    editor.move_step(1)
    editor.move_step(1)
    assert editor.done_note.text() == "Heel drop on the floor is already the last step."
    editor.move_step(-1)  # back to the first, for the undo below
    editor.undo()  # the move undone: the step shown where it was
    assert editor.current_step()[0] == 1 and editor.working.steps[1].exercise.id == "heel-drop-floor"
    editor.reps.setFocus()
    editor.undo()  # the 8 undone, on the same step: the keyboard stays
    assert editor.focusWidget() is editor.reps


def test_an_alt_letter_never_types_into_the_editors_text_fields(editor, qtbot) -> None:
    """Twenty-seventh re-test: Alt+W with Move down greyed typed "w" into the
    name ("Tester calf XYw"), and Ctrl+S saved it; Alt+U did the same in the
    description. An Alt letter is a command's key, or nothing."""
    from PySide6.QtCore import Qt

    assert editor.new_routine()
    for field, text in ((editor.name, lambda: editor.name.text()),
                        (editor.description, lambda: editor.description.toPlainText())):
        field.setFocus()
        before = text()
        for letter in (Qt.Key.Key_Q, Qt.Key.Key_J):  # letters no command of the editor has
            qtbot.keyClick(field, letter, Qt.KeyboardModifier.AltModifier)
        assert text() == before, field.accessibleName()
        qtbot.keyClicks(field, "ok")  # typing itself still types
        assert text().endswith("ok")


@pytest.mark.parametrize("text", [
    "garbage = [\n",  # not TOML
    'format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "no-such"\nsets = 2\nreps = 5\n',
    'format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "marching"\nsets = -2\nreps = 5\n',
    "",  # empty
])
def test_a_refused_import_names_the_file_as_the_other_lines_do(editor, tmp_path, text) -> None:
    """Twenty-seventh re-test: a refused file was named by its full path
    ("Not imported: /home/…/x.toml: …") while every other line of the editor
    names the file alone. The line names the file, says why, ends a sentence."""
    folder = tmp_path / "far" / "away"
    folder.mkdir(parents=True)
    bad = folder / "bad file.toml"
    bad.write_text(text)
    editor.ask_open_path = lambda: str(bad)
    before = [r.id for r in editor.mine]
    assert not editor.import_file()
    said = editor.error.text()
    assert said.startswith("Not imported from bad file.toml: ") and said.endswith("."), said
    assert str(folder) not in said and "far" not in said
    assert [r.id for r in editor.mine] == before  # nothing came in, nothing went


@pytest.mark.parametrize("answer", ["cancel", "save", "discard"])
def test_import_settles_unsaved_changes_first_and_cancel_keeps_them(editor, tmp_path, answer) -> None:
    """Twenty-ninth re-test: with a rename unsaved, Import brought the file in
    first and then asked "Save changes?"; Cancel then lost the rename. Import
    asks first, before the file chooser: Cancel keeps the changes and imports
    nothing, Save saves them, Discard drops them; then the file comes in."""
    from ankle_trainer.core.library import find_routine
    from ankle_trainer.core.routines import routine_to_toml

    source = tmp_path / "physio.toml"
    source.write_text(routine_to_toml(find_routine("band-work")._replace(id="physio", name="Physio plan",
                                                                          builtin=False)))
    assert editor.new_routine()
    saved = editor.working
    editor.ask_name = lambda current: "Renamed"
    assert editor.rename() and editor.dirty()
    chosen = []
    editor.ask_open_path = lambda: chosen.append(True) or str(source)
    editor.ask_unsaved = lambda r: answer
    imported = editor.import_file()
    names = {r.name for r in editor.store.load()[0]}
    if answer == "cancel":
        assert not imported and chosen == []  # no file chooser, nothing imported
        assert editor.working.name == "Renamed" and editor.dirty()  # the change kept
        assert "Physio plan" not in names
    else:
        assert imported and chosen == [True] and "Physio plan" in names
        assert ("Renamed" in names) == (answer == "save") and (saved.name in names) == (answer == "discard")


def test_moving_past_an_identical_step_goes_there_and_old_lines_go(editor) -> None:
    """Twenty-ninth re-test: Move up past a step just like it did nothing and
    said nothing, and "… is already the first step." stayed under the form
    after later moves and a delete."""
    assert editor.new_routine()  # step 1: march
    editor.add_exercise.setCurrentIndex(editor.add_exercise.findData("ankle-circles-ccw"))
    editor.add_step()
    editor.add_step()  # steps 2 and 3 alike
    assert editor.working.steps[1] == editor.working.steps[2] and editor.current_step()[0] == 2
    editor.move_step(-1)
    assert editor.current_step()[0] == 1  # the step went up a place, as far as anyone can see
    editor.steps.setCurrentRow(0)
    editor.move_step(-1)
    assert editor.done_note.text() == "March on the spot is already the first step." and editor.done_note.isVisibleTo(editor)
    editor.move_step(1)
    assert not editor.done_note.isVisibleTo(editor)  # it moved: the line went
    editor.move_step(-1)
    editor.move_step(-1)
    editor.remove_step()
    assert not editor.done_note.isVisibleTo(editor)


def test_a_refused_exports_line_goes_at_the_next_step_command(editor, tmp_path) -> None:
    """Thirtieth re-test: "Not written: a routine file's name ends in .toml…"
    stayed under the form after a step was added."""
    assert editor.new_routine()
    editor.ask_save_path = lambda suggested: str(tmp_path / "r.txt")
    assert not editor.export_file()
    assert editor.error.isVisibleTo(editor) and editor.error.text().startswith("Not written:")
    editor.add_step()
    assert not editor.error.isVisibleTo(editor)


def test_editor_export_refuses_another_ending(editor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    row = next(i for i in range(editor.list.count()) if "Calf strength" in editor.list.item(i).text())
    editor.list.setCurrentRow(row)
    target = tmp_path / "calf.txt"
    target.write_text("kept")
    editor.ask_save_path = lambda suggested: str(target)
    assert not editor.export_file()
    assert editor.error.text() == "Not written: a routine file's name ends in .toml (for example calf.toml)."
    assert target.read_text() == "kept" and not (tmp_path / "calf.toml").exists()


def test_a_routine_cannot_take_another_routines_name(editor) -> None:
    """Thirty-first re-test: a routine renamed "Ankle mobility" was saved, and
    home, History and the report showed two routines of that name. Rename and
    Save refuse a name another routine has (any case), saying whose it is."""
    assert editor.new_routine()
    before = editor.working.name
    editor.ask_name = lambda current: "ankle MOBILITY"
    assert not editor.rename()
    assert editor.error.text() == ("Not renamed: a built-in routine is called “Ankle mobility”; give this one "
                                   "a name of its own.")
    assert editor.working.name == before
    assert editor.new_routine()  # "My routine 2"
    editor.name.setFocus()
    editor.name.selectAll()
    editor.name.insert(before)  # typed: the first one's name
    assert not editor.save()
    assert editor.error.text().startswith("Not saved: another of your routines is called")
    assert editor.focusWidget() is editor.name
    names = [r.name for r in editor.store.load()[0]]
    assert len(names) == len(set(names))
