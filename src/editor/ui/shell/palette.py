"""Every colour the window uses, one set for the light theme and one for the dark.

Widgets, delegates, banners, badges, chain items and dialogs ask this module
for their colours (``palette_for(widget)``) instead of naming any: a colour
written anywhere else would stay light in the dark theme, which is how pale
text on a pale banner happened. The set is chosen by the lightness of the
widget's own Qt palette, so it follows the system's light/dark setting and
the writer's choice in View > Theme or Preferences alike (``theme.py``
installs the Qt palette for that choice).

Text colours are picked so that text on its background reaches a contrast of
4.5:1 or more (WCAG AA); ``tests/ui/test_screens.py`` measures it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class EditorColours:
    """The markdown highlighter's colours."""

    heading: QColor
    emphasis: QColor
    link: QColor
    code: QColor
    code_background: QColor
    quote: QColor
    list_marker: QColor
    muted: QColor
    flag: QColor


@dataclass(frozen=True)
class Banner:
    """A message banner's background, text and border."""

    background: QColor
    text: QColor
    border: QColor

    def style_sheet(self, selector: str) -> str:
        """Qt style sheet for the banner and every label and tool button inside it."""
        bg, fg, border = self.background.name(), self.text.name(), self.border.name()
        return (
            f"{selector} {{ background: {bg}; color: {fg}; border: 1px solid {border}; }}\n"
            f"{selector} QLabel {{ color: {fg}; background: transparent; border: none; }}\n"
            f"{selector} QToolButton {{ color: {fg}; background: transparent; border: none; }}"
        )


@dataclass(frozen=True)
class ThemeColours:
    """One theme: the Qt palette roles plus the editor's own colours."""

    name: str
    dark: bool
    editor: EditorColours
    #: Qt palette roles (installed when the writer's choice differs from the system's)
    window: QColor
    window_text: QColor
    base: QColor
    alternate_base: QColor
    text: QColor
    button: QColor
    button_text: QColor
    highlight: QColor
    highlighted_text: QColor
    placeholder_text: QColor
    link: QColor
    mid: QColor
    disabled_text: QColor
    #: an inline error note on the window background (placeholder flag, bad setting)
    error_text: QColor
    #: a secondary line of text (file names under titles, counts)
    muted_text: QColor
    #: underline of a misspelled word
    misspelled: QColor
    error: Banner
    warning: Banner
    info: Banner
    #: problem code -> badge background, arrow and box colour (white text reads on it)
    problems: dict[str, QColor]
    #: problem code -> the same meaning as text on the page background
    problem_text: dict[str, QColor]
    badge_text: QColor
    #: the "unsaved" badge: the open article's state shown before it is saved
    unsaved_badge: QColor
    chain_background: QColor
    box_fill: QColor
    box_border: QColor
    box_text: QColor
    box_selected: QColor
    arrow: QColor
    stub_fill: QColor
    #: a changed line in the compare dialog, and changed words in a fix preview
    changed_background: QColor
    changed_text: QColor
    removed_background: QColor

    def problem(self, code: str) -> QColor:
        return QColor(self.problems.get(code, self.problems["default"]))

    def problem_as_text(self, code: str) -> QColor:
        return QColor(self.problem_text.get(code, self.problem_text["default"]))

    def banner(self, kind: str) -> Banner:
        return {"error": self.error, "warning": self.warning}.get(kind, self.info)

    def qt_palette(self) -> QPalette:
        """The Qt palette for this theme, for when the system's is the other one."""
        palette = QPalette()
        roles = QPalette.ColorRole
        for role, colour in (
            (roles.Window, self.window),
            (roles.WindowText, self.window_text),
            (roles.Base, self.base),
            (roles.AlternateBase, self.alternate_base),
            (roles.Text, self.text),
            (roles.Button, self.button),
            (roles.ButtonText, self.button_text),
            (roles.Highlight, self.highlight),
            (roles.HighlightedText, self.highlighted_text),
            (roles.ToolTipBase, self.button),
            (roles.ToolTipText, self.text),
            (roles.PlaceholderText, self.placeholder_text),
            (roles.Link, self.link),
            (roles.Mid, self.mid),
            (roles.BrightText, self.highlighted_text),
        ):
            palette.setColor(role, colour)
        for role in (roles.Text, roles.WindowText, roles.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, self.disabled_text)
        return palette


def _c(value: str) -> QColor:
    return QColor(value)


def _codes(default: str, **by_code: str) -> dict[str, QColor]:
    colours = {code.replace("_", "-"): _c(value) for code, value in by_code.items()}
    colours["default"] = _c(default)
    return colours


