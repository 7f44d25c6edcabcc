"""Focus mode (full screen for a session) and the window's size and place.

Focus mode hides the menu bar, so every shortcut is also an action of the
window itself (see menus.py): F11, Ctrl+Q and F1 keep working in it. The
geometry saved at quitting is always the normal one, so the next start never
opens full screen, and a saved or default size never exceeds the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from .window import MainWindow

DEFAULT_SIZE = QSize(1024, 720)


def place_window(window: MainWindow, saved: str) -> None:
    """Size ``window`` from the ``saved`` geometry (base64, may be "") or the
    default, never full screen, never larger than the available screen."""
    window.resize(DEFAULT_SIZE)
    if saved:
        from PySide6.QtCore import QByteArray  # only with a saved geometry: its 2 enum types

        window.restoreGeometry(QByteArray.fromBase64(saved.encode()))
        if window.isFullScreen():  # Qt's namespace only then: see ui/widgets.set_enum_property
            from PySide6.QtCore import Qt

            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowFullScreen)
    fit_to_screen(window)


def show_on_screen(widget: QWidget) -> None:
    """Make a top-level ``widget`` (the window, a dialog) fit the screen (see
    :func:`fit_to_screen`) and draw the keyboard focus from the start
    (see :func:`show_focus_frames`)."""
    show_focus_frames(widget)
    fit_to_screen(widget)
    if widget.isVisible():
        order_button_boxes(widget)
    from PySide6.QtWidgets import QDialog

    if isinstance(widget, QDialog):  # Enter presses its main button, nothing else
        from .keys import one_default_button

        one_default_button(widget)
        _GrowToFit.watch(widget)


class _GrowToFit(QObject):
    """Makes a dialog taller when its content needs more than its height at the
    least (a message line shown under the form): a top-level window keeps its
    size when its layout grows, so Qt squeezed the rows above the line instead
    (the export dialog's boxes at half their height). It grows up to the
    screen's room (see :func:`fit_to_screen`) and never shrinks by itself."""

    @classmethod
    def watch(cls, dialog: QWidget) -> None:
        """Watch ``dialog`` (once; later calls do nothing)."""
        if not any(isinstance(c, cls) for c in dialog.children()):
            dialog.installEventFilter(cls(dialog))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.parent() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self, self._grow)  # once the layout has its new size
        return False

    def _grow(self) -> None:
        dialog = self.parent()
        layout = dialog.layout() if isinstance(dialog, QWidget) else None
        if layout is None or not dialog.isVisible():
            return
        width = dialog.width()
        need = (layout.totalMinimumHeightForWidth(width) if layout.hasHeightForWidth()
                else layout.totalMinimumSize().height())  # the least it needs: a size the runner chose stays
        if need > dialog.height():
            dialog.resize(width, need)
            fit_to_screen(dialog)


def order_button_boxes(widget: QWidget) -> None:
    """Tab through each button row of a dialog in the order its buttons stand:
    a button row places them by the platform's rules (Close at the right, say),
    but Tab follows the order they were added."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ..widgets import ring_room

    for box in widget.findChildren(QDialogButtonBox):
        if (layout := box.layout()) is not None:
            ring_room(layout)  # the buttons' focus rings are drawn round them, inside the row
            layout.activate()
        buttons = sorted((b for b in box.buttons() if b.isVisibleTo(widget)), key=lambda b: (b.y(), b.x()))
        for first, second in zip(buttons, buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)


def show_focus_frames(widget: QWidget) -> None:
    """Draw the keyboard focus from now on, in ``widget``'s window and every
    other window of the app, for as long as ``widget``'s window lives.

    Qt's styles draw a focus frame only in a window whose last focus change
    came from the Tab key (``WA_KeyboardFocusChange``): a page setting its
    first control's focus, a dialog opening or the window being activated
    again all switch the frame off, so the control the keys act on looks
    unfocused and the runner's first Tab seems to land on the second control.
    A keyboard-first app always shows where the keys go, so every focus change
    switches the frame back on. The main window calls this right after its
    first paint: Qt's namespace enums are not used before it (see
    ui/widgets.set_enum_property)."""
    from PySide6.QtWidgets import QApplication

    top = widget.window()
    _frame_on(top)
    app = QApplication.instance()
    if isinstance(app, QApplication) and top.findChild(_FocusShown) is None:
        shown = _FocusShown(top)
        app.focusChanged.connect(shown.show)
        if (focused := top.focusWidget()) is not None:  # it had the keys before: ring it now
            shown.show(None, focused)
    if isinstance(app, QApplication):
        from .keys import install_key_rules

        install_key_rules(app)  # Enter presses the focused button, on pages too


def _frame_on(window: QWidget) -> None:
    from PySide6.QtCore import Qt

    if not window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
        focused = window.focusWidget()
        if focused is not None:
            focused.update()  # its frame drawn now, not at its next repaint


class _FocusShown(QObject):
    """Switches the focus frame back on after each focus change (see
    :func:`show_focus_frames`) and rings the focused control of its window
    with Qt's :class:`QFocusFrame`: a 2-pixel ring in the text colour around
    whatever has the keys. The styles' own marks are faint or missing (a 1-pixel
    line on a button, nothing on a list, a table or a text area). Its
    connection ends with the window it is in."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._ring: QWidget | None = None

    def _set_ring(self, target: QWidget | None) -> None:
        """Ring ``target`` (None: no ring). The ring lives in the ringed control's
        parent, so it goes when that goes (a banner closed): a new one is made."""
        from PySide6.QtWidgets import QFocusFrame

        if self._ring is None:
            if target is None:
                return
            self._ring = QFocusFrame(self.parent())  # type: ignore[arg-type]
            self._ring.setObjectName("focusRing")
            self._ring.destroyed.connect(self._ring_gone)
        self._ring.setWidget(target)  # type: ignore[attr-defined]

    def _ring_gone(self) -> None:
        self._ring = None

    def show(self, old: QWidget | None, now: QWidget | None) -> None:
        """The application's focus moved from ``old`` to ``now``. Either may be
        a control being destroyed (a file chooser's name box, as the chooser
        closes): it is left alone."""
        from shiboken6 import isValid

        def alive(widget: QWidget | None) -> QWidget | None:
            return widget if widget is not None and isValid(widget) else None

        try:
            if (now := alive(now)) is not None:
                _frame_on(now.window())
                scroll_into_view(now)
            if (now := alive(now)) is not None and now.window() is self.parent():
                self._set_ring(_ring_target(now))
            elif (old := alive(old)) is not None and old.window() is self.parent():
                self._set_ring(None)  # the focus left the window's controls
        except RuntimeError as exc:  # destroyed while this ran (its dialog closing)
            if "already deleted" not in str(exc):
                raise


