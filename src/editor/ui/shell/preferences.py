"""The Preferences dialog and the settings it edits.

Values live in QSettings through AppSettings, and only values that differ
from the defaults are written, so a future default reaches every user who
never changed it. The dialog edits a copy; nothing changes until OK.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.images import DEFAULT_IMAGES_FOLDER
from editor.core.placeholder import pattern_errors
from editor.core.spelling import DEFAULT_LANGUAGE, available_languages
from editor.ui.shell.palette import follow_theme
from editor.ui.shell.settings import (
    AUTOSAVE_ENABLED_KEY,
    AUTOSAVE_INTERVAL_KEY,
    FONT_FAMILY_KEY,
    FONT_SIZE_KEY,
    FRONT_MATTER_FORMAT_KEY,
    IMAGES_FOLDER_KEY,
    OPEN_FILE_FOLDER_KEY,
    PLACEHOLDER_PATTERNS_KEY,
    SPELL_ENABLED_KEY,
    SPELL_LANGUAGE_KEY,
    THEME_KEY,
    AppSettings,
)
from editor.ui.shell.theme import ThemeChoice

DEFAULT_AUTOSAVE_SECONDS = 3
#: "" lets the library decide: the format most of its articles use, YAML without one
FRONT_MATTER_LABELS = {
    "": "Like the library's articles (YAML when there are none)",
    "yaml": "YAML (--- fences)",
    "toml": "TOML (+++ fences, Hugo's default)",
    "json": "JSON (an object in braces)",
}
THEME_LABELS = {
    ThemeChoice.SYSTEM: "Follow the system",
    ThemeChoice.LIGHT: "Light",
    ThemeChoice.DARK: "Dark",
}


@dataclass
class Preferences:
    #: empty: the system's fixed-width font the editor starts with
    font_family: str = ""
    #: 0: the editor's starting size
    font_size: int = 0
    theme: ThemeChoice = ThemeChoice.SYSTEM
    autosave_enabled: bool = False
    autosave_seconds: int = DEFAULT_AUTOSAVE_SECONDS
    placeholder_patterns: list[str] = field(default_factory=list)
    spell_enabled: bool = True
    spell_language: str = DEFAULT_LANGUAGE
    images_folder: str = DEFAULT_IMAGES_FOLDER
    #: the front matter new articles get; "" follows the library (see FRONT_MATTER_LABELS)
    front_matter_format: str = ""
    #: opening an article that sits among other articles opens their folder as the library
    open_file_folder: bool = True


def load_preferences(settings: AppSettings) -> Preferences:
    default = Preferences()
    try:
        theme = ThemeChoice(settings.str_value(THEME_KEY, default.theme.value))
    except ValueError:
        theme = default.theme
    language = settings.str_value(SPELL_LANGUAGE_KEY, default.spell_language)
    front_matter = settings.str_value(FRONT_MATTER_FORMAT_KEY, default.front_matter_format)
    return Preferences(
        font_family=settings.str_value(FONT_FAMILY_KEY, default.font_family),
        font_size=max(0, settings.int_value(FONT_SIZE_KEY, default.font_size)),
        theme=theme,
        autosave_enabled=settings.bool_value(AUTOSAVE_ENABLED_KEY, default.autosave_enabled),
        autosave_seconds=max(
            1, settings.int_value(AUTOSAVE_INTERVAL_KEY, default.autosave_seconds)
        ),
        placeholder_patterns=settings.str_list(PLACEHOLDER_PATTERNS_KEY),
        spell_enabled=settings.bool_value(SPELL_ENABLED_KEY, default.spell_enabled),
        spell_language=language if language in available_languages() else DEFAULT_LANGUAGE,
        images_folder=settings.str_value(IMAGES_FOLDER_KEY, default.images_folder)
        or default.images_folder,
        front_matter_format=front_matter if front_matter in FRONT_MATTER_LABELS else "",
        open_file_folder=settings.bool_value(OPEN_FILE_FOLDER_KEY, default.open_file_folder),
    )


def save_preferences(settings: AppSettings, prefs: Preferences) -> None:
    d = Preferences()
    settings.set_str(FONT_FAMILY_KEY, prefs.font_family, d.font_family)
    settings.set_int(FONT_SIZE_KEY, prefs.font_size, d.font_size)
    settings.set_str(THEME_KEY, prefs.theme.value, d.theme.value)
    settings.set_bool(AUTOSAVE_ENABLED_KEY, prefs.autosave_enabled, d.autosave_enabled)
    settings.set_int(AUTOSAVE_INTERVAL_KEY, prefs.autosave_seconds, d.autosave_seconds)
    settings.set_str_list(PLACEHOLDER_PATTERNS_KEY, list(prefs.placeholder_patterns))
    settings.set_bool(SPELL_ENABLED_KEY, prefs.spell_enabled, d.spell_enabled)
    settings.set_str(SPELL_LANGUAGE_KEY, prefs.spell_language, d.spell_language)
    settings.set_str(IMAGES_FOLDER_KEY, prefs.images_folder, d.images_folder)
    settings.set_str(FRONT_MATTER_FORMAT_KEY, prefs.front_matter_format, d.front_matter_format)
    settings.set_bool(OPEN_FILE_FOLDER_KEY, prefs.open_file_folder, d.open_file_folder)
    settings.sync()


def images_folder_error(folder: str) -> str | None:
    text = folder.strip()
    if not text:
        return "Enter a folder name, such as images"
    if text.startswith(("/", "\\")) or (len(text) > 1 and text[1] == ":"):
        return "Use a folder relative to the article, so links keep working when it moves"
    return None


class PreferencesDialog(QDialog):
    """Edits a copy of the preferences; ``preferences()`` returns the result after OK."""

    def __init__(
        self, prefs: Preferences, default_font: QFont, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.setMinimumWidth(480)
        self._original = prefs
        self._default_font = default_font

        # --- editor
        self.font_box = QFontComboBox()
        self.font_box.setCurrentFont(QFont(prefs.font_family or default_font.family()))
        self.size_box = QSpinBox()
        self.size_box.setRange(6, 48)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(prefs.font_size or round(default_font.pointSizeF()))
        self.theme_box = QComboBox()
        for choice, label in THEME_LABELS.items():
            self.theme_box.addItem(label, choice.value)
        self.theme_box.setCurrentIndex(self.theme_box.findData(prefs.theme.value))
        editor_group = QGroupBox("Editor")
        editor_form = QFormLayout(editor_group)
        editor_form.addRow("&Font", self.font_box)
        editor_form.addRow("&Size", self.size_box)
        editor_form.addRow("&Theme", self.theme_box)

        # --- saving
        self.autosave_box = QCheckBox("Save changes automatically")
        self.autosave_box.setChecked(prefs.autosave_enabled)
        self.interval_box = QSpinBox()
        self.interval_box.setRange(1, 3600)
        self.interval_box.setSuffix(" s")
        self.interval_box.setValue(prefs.autosave_seconds)
        self.interval_box.setToolTip(
            "How often unsaved work is kept safe (and saved, when saving automatically)"
        )
        saving_group = QGroupBox("Saving")
        saving_form = QFormLayout(saving_group)
        saving_form.addRow(self.autosave_box)
        saving_form.addRow("Keep work safe &every", self.interval_box)

        # --- writing
        self.spell_box = QCheckBox("Check spelling as I type")
        self.spell_box.setChecked(prefs.spell_enabled)
        self.language_box = QComboBox()
        for code, name in sorted(available_languages().items(), key=lambda item: item[1]):
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(self.language_box.findData(prefs.spell_language))
        self.images_edit = QLineEdit(prefs.images_folder)
        self.images_edit.setPlaceholderText(DEFAULT_IMAGES_FOLDER)
        self.images_edit.setToolTip("Dropped and pasted images are copied here, beside the article")
        self.front_matter_box = QComboBox()
        for name, label in FRONT_MATTER_LABELS.items():
            self.front_matter_box.addItem(label, name)
        self.front_matter_box.setCurrentIndex(
            self.front_matter_box.findData(prefs.front_matter_format)
        )
        self.front_matter_box.setToolTip(
            "The front matter a new article starts with; existing files always keep their own"
        )
        self.patterns_edit = QPlainTextEdit("\n".join(prefs.placeholder_patterns))
        self.patterns_edit.setPlaceholderText("One regular expression per line, e.g. ^DRAFT:")
        self.patterns_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.patterns_edit.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("preferencesError")
        self.error_label.setWordWrap(True)
        follow_theme(
            self.error_label,
            lambda theme: self.error_label.setStyleSheet(f"color: {theme.error_text.name()};"),
        )
        self.error_label.hide()
        writing_group = QGroupBox("Writing")
        writing_form = QFormLayout(writing_group)
        writing_form.addRow(self.spell_box)
        writing_form.addRow("Spelling &language", self.language_box)
        writing_form.addRow("&Images folder", self.images_edit)
        writing_form.addRow("New articles' &front matter", self.front_matter_box)
        writing_form.addRow("&Placeholder titles", self.patterns_edit)

        # --- library
        self.folder_box = QCheckBox("Opening an article opens its folder as the library")
        self.folder_box.setToolTip(
            "When the article sits among other articles, the Library and Chain panels "
            "show its folder (never your home folder)"
        )
        self.folder_box.setChecked(prefs.open_file_folder)
        library_group = QGroupBox("Library")
        library_form = QFormLayout(library_group)
        library_form.addRow(self.folder_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(lambda: self.show_preferences(Preferences()))

        layout = QVBoxLayout(self)
        layout.addWidget(editor_group)
        layout.addWidget(saving_group)
        layout.addWidget(writing_group)
        layout.addWidget(library_group)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.patterns_edit.textChanged.connect(self._validate)
        self.images_edit.textChanged.connect(self._validate)
        self.spell_box.toggled.connect(self.language_box.setEnabled)
        self.language_box.setEnabled(prefs.spell_enabled)

    def show_preferences(self, prefs: Preferences) -> None:
        self.font_box.setCurrentFont(QFont(prefs.font_family or self._default_font.family()))
        self.size_box.setValue(prefs.font_size or round(self._default_font.pointSizeF()))
        self.theme_box.setCurrentIndex(self.theme_box.findData(prefs.theme.value))
        self.autosave_box.setChecked(prefs.autosave_enabled)
        self.interval_box.setValue(prefs.autosave_seconds)
        self.spell_box.setChecked(prefs.spell_enabled)
        self.language_box.setCurrentIndex(self.language_box.findData(prefs.spell_language))
        self.images_edit.setText(prefs.images_folder)
        self.front_matter_box.setCurrentIndex(
            self.front_matter_box.findData(prefs.front_matter_format)
        )
        self.patterns_edit.setPlainText("\n".join(prefs.placeholder_patterns))
        self.folder_box.setChecked(prefs.open_file_folder)

    def patterns(self) -> list[str]:
        return [
            line.strip() for line in self.patterns_edit.toPlainText().split("\n") if line.strip()
        ]

    def errors(self) -> list[str]:
        found = [f"Placeholder pattern {e}" for e in pattern_errors(self.patterns())]
        folder = images_folder_error(self.images_edit.text())
        if folder:
            found.append(folder)
        return found

    def _validate(self) -> None:
        errors = self.errors()
        self.error_label.setText("\n".join(errors))
        self.error_label.setVisible(bool(errors))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not errors)

    def preferences(self) -> Preferences:
        """The edited values; the font is stored only when it differs from the default."""
        family = self.font_box.currentFont().family()
        size = self.size_box.value()
        return replace(
            self._original,
            font_family="" if family == self._default_font.family() else family,
            font_size=0 if size == round(self._default_font.pointSizeF()) else size,
            theme=ThemeChoice(self.theme_box.currentData()),
            autosave_enabled=self.autosave_box.isChecked(),
            autosave_seconds=self.interval_box.value(),
            placeholder_patterns=self.patterns(),
            spell_enabled=self.spell_box.isChecked(),
            spell_language=str(self.language_box.currentData()),
            images_folder=self.images_edit.text().strip() or DEFAULT_IMAGES_FOLDER,
            front_matter_format=str(self.front_matter_box.currentData()),
            open_file_folder=self.folder_box.isChecked(),
        )