# Badge colours: white text on each reaches 4.5:1; the chain draws arrows and
# box borders in them on a light or dark page.
_LIGHT_PROBLEMS = _codes(
    "#616161",
    placeholder_title="#c62828",
    placeholder_link="#ad1457",
    broken_link="#b71c1c",
    asymmetric_link="#a84300",
    stale_link_title="#7b1fa2",
    duplicate_title="#6d4c41",
    missing_title="#c62828",
    missing_summary="#616161",
    invalid_front_matter="#b71c1c",
    unreadable_file="#b71c1c",
    symlink_loop="#b71c1c",
    duplicate_next="#a84300",
    duplicate_prev="#a84300",
    link_cycle="#5e35b1",
)

_DARK_PROBLEMS = _codes(
    "#5f6368",
    placeholder_title="#b3261e",
    placeholder_link="#a0185a",
    broken_link="#a51d1d",
    asymmetric_link="#9a4a00",
    stale_link_title="#7e3a9e",
    duplicate_title="#6d5148",
    missing_title="#b3261e",
    missing_summary="#5f6368",
    invalid_front_matter="#a51d1d",
    unreadable_file="#a51d1d",
    symlink_loop="#a51d1d",
    duplicate_next="#9a4a00",
    duplicate_prev="#9a4a00",
    link_cycle="#6a4bb8",
)

# The same meanings as text on the page (the problems list).
_DARK_PROBLEM_TEXT = _codes(
    "#b0b7bd",
    placeholder_title="#ff8a80",
    placeholder_link="#f48fb1",
    broken_link="#ff8a80",
    asymmetric_link="#ffb74d",
    stale_link_title="#ce93d8",
    duplicate_title="#d7b8a8",
    missing_title="#ff8a80",
    missing_summary="#b0b7bd",
    invalid_front_matter="#ff8a80",
    unreadable_file="#ff8a80",
    symlink_loop="#ff8a80",
    duplicate_next="#ffb74d",
    duplicate_prev="#ffb74d",
    link_cycle="#b39ddb",
)

LIGHT = ThemeColours(
    name="light",
    dark=False,
    editor=EditorColours(
        heading=_c("#1b4f72"),
        emphasis=_c("#5b3a85"),
        link=_c("#1f5f9e"),
        code=_c("#8a3b12"),
        code_background=_c("#f1efe9"),
        quote=_c("#5b6770"),
        list_marker=_c("#b0561a"),
        muted=_c("#6f7a82"),
        flag=_c("#b3261e"),
    ),
    window=_c("#efefef"),
    window_text=_c("#1f2328"),
    base=_c("#ffffff"),
    alternate_base=_c("#f6f6f6"),
    text=_c("#1f2328"),
    button=_c("#efefef"),
    button_text=_c("#1f2328"),
    highlight=_c("#2f6db3"),
    highlighted_text=_c("#ffffff"),
    placeholder_text=_c("#6f7a82"),
    link=_c("#1f5f9e"),
    mid=_c("#a0a0a0"),
    disabled_text=_c("#8a8f94"),
    error_text=_c("#b3261e"),
    muted_text=_c("#5b6770"),
    misspelled=_c("#d32f2f"),
    error=Banner(_c("#fdecea"), _c("#611a15"), _c("#f5c2bd")),
    warning=Banner(_c("#fff4e5"), _c("#663c00"), _c("#ffd8a8")),
    info=Banner(_c("#e8f1fb"), _c("#0d3c61"), _c("#b6d4f2")),
    problems=_LIGHT_PROBLEMS,
    problem_text=dict(_LIGHT_PROBLEMS),
    badge_text=_c("#ffffff"),
    unsaved_badge=_c("#455a64"),
    chain_background=_c("#fafafa"),
    box_fill=_c("#eceff1"),
    box_border=_c("#90a4ae"),
    box_text=_c("#263238"),
    box_selected=_c("#1565c0"),
    arrow=_c("#607d8b"),
    stub_fill=_c("#ffebee"),
    changed_background=_c("#fff2a8"),
    changed_text=_c("#3d2e00"),
    removed_background=_c("#fde0dc"),
)

