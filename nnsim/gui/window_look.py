"""The main window's look and language: presentation mode (F5, F6), the interface language, About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from nnsim import __version__
from nnsim.gui import prefs
from nnsim.gui.style import apply_to_application, refresh_relative_fonts, theme_for

# Least height, in screen pixels, of neuron names and printed numbers in presentation mode.
PRESENTATION_TEXT_PX = 24


class WindowLook:
    """Presentation mode and language; mixed into ``MainWindow``, which owns the state.

    Its texts keep the window's translation context ("MainWindow").
    """

    def set_presentation(self, on: bool) -> None:
        """Presentation mode (F5): the current view gets the screen, fonts and lines grow.

        The docks collapse (F6 or the strip's button brings them back), the tool bar and
        status bar go, and a strip under the views keeps the current step's formula large.
        Leaving restores the layout as it was (docks, sizes, bars, window geometry).
        """
        on = bool(on)
        if self.act_presentation.isChecked() != on:
            self.act_presentation.blockSignals(True)
            self.act_presentation.setChecked(on)
            self.act_presentation.blockSignals(False)
        if on == self.presentation:
            return
        self.presentation = on
        theme = theme_for(on)
        apply_to_application(QApplication.instance(), theme, self._base_font)
        refresh_relative_fonts(self)
        self.scene.set_theme(theme)
        self.view.max_fit_zoom = 4.0 if on else 2.0
        self.view.min_text_px = PRESENTATION_TEXT_PX if on else 0
        if on:
            self._presentation_layout.enter()
        # the tools restyle their panels (and may lay their docks out for the new size)
        self.presentation_changed.emit(on)
        if on:
            self._presentation_layout.collapse()
            self.presentation_strip.sync()
        else:
            # after the tools' own layout, and once the smaller fonts have reached every
            # widget (posted events; the docks' least sizes follow them): exactly the
            # layout before presentation mode
            QCoreApplication.sendPostedEvents()
            # views that hide docks while they are in front look again at what is shown
            self._presentation_layout.leave(
                after=lambda: self.views.currentChanged.emit(self.views.currentIndex())
            )
        self._strip_follows_view()
        self.presentation_strip.setVisible(on)
        self.act_panels.setEnabled(on)
        self.retranslate_ui()
        self.view.fit()
        prefs.settings().setValue("presentation", on)

    def _strip_follows_view(self, *_) -> None:
        # the step's formula belongs to the network canvas; elsewhere just the buttons
        self.presentation_strip.set_compact(self.views.currentWidget() is not self.view)

    def toggle_panels(self) -> None:
        """In presentation mode, bring the collapsed panels back or collapse them (F6)."""
        if not self.presentation:
            return
        self._presentation_layout.toggle_panels()
        self.retranslate_ui()
        self.view.fit()

    def inspector_width(self) -> int:
        """The inspector's width to ask for: wider in presentation mode, but at most a
        quarter of the window, so that on a 1280 px projector the canvas keeps the middle."""
        return min(400 if self.presentation else 300, max(self.width() // 4, 200))

    def set_language(self, code: str) -> None:
        """Switch the interface language live ("en" or "zh_CN")."""
        if self.languages is not None:
            self.languages.set_language(code)
        else:
            prefs.settings().setValue("language", code)
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)
        # Translators post LanguageChange to every widget; deliver them now so that the
        # whole window is in the new language when this returns (and in tests).
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        # The canvas is not a tree of widgets: redraw its texts here.
        self.retranslate_ui()
        self.inspector.network_panel.refresh()

    def about(self) -> None:
        """Show the About box."""
        QMessageBox.about(
            self,
            QCoreApplication.translate("MainWindow", "About nnsim"),
            QCoreApplication.translate(
                "MainWindow",
                "<h3>nnsim {0}</h3><p>A neural-network simulator for teaching: build a "
                "network, then step it through forward and backward passes number by number.</p>"
                "<p>Chinese font: WenQuanYi Micro Hei (Apache-2.0).</p>",
            ).format(__version__),
        )