def _ring_target(widget: QWidget) -> QWidget | None:
    """What the focus ring goes around for a focused ``widget``: the widget, or
    the container it fills (the ring is drawn outside, in the parent, so it
    would not show); None for the menu bar and a whole page (the session
    screen takes the keys itself)."""
    from PySide6.QtWidgets import QMenuBar

    from .stack import ScreenStack

    if isinstance(widget, QMenuBar):
        return None
    target = widget
    while (parent := target.parentWidget()) is not None and not parent.isWindow():
        if isinstance(parent, ScreenStack):
            return None
        if target.geometry() != parent.rect():
            break
        target = parent
    return target


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so that it shows, as Tab does:
    a page that puts the focus on a control (a check shown again, scrolled as it
    was left) never leaves it out of sight, nor its focus ring (drawn
    :data:`~ankle_trainer.ui.widgets.RING_ROOM` pixels round it) cut at an edge
    of the view. A control larger than the view moves only when none of it
    shows (a click into a long text does not jump). A control with a
    ``shown_with`` attribute (widgets) brings those into view with it."""
    from PySide6.QtWidgets import QScrollArea
    from shiboken6 import isValid

    from ..widgets import RING_ROOM

    if not isValid(widget):
        return  # destroyed meanwhile (a dialog closed)
    parent = widget.parentWidget()
    while parent is not None and isValid(parent) and not parent.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and parent is area.viewport() and area.widget() is not None:
            _KeepFocusInView.watch(area.widget())
            view = area.viewport().rect()
            place = widget.rect().translated(widget.mapTo(area.viewport(), widget.rect().topLeft()))
            ringed = place.adjusted(-RING_ROOM, -RING_ROOM, RING_ROOM, RING_ROOM)
            fits = ringed.width() <= view.width() and ringed.height() <= view.height()
            if fits and not view.contains(ringed):
                # the whole control and its ring: Qt's ensureWidgetVisible() shows only
                # the cursor of a text or number box (the box cut at the bottom), and
                # Tab scrolled a box just to the view's edge, its ring's lower line cut
                centre = widget.mapTo(area.widget(), widget.rect().center())
                area.ensureVisible(centre.x(), centre.y(), min(widget.width() // 2 + 8, view.width() // 2),
                                   min(widget.height() // 2 + 8, view.height() // 2))
            elif not view.intersects(place):
                area.ensureWidgetVisible(widget, 8, 8)
            for companion in getattr(widget, "shown_with", ()):
                _show_with(area, widget, companion)
        parent = parent.parentWidget()


def _show_with(area: QWidget, widget: QWidget, companion: QWidget) -> None:
    """Scroll ``area`` (a QScrollArea around both) so that ``companion`` shows
    whole with ``widget``: a chart's read-out line, which the arrows on the
    chart change (it was below the view at 800 x 600: fourteenth re-test).
    Both whole where the view holds them, else the companion whole and as much
    of the widget as fits above it."""
    from shiboken6 import isValid

    content = area.widget()  # type: ignore[attr-defined]
    if not isValid(companion) or not companion.isVisibleTo(content) or not content.isAncestorOf(companion):
        return
    top_left = widget.mapTo(content, widget.rect().topLeft())
    first = widget.rect().translated(top_left)
    second = companion.rect().translated(companion.mapTo(content, companion.rect().topLeft()))
    both = first.united(second)
    view = area.viewport().rect()  # type: ignore[attr-defined]
    if both.height() <= view.height():
        centre = both.center()
        area.ensureVisible(centre.x(), centre.y(), min(both.width() // 2, view.width() // 2),  # type: ignore[attr-defined]
                           both.height() // 2 + 4)
    else:
        area.ensureWidgetVisible(companion, 8, 8)  # type: ignore[attr-defined]


class _KeepFocusInView(QObject):
    """Watches what a scroll area scrolls: when its layout changes or it changes
    size (a note that appeared under a box just left, a message line, a row
    shown), the focused control inside it is scrolled into view again once the
    layout has settled. Tab scrolls to the next box before the note under the
    box it left pushes it down: without this, the focus ended below the view."""

    @classmethod
    def watch(cls, content: QWidget) -> None:
        """Watch ``content`` (once; later calls do nothing)."""
        from PySide6.QtCore import Qt

        if content.findChild(cls, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
            content.installEventFilter(cls(content))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self._check)  # once the layout has settled and the range is new
        return False

    def _check(self) -> None:
        from PySide6.QtWidgets import QApplication

        content = self.parent()
        focus = QApplication.focusWidget()
        if isinstance(content, QWidget) and focus is not None and content.isAncestorOf(focus):
            scroll_into_view(focus)


# Room kept at least for the window manager's frame: a few pixels each side, a
# title bar and a bottom edge.
FRAME_GUESS = QSize(16, 48)
FRAME_LEFT, FRAME_TOP = 8, 32  # of the guess: the left border, the title bar and top border


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a top-level ``widget`` (window or dialog) to the screen's available
    room, less the frame and title bar the window manager adds, then move it so
    its whole frame (title bar included) lies on the available screen: a dialog
    is centred on the window it belongs to first."""
    screen = QWidget.screen(widget)  # the main window's own screen() picks a page
    if screen is None:
        return
    area = screen.availableGeometry()
    frame, known = _frame_extra(widget)
    room = frame.expandedTo(FRAME_GUESS)  # never less than the guess when sizing
    room = QSize(max(320, area.width() - room.width()), max(240, area.height() - room.height()))
    if widget.width() > room.width() or widget.height() > room.height():
        widget.resize(widget.size().boundedTo(room))
    width, height = widget.width() + frame.width(), widget.height() + frame.height()
    parent = widget.parentWidget()
    if parent is not None and not known:  # a dialog not yet placed: centred on its window
        centre = parent.window().frameGeometry().center()
        x, y = centre.x() - width // 2, centre.y() - height // 2
    elif known:
        x, y = widget.frameGeometry().x(), widget.frameGeometry().y()
    else:  # where the frame will be, around the window itself (its own position
        # taken for the frame's moved the window right and down at every start)
        x, y = widget.x() - FRAME_LEFT, widget.y() - FRAME_TOP
    x = max(area.left(), min(x, area.left() + area.width() - width))
    y = max(area.top(), min(y, area.top() + area.height() - height))
    if known:
        if (x, y) != (widget.frameGeometry().x(), widget.frameGeometry().y()):
            widget.move(x, y)  # a framed window's position is its frame's top-left corner
    else:
        # Frame not known yet (just shown, not framed): place the window itself,
        # leaving the guessed border and title bar above and left of it; a
        # frame-relative move() here let the window manager put the window's
        # own top edge at the top of the screen, its title bar above it.
        widget.setGeometry(x + FRAME_LEFT, y + FRAME_TOP, widget.width(), widget.height())


