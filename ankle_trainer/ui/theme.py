"""Light, dark or the system's scheme.

Qt 6.8+ can ask the platform for a colour scheme; where the platform theme
does not honour it (no desktop theme plugin, as on a bare X server or
offscreen), the palette is set here so the choice still takes effect.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

_SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base = {
        role.Window: "#202124",
        role.WindowText: "#e8eaed",
        role.Base: "#17181a",
        role.AlternateBase: "#2a2b2e",
        role.ToolTipBase: "#2a2b2e",
        role.ToolTipText: "#e8eaed",
        role.PlaceholderText: "#9aa0a6",
        role.Text: "#e8eaed",
        role.Button: "#2d2e31",
        role.ButtonText: "#e8eaed",
        role.BrightText: "#ffffff",
        role.Light: "#3c3d40",
        role.Midlight: "#333437",
        role.Mid: "#4a4b4f",
        role.Dark: "#111214",
        role.Shadow: "#000000",
        role.Highlight: "#3070d8",  # white on it 4.7:1, against the window 3.4:1 (a focus edge)
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.LinkVisited: "#c58af9",
    }
    for r, colour in base.items():
        p.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#7f8388"))
    return p


def effective_scheme(app: QApplication) -> str:
    """'dark' or 'light', from the palette actually in use."""
    window = app.palette().color(QPalette.ColorRole.Window)
    return "dark" if window.lightness() < 128 else "light"


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply 'system', 'light' or 'dark'; returns the scheme now in effect."""
    wanted = _SCHEMES[theme]
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(wanted)
    honoured = theme == "system" or hints.colorScheme() == wanted
    if honoured:
        app.setPalette(app.style().standardPalette())
    elif theme == "dark":
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())
    # A widget with a style sheet keeps the colours it was polished with (the
    # Learn page, given a focus edge, stayed white in dark and black in light:
    # twelfth re-test); set again, its sheet takes the new palette.
    from ankle_trainer.ui.widgets import cycle_collector_held

    with cycle_collector_held():
        for widget in app.allWidgets():
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet(sheet)
    return effective_scheme(app)


