"""The settings dialog. Every change applies at once; Cancel puts back what
was there when the dialog opened; OK keeps the changes and saves them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...storage.settings import THEMES, WEEK_STARTS, WEEKLY_TARGET_MOST, Settings
from ..fields import NotedDoubleSpinBox, NotedSpinBox
from ..reflow import whole_combo
from ..widgets import compact_form, ring_room

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class SettingsDialog(QDialog):
    changed = Signal(object)  # Settings, on every edit (live preview)

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        tray_available: bool,
        parent: QWidget | None = None,
        sync: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.original = settings
        self.current = settings
        self.data_dir = data_dir
        self._loading = True

        # Sessions
        self.get_ready = self._spin(0, 60, " s", "Get-ready countdown")
        self.switch_side = self._spin(0, 30, " s", "Pause to switch sides")
        self.default_rest = self._spin(0, 600, " s", "Rest between sets when a routine gives none")
        self.pain_threshold = self._spin(1, 9, " / 10", "Pain threshold")
        self.default_rest.setToolTip(
            "Used between sets of any exercise whose routine does not set its own rest."
        )
        self.pain_threshold.setToolTip(
            "Pain during an exercise above this suggests stopping that exercise. "
            "Clinicians commonly treat up to 5 out of 10 as acceptable."
        )
        self.progress_after = self._spin(1, 10, " days", "Calm training days before suggesting a level up")
        self.progress_after.setToolTip(
            "How many training days in a row with little or no pain, settled by the next "
            "morning, before the app suggests moving up a level."
        )
        self.safe_zone = self._spin(0, 4, " / 10", "Highest pain during that still allows a load step")
        self.safe_zone.setToolTip(
            "Load goes up only when the exercise is pain-free or nearly: pain during at or "
            "below this. Clinicians commonly call 0 to 2 out of 10 the safe zone."
        )
        self.step_days = self._spin(1, 28, " days", "Shortest time between two load steps")
        self.step_days.setToolTip(
            "At most one load step in this many days; the usual advice is about one step "
            "(such as +5 kg) a week."
        )
        self.morning_back_off = self._spin(1, 5, " points", "Next-morning rise that suggests backing off")
        self.morning_back_off.setToolTip(
            "Pain or stiffness the next morning this many points above usual suggests going "
            "back a level. 2 points is a rule of thumb borrowed from studies of long-term "
            "pain, not a tested overnight signal: adjust it with your physiotherapist."
        )
        self.symmetry_flag = self._spin(50, 100, " %", "Heel-rise symmetry below which to flag")
        self.symmetry_flag.setToolTip(
            "The heel-rise test flags a weaker side doing less than this share of the "
            "stronger side; 90% is a common clinical choice, not a firm cut-off."
        )
        self.heel_rise_beat = NotedDoubleSpinBox(0.5, 2.0, " s", "Heel-rise test beat")
        self.heel_rise_beat.setSingleStep(0.25)
        self.heel_rise_beat.setToolTip("One movement (up or down) per beat in the heel-rise test.")
        session = QGroupBox("Sessions")
        form = compact_form()  # number boxes at their own width
        session.setLayout(form)
        self.get_ready.add_to(form, "&Get-ready countdown:")
        self.switch_side.add_to(form, "Pause to s&witch sides:")
        self.default_rest.add_to(form, "Default &rest between sets:")
        self.pain_threshold.add_to(form, "&Pain threshold:")
        self.progress_after.add_to(form, "Level up after:")
        self.safe_zone.add_to(form, "Load steps only with pain up to:")
        self.step_days.add_to(form, "At most one load step every:")
        self.morning_back_off.add_to(form, "Go back a level if morning pain rises:")
        self.heel_rise_beat.add_to(form, "Heel-rise test &beat:")
        self.symmetry_flag.add_to(form, "Flag heel-rise symmetry below:")

        # Sound and voice
        self.sound = QCheckBox("Play &sounds")
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setAccessibleName("Sound volume")
        self.voice = QCheckBox("Speak &cues aloud")
        self.voice_rate = QSlider(Qt.Orientation.Horizontal)
        self.voice_rate.setRange(-10, 10)
        self.voice_rate.setAccessibleName("Speaking rate")
        sound = QGroupBox("Sound and voice")
        form = compact_form()  # number boxes at their own width
        sound.setLayout(form)
        form.addRow(self.sound)
        form.addRow("&Volume:", self.volume)
        form.addRow(self.voice)
        form.addRow("Speaking r&ate:", self.voice_rate)

        # Progress and reminders
        self.weekly_target = self._spin(1, WEEKLY_TARGET_MOST, " sessions", "Weekly target")
        self.week_start = QComboBox()
        self.week_start.addItems([w.capitalize() for w in WEEK_STARTS])
        self.week_start.setAccessibleName("First day of the week")
        whole_combo(self.week_start)
        self.reminders = QCheckBox("Remind me to &train")
        self.day_boxes = [QCheckBox(name) for name in DAY_NAMES]
        days = QHBoxLayout()
        for box, full in zip(self.day_boxes, _FULL_DAYS, strict=True):
            box.setAccessibleName(f"Remind on {full}")
            days.addWidget(box)
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat("HH:mm")
        self.reminder_time.setAccessibleName("Reminder time")
        self.keep_in_tray = QCheckBox("Keep running in the tray when the window is closed")
        self.keep_in_tray.setEnabled(tray_available)
        self.tray_note = QLabel()  # a greyed box says why, in words on the page as well as its tooltip
        self.tray_note.setObjectName("fieldNote")
        self.tray_note.setWordWrap(True)
        if not tray_available:
            why = ("Not available: this desktop has no system tray, so the app closes with its "
                   "window and reminders show in the window while it is open.")
            self.keep_in_tray.setToolTip(why)
            self.tray_note.setText(why)
        self.tray_note.setVisible(not tray_available)
        self.autostart = QCheckBox("Start Ankle Trainer when I log in")
        progress = QGroupBox("Progress and reminders")
        form = compact_form()  # number boxes at their own width
        progress.setLayout(form)
        self.weekly_target.add_to(form, "Weekl&y target:")
        form.addRow("&First day of the week:", self.week_start)
        form.addRow(self.reminders)
        form.addRow("Days:", days)
        form.addRow("T&ime:", self.reminder_time)
        form.addRow(self.keep_in_tray)
        form.addRow(self.tray_note)
        form.addRow(self.autostart)

        # Appearance and data
        self.theme = QComboBox()
        self.theme.addItems(["Follow the system", "Light", "Dark"])
        self.theme.setAccessibleName("Theme")
        whole_combo(self.theme)
        # A read-only field, as the sync folder's: a long path scrolls in it
        # rather than wrapping (wrapped in a form row, Qt cut its lines off).
        folder = QLineEdit(str(data_dir))
        folder.setObjectName("dataFolder")
        folder.setReadOnly(True)
        folder.setAccessibleName("Your data folder")
        folder.setCursorPosition(0)
        folder.setToolTip(str(data_dir))
        # as wide as the path where the room allows (a compact form gave it a
        # few words' width: "/tmp/tester8-demod" in a wide dialog)
        folder.setMinimumWidth(min(440, folder.fontMetrics().horizontalAdvance(str(data_dir)) + 16))
        self.open_folder = QPushButton("&Open folder")
        self.open_folder.setAccessibleName("Open the data folder")
        self.open_folder.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder, 1)
        folder_row.addWidget(self.open_folder)
        look = QGroupBox("Appearance and data")
        form = compact_form()  # number boxes at their own width
        look.setLayout(form)
        form.addRow("T&heme:", self.theme)
        form.addRow("Your data:", folder_row)
        self.folder_note = QLabel()  # said when no file manager opened the folder
        self.folder_note.setWordWrap(True)
        self.folder_note.hide()
        form.addRow(self.folder_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        left = QVBoxLayout()
        left.addWidget(session)
        left.addWidget(sound)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(progress)
        right.addWidget(look)
        self.sync = sync  # Settings → Sync (ui/sync_settings.py), given by the window
        if sync is not None:
            box = QGroupBox("Sync between your computers")
            QVBoxLayout(box).addWidget(sync)
            if (inner := sync.layout()) is not None:
                ring_room(inner)  # the group box has its own margins; this is the rings' room
        right.addStretch(1)
        columns.addLayout(left)
        columns.addLayout(right)
        # Sync across the whole width, below the columns: its wrapped lines
        # (an explanation, a status that grows after a sync) get their full
        # height; nested side by side, Qt under-counted it and cut lines off.
        page = QVBoxLayout()
        page.addLayout(columns)
        if sync is not None:
            page.addWidget(box)
        # the page scrolls up and down on a small screen (the dialog is fitted to it
        # when opened), never sideways: narrower than both columns, they stack
        from PySide6.QtWidgets import QFrame

        from ..reflow import stack_below
        from ..widgets import FittingScrollArea

        inner = QWidget()
        inner.setLayout(page)
        wanted = columns.sizeHint()
        scroll = FittingScrollArea()  # grows its page when the sync status gets longer
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard starts on the first setting
        scroll.setWidget(inner)
        stack_below(scroll.viewport(), columns, wanted.width())
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        whole = inner.sizeHint()
        self.resize(whole.width() + 40, whole.height() + self.buttons.sizeHint().height() + 50)

        # the safe zone stays below the pain threshold, so the pair is always valid
        self.pain_threshold.valueChanged.connect(self._threshold_changed)
        self.safe_zone.why_limit = lambda: (
            f" (it must stay below the pain threshold, {self.pain_threshold.value()} / 10)"
            if self.safe_zone.maximum() < 4 else "")
        self._show(settings)
        self.first_control = self.get_ready  # where the keyboard starts (a focused field scrolls into view)
        self.get_ready.setFocus()
        for spin in (self.get_ready, self.switch_side, self.default_rest, self.pain_threshold,
                     self.weekly_target, self.progress_after, self.morning_back_off, self.heel_rise_beat,
                     self.safe_zone, self.step_days, self.symmetry_flag):
            spin.valueChanged.connect(self._edited)
        for box in (self.sound, self.voice, self.reminders, self.keep_in_tray, self.autostart, *self.day_boxes):
            box.toggled.connect(self._edited)
        for slider in (self.volume, self.voice_rate):
            slider.valueChanged.connect(self._edited)
        for combo in (self.week_start, self.theme):
            combo.currentIndexChanged.connect(self._edited)
        self.reminder_time.timeChanged.connect(self._edited)
        self._loading = False

    def _spin(self, low: int, high: int, suffix: str, name: str) -> NotedSpinBox:
        return NotedSpinBox(low, high, suffix, name)

    def _threshold_changed(self, threshold: int) -> None:
        """The safe zone stays below the pain threshold: when it has to come
        down, its note says so (never a silent change)."""
        before = self.safe_zone.value()
        self.safe_zone._saying = True
        self.safe_zone.setMaximum(min(4, threshold - 1))
        self.safe_zone._saying = False
        if not self._loading:
            self.safe_zone.adjusted(before, f"it must stay below the pain threshold ({threshold} / 10)")

    def _show(self, s: Settings) -> None:
        self.get_ready.setValue(s.get_ready_seconds)
        self.switch_side.setValue(s.switch_side_seconds)
        self.default_rest.setValue(s.default_rest_seconds)
        self.pain_threshold.setValue(s.pain_threshold)
        self.safe_zone.setMaximum(min(4, s.pain_threshold - 1))
        self.progress_after.setValue(s.progress_after_sessions)
        self.morning_back_off.setValue(s.morning_rise_back_off)
        self.safe_zone.setValue(s.safe_zone_max)
        self.step_days.setValue(s.days_between_load_steps)
        self.symmetry_flag.setValue(s.symmetry_flag_percent)
        self.heel_rise_beat.setValue(s.heel_rise_beat_seconds)
        self.sound.setChecked(s.sound_enabled)
        self.volume.setValue(s.sound_volume)
        self.voice.setChecked(s.voice_enabled)
        self.voice_rate.setValue(round(s.voice_rate * 10))
        self.weekly_target.setValue(s.weekly_target)
        self.week_start.setCurrentIndex(WEEK_STARTS.index(s.first_day_of_week))
        self.reminders.setChecked(s.reminder_enabled)
        for i, box in enumerate(self.day_boxes):
            box.setChecked(i in s.reminder_days)
        hours, minutes = (int(x) for x in s.reminder_time.split(":"))
        self.reminder_time.setTime(QTime(hours, minutes))
        self.keep_in_tray.setChecked(s.keep_in_tray)
        self.autostart.setChecked(s.autostart)
        self.theme.setCurrentIndex(THEMES.index(s.theme))
        self._enable_dependents()

    def _read(self) -> Settings:
        return self.current.with_changes(
            get_ready_seconds=self.get_ready.value(),
            switch_side_seconds=self.switch_side.value(),
            default_rest_seconds=self.default_rest.value(),
            pain_threshold=self.pain_threshold.value(),
            progress_after_sessions=self.progress_after.value(),
            morning_rise_back_off=self.morning_back_off.value(),
            safe_zone_max=self.safe_zone.value(),
            days_between_load_steps=self.step_days.value(),
            symmetry_flag_percent=self.symmetry_flag.value(),
            heel_rise_beat_seconds=self.heel_rise_beat.value(),
            sound_enabled=self.sound.isChecked(),
            sound_volume=self.volume.value(),
            voice_enabled=self.voice.isChecked(),
            voice_rate=self.voice_rate.value() / 10,
            weekly_target=self.weekly_target.value(),
            first_day_of_week=WEEK_STARTS[self.week_start.currentIndex()],
            reminder_enabled=self.reminders.isChecked(),
            reminder_days=tuple(i for i, b in enumerate(self.day_boxes) if b.isChecked()),
            reminder_time=self.reminder_time.time().toString("HH:mm"),
            keep_in_tray=self.keep_in_tray.isChecked(),
            autostart=self.autostart.isChecked(),
            theme=THEMES[self.theme.currentIndex()],
        )

    def _enable_dependents(self) -> None:
        self.volume.setEnabled(self.sound.isChecked())
        self.voice_rate.setEnabled(self.voice.isChecked())
        for widget in (*self.day_boxes, self.reminder_time):
            widget.setEnabled(self.reminders.isChecked())

    def _edited(self, *_: object) -> None:
        if self._loading:
            return
        self._enable_dependents()
        self.current = self._read()
        self.changed.emit(self.current)

    def keep(self, **changes: object) -> None:
        """Changes already saved elsewhere (the sync folder): OK keeps them and
        Cancel does not put them back."""
        self.original = self.original.with_changes(**changes)
        self.current = self.current.with_changes(**changes)

    def reject(self) -> None:
        if self.current != self.original:
            self.current = self.original
            self.changed.emit(self.original)
        super().reject()

    def open_data_folder(self) -> bool:
        """Open the data folder in the file manager; where none answers, say so
        here with the folder's place (thirty-first re-test: nothing happened,
        the failure went to the terminal only). True when one opened it."""
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
        self.folder_note.setText("" if opened else (
            f"No file manager opened the folder on this computer. Your data is in {self.data_dir} "
            "(the box above: select it and copy the path)."))
        self.folder_note.setVisible(not opened)
        return opened


_FULL_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