def _frame_extra(widget: QWidget) -> tuple[QSize, bool]:
    """What the frame adds to the widget's size, and whether the window manager
    has said so (else the guess: a frame is often unknown until the window is mapped)."""
    extra = widget.frameGeometry().size() - widget.geometry().size()
    known = extra.width() > 0 or extra.height() > 0
    return (extra if known else FRAME_GUESS), known


def toggle_focus_mode(window: MainWindow) -> None:
    """Full screen with large digits, menus and status bar hidden (F11; F11 or Esc leaves)."""
    on = not window.isFullScreen()
    window.showFullScreen() if on else window.showNormal()
    window.menuBar().setVisible(not on)
    window.statusBar().setVisible(not on)
    window.flow.session_screen.set_focus_mode(on)
    layout = window.centralWidget().layout()  # no light frame around the black screen
    if on:
        window.setProperty("normalMargins", layout.contentsMargins())
        layout.setContentsMargins(0, 0, 0, 0)
    elif window.property("normalMargins") is not None:
        layout.setContentsMargins(window.property("normalMargins"))
    action = window.actions_by_key.get("focus")
    if action is not None:
        action.setChecked(on)


def geometry_to_save(window: MainWindow) -> str:
    """The window's normal geometry as base64 (focus mode is left first)."""
    if window.isFullScreen():
        toggle_focus_mode(window)
    return bytes(window.saveGeometry().toBase64().data()).decode()