def boundary_colour(palette: QPalette) -> QColor:
    """The edge of a control (a check box, a radio button, a text, number or
    drop-down box): half way from the window's colour to its text's, at least
    3:1 against the window in the light and the dark palette (WCAG 1.4.11).
    Fusion draws these edges a shade darker than the window, which in the dark
    palette is about the colour of the box inside: the edge disappeared."""
    back, ink = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
    return QColor((back.red() + ink.red()) // 2, (back.green() + ink.green()) // 2,
                  (back.blue() + ink.blue()) // 2)


_PE = QStyle.PrimitiveElement
_CC = QStyle.ComplexControl
#: The primitives whose outline is drawn again in :func:`boundary_colour`, and how
#: (a box, a circle).
_OUTLINED = {_PE.PE_IndicatorCheckBox: "box", _PE.PE_IndicatorRadioButton: "circle",
             _PE.PE_FrameLineEdit: "box"}
#: Complex controls whose frame is drawn again (a number box, a drop-down list
#: that is not flat, not a button-like one).
_FRAMED = (_CC.CC_SpinBox, _CC.CC_ComboBox)


class _PlainButtons(QProxyStyle):
    """The platform's style, without the stock icons some styles put on
    OK, Cancel, Save and Close (a tick, a red no-entry sign): the words are
    clearer on their own; the edges of boxes and choices drawn clearly
    (see :func:`boundary_colour`); and a checked button filled in the
    highlight colour, its words in the highlighted text's (see :func:`_chosen`)."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):  # type: ignore[no-untyped-def]  # noqa: N802,E501
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 0
        return super().styleHint(hint, option, widget, returnData)

    def drawPrimitive(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]  # noqa: N802
        super().drawPrimitive(element, option, painter, widget)
        shape = _OUTLINED.get(element)
        if shape is not None and option is not None:
            if element == _PE.PE_FrameLineEdit and widget is not None \
                    and widget.parentWidget() is not None and isinstance(widget.parentWidget(), _FramedTypes()):
                return  # the line inside a number or drop-down box: its frame is drawn round the box
            _outline(painter, option, shape)
        if element == _PE.PE_PanelButtonCommand and option is not None and option.state & QStyle.StateFlag.State_On:
            _chosen(painter, option)

    def drawControl(self, element, option, painter, widget=None):  # type: ignore[no-untyped-def]  # noqa: N802
        if element == QStyle.ControlElement.CE_PushButtonLabel and option is not None \
                and option.state & QStyle.StateFlag.State_On:
            from PySide6.QtWidgets import QStyleOptionButton

            option = QStyleOptionButton(option)  # its words on the chosen colour
            option.palette.setColor(QPalette.ColorRole.ButtonText,
                                    option.palette.color(QPalette.ColorRole.HighlightedText))
        super().drawControl(element, option, painter, widget)

    def drawComplexControl(self, control, option, painter, widget=None):  # type: ignore[no-untyped-def]  # noqa: N802
        super().drawComplexControl(control, option, painter, widget)
        if control == _CC.CC_ScrollBar and option is not None:
            _solid_handle(self, option, painter, widget)
            return
        if control in _FRAMED and option is not None and getattr(option, "frame", True):
            if control == _CC.CC_ComboBox and not getattr(option, "editable", False) \
                    and self.baseStyle().name().lower() != "fusion":
                return  # other styles draw a non-editable drop-down as a button, edged already
            _outline(painter, option, "box")


def _solid_handle(style: QStyle, option, painter, widget) -> None:  # type: ignore[no-untyped-def]
    """Fill a scroll bar's handle in :func:`boundary_colour`. Fusion draws it
    lighter than its track in the light palette, so a tester read a list at its
    top as scrolled to the end (the long white handle looked like the track,
    the grey rest of the track like the handle)."""
    sub = QStyle.SubControl.SC_ScrollBarSlider
    rect = style.subControlRect(_CC.CC_ScrollBar, option, sub, widget)
    if rect.isEmpty() or not option.state & QStyle.StateFlag.State_Enabled:
        return
    painter.save()
    try:
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(boundary_colour(option.palette))
        painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 3, 3)
    finally:
        painter.restore()


def _chosen(painter, option) -> None:  # type: ignore[no-untyped-def]
    """Fill a pressed-in (checked) button in the palette's highlight colour: the
    chosen pain rating, the shown how-to. Fusion shades it a little darker than
    the others, which in the dark palette could not be seen at all."""
    painter.save()
    try:
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(option.palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(option.rect.adjusted(1, 1, -1, -1), 3, 3)
    finally:
        painter.restore()


def _FramedTypes() -> tuple[type, ...]:  # noqa: N802 (a tuple of types, named like one)
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    return (QAbstractSpinBox, QComboBox)


def _outline(painter, option, shape: str) -> None:  # type: ignore[no-untyped-def]
    """Draw the edge of ``option.rect`` in :func:`boundary_colour` (not while it
    has the keyboard focus: the style's focus colour stays)."""
    from PySide6.QtCore import QRectF

    if option.state & QStyle.StateFlag.State_HasFocus and option.state & QStyle.StateFlag.State_KeyboardFocusChange:
        return
    painter.save()
    try:
        painter.setRenderHint(painter.RenderHint.Antialiasing, shape == "circle")
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(boundary_colour(option.palette))
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if shape == "circle":
            painter.drawEllipse(rect)  # through the middle of the edge pixels: a whole line
        else:
            painter.drawRoundedRect(rect, 2, 2)
    finally:
        painter.restore()


def install_style(app: QApplication) -> None:
    """Wrap the application's style once so dialog buttons carry no stock
    icons. Safe to call again (it does nothing the second time)."""
    if isinstance(app.style(), _PlainButtons):
        return
    app.setStyle(_PlainButtons(app.style().name()))


def finish_look(app: QApplication, theme: str) -> None:
    """The look that waits for the first paint (the window's finish_startup()):
    plain dialog buttons (:func:`install_style`, whose Python hook slows every
    widget drawn) and ``theme`` ('system', 'light' or 'dark') when it is not
    the system's."""
    install_style(app)
    if theme != "system":
        apply_theme(app, theme)
