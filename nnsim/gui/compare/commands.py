"""The undo step that opens a compared variant as the network of the window."""

from __future__ import annotations

from collections.abc import Callable

from nnsim.gui.commands import SnapshotCommand


class OpenVariantCommand(SnapshotCommand):
    """Replace the document's whole content by a variant's ``snapshot`` (one undo step).

    ``text`` gives the Edit menu's "Undo …" text in the current language (the variant's
    label is in it, so it cannot be a fixed catalogue entry).
    """

    def __init__(self, document, text: Callable[[], str], snapshot: dict):
        self._text_fn = text
        super().__init__(document, "", lambda d: d.restore(snapshot))

    def retranslate(self) -> None:
        self.setText(self._text_fn())
