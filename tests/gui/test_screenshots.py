"""The screenshot script renders the worked example in both languages (docs/screenshots)."""

from PySide6.QtGui import QColor, QImage


def test_render_both_languages(tmp_path, monkeypatch):
    monkeypatch.setenv("NNSIM_DATA_DIR", str(tmp_path / "data"))
    from nnsim.gui.screenshots import SIZE, render

    paths = render(tmp_path, languages=("en", "zh_CN"), presentation=(False,), plugins=False)
    assert [p.name for p in paths] == ["main-en.png", "main-zh_CN.png"]
    for p in paths:
        img = QImage(str(p))
        # At least the requested size (docks added by other tools may need more width).
        assert img.width() >= SIZE[0] and img.height() >= SIZE[1]
        # The canvas is not blank: the blue of positive weights is drawn.
        blues = sum(
            1
            for x in range(0, img.width(), 4)
            for y in range(0, img.height(), 4)
            if QColor(img.pixel(x, y)).blue() > 150 and QColor(img.pixel(x, y)).red() < 60
        )
        assert blues > 100
    # The pictures leave the application in the language it had: a zh picture does not
    # turn the next window (or test) Chinese.
    from PySide6.QtCore import QCoreApplication

    from nnsim.gui.i18n import current_language

    assert current_language() == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