DARK = ThemeColours(
    name="dark",
    dark=True,
    editor=EditorColours(
        heading=_c("#8cc4f0"),
        emphasis=_c("#d2b3f5"),
        link=_c("#7ab4ec"),
        code=_c("#f0a878"),
        code_background=_c("#2a2f35"),
        quote=_c("#a3adb5"),
        list_marker=_c("#f0a35e"),
        muted=_c("#8d979f"),
        flag=_c("#ff8a80"),
    ),
    window=_c("#23272e"),
    window_text=_c("#dde3e8"),
    base=_c("#1e2227"),
    alternate_base=_c("#262b31"),
    text=_c("#dde3e8"),
    button=_c("#2c3139"),
    button_text=_c("#dde3e8"),
    highlight=_c("#3d6a99"),
    highlighted_text=_c("#ffffff"),
    placeholder_text=_c("#8d979f"),
    link=_c("#7ab4ec"),
    mid=_c("#5a636c"),
    disabled_text=_c("#6b747c"),
    error_text=_c("#ff8a80"),
    muted_text=_c("#a3adb5"),
    misspelled=_c("#ff6e6e"),
    error=Banner(_c("#4a1f1f"), _c("#ffd9d4"), _c("#7a3a36")),
    warning=Banner(_c("#45331a"), _c("#ffe2b8"), _c("#75592c")),
    info=Banner(_c("#1c3350"), _c("#d3e6fb"), _c("#35597f")),
    problems=_DARK_PROBLEMS,
    problem_text=_DARK_PROBLEM_TEXT,
    badge_text=_c("#ffffff"),
    unsaved_badge=_c("#546e7a"),
    chain_background=_c("#1b1e23"),
    box_fill=_c("#2c3139"),
    box_border=_c("#5f6b75"),
    box_text=_c("#e3e8ec"),
    box_selected=_c("#7ab4ec"),
    arrow=_c("#8fa3ae"),
    stub_fill=_c("#3a2226"),
    changed_background=_c("#5a4a12"),
    changed_text=_c("#fff3c4"),
    removed_background=_c("#5a2a2a"),
)

THEMES = (LIGHT, DARK)


def colours(dark: bool) -> ThemeColours:
    return DARK if dark else LIGHT


def is_dark_palette(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def palette_for(widget: QWidget | None = None) -> ThemeColours:
    """The theme a widget is drawn in: the one matching its Qt palette's lightness."""
    if widget is not None:
        return colours(is_dark_palette(widget.palette()))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return colours(is_dark_palette(app.palette()))
    return LIGHT


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio (1 to 21) of text in ``foreground`` on ``background``."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top: QColor, bottom: QColor, alpha: float) -> QColor:
    """``top`` laid over ``bottom`` at ``alpha`` (0 to 1), as painted."""
    return QColor.fromRgbF(
        top.redF() * alpha + bottom.redF() * (1 - alpha),
        top.greenF() * alpha + bottom.greenF() * (1 - alpha),
        top.blueF() * alpha + bottom.blueF() * (1 - alpha),
    )


class _ThemeWatcher(QObject):
    """Calls back when the application switches between light and dark."""

    def __init__(self, widget: QWidget, restyle: Callable[[ThemeColours], None]) -> None:
        super().__init__(widget)
        self._restyle = restyle
        self._dark: bool | None = None
        _hub().add(self)
        self.update()

    def update(self) -> None:
        # The application's palette, not the widget's: a style sheet the callback
        # sets pins the widget's own palette to the banner colours.
        theme = palette_for(None)
        if theme.dark != self._dark:
            self._dark = theme.dark
            self._restyle(theme)


class _ThemeHub:
    """Tells every watcher when ``apply_colour_scheme`` installs the other theme.

    Qt tells a child widget with a style sheet nothing when the application
    palette changes, so the widgets cannot listen for themselves; and an
    event filter on the whole application would cost every event a call.
    """

    def __init__(self) -> None:
        self._watchers: set[_ThemeWatcher] = set()

    def add(self, watcher: _ThemeWatcher) -> None:
        self._watchers.add(watcher)
        watcher.destroyed.connect(lambda _obj=None, w=watcher: self._watchers.discard(w))

    def notify(self) -> None:
        for watcher in list(self._watchers):
            watcher.update()


_HUB = _ThemeHub()


def _hub() -> _ThemeHub:
    return _HUB


def theme_changed() -> None:
    """The application palette was replaced (``theme.apply_colour_scheme`` calls this)."""
    _HUB.notify()


def follow_theme(widget: QWidget, restyle: Callable[[ThemeColours], None]) -> None:
    """Call ``restyle`` now and whenever the application switches between light and dark.

    For colours a widget cannot read at paint time (style sheets, scene items).
    Only a change of lightness calls back, so a style sheet set in ``restyle``
    cannot start a loop of palette changes.
    """
    _ThemeWatcher(widget, restyle)
