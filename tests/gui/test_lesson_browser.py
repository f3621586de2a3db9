"""Lesson browser: lecture order, both titles, the goal; opening sets up the view it needs."""

import pytest


def test_lists_lessons_in_lecture_order_with_both_titles(qtbot):
    from nnsim.gui.lesson_browser import LessonBrowser
    from nnsim.lessons import LESSONS, lesson_names

    b = LessonBrowser(language=lambda: "en")
    qtbot.addWidget(b)
    assert b.names() == lesson_names()
    assert b.names()[:3] == ["mp-neuron", "perceptron-and-or-not", "perceptron-xor"]
    assert b.names()[-1] == "relu-homework"
    first = b.list.item(0).text()
    assert first.startswith("1.  The M-P neuron") and "M-P 神经元模型" in first
    b.select("convolution-pooling")
    assert b.title.text() == "Convolution and pooling"
    assert b.other_title.text() == "卷积与池化"
    assert "2.33" in b.goal.text()
    assert "CNN view" in b.view_note.text()
    assert LESSONS[b.list.currentRow()].section == "11"
    b.select("relu-homework")
    assert b.btn_exercise.isVisibleTo(b)
    b.select("mp-neuron")
    assert not b.btn_exercise.isVisibleTo(b)


def test_chinese_titles_first_in_chinese(qtbot):
    from nnsim.gui.lesson_browser import LessonBrowser

    b = LessonBrowser(language=lambda: "zh_CN")
    qtbot.addWidget(b)
    b.select("rnn-shapes")
    assert b.title.text() == "循环神经网络的输入输出形状"
    assert b.other_title.text() == "RNN shapes"
    assert b.goal.text().startswith("h_t = f_W")


def test_opening_a_lesson_sets_up_its_view(demo_window):
    win = demo_window
    views = win.demo_views
    b = views.show_lessons()
    assert b.isVisible()
    b.select("rnn-shapes")
    assert b.open_selected()
    assert not b.isVisible()
    assert win.lesson_name == "rnn-shapes"
    assert win.views.currentWidget() is views.pages["rnn"]
    assert views.rnn.kind == "document" and views.rnn.frame.steps == 10
    # The palette and the inspector make room while a demo view is in front...
    assert not win.palette_dock.isVisible()
    b = views.show_lessons()
    b.select("xor-two-layer")
    assert b.open_selected()
    assert win.lesson_name == "xor-two-layer"
    assert win.views.currentWidget() is win.view_widget("network")
    assert win.palette_dock.isVisible()  # ...and come back with the canvas


def test_homework_opens_as_an_exercise(demo_window):
    win = demo_window
    b = win.demo_views.show_lessons()
    b.select("relu-homework")
    b.btn_exercise.click()
    assert win.lesson_name == "relu-homework"
    assert win.views.currentWidget() is win.demo_views.pages["exercise"]
    ex = win.demo_views.exercise.exercise
    assert ex is not None and ex.find("forward", "b_1").value == pytest.approx(0.32)


def test_shown_on_first_start_only(demo_window, monkeypatch):
    from nnsim.gui import prefs
    from nnsim.gui.lesson_browser import AT_START_KEY, show_at_start

    first = show_at_start(demo_window.context)
    assert first is not None and first.isVisible()
    first.close()
    assert show_at_start(demo_window.context) is None
    prefs.settings().setValue(AT_START_KEY, True)
    again = show_at_start(demo_window.context)
    assert again is not None
    again.close()


def test_a_named_lesson_at_first_start_is_not_covered(demo_window):
    from nnsim.gui import prefs
    from nnsim.gui.lesson_browser import SEEN_KEY, show_at_start

    # `nnsim gui mnist-cnn` (or a double-clicked file) on a fresh install: the lesson shows.
    assert show_at_start(demo_window.context, opened="mnist-cnn") is None
    assert prefs.settings().value(SEEN_KEY, False) in (False, "false")
    # ...and the first bare start still offers the lessons.
    first = show_at_start(demo_window.context)
    assert first is not None and first.isVisible()
    first.close()


def test_help_menu_has_the_lessons(demo_window):
    texts = [a.text() for a in demo_window.help_menu.actions()]
    assert "&Lessons…" in texts and "&Exercise: one BP step by hand" in texts
    assert demo_window.demo_views.act_lessons.shortcut().toString() == "Ctrl+L"


def test_demo_catalogue_is_complete_and_compiled():
    """Every _t() string of the demo views, the browser and the exercise is translated."""
    from PySide6.QtCore import QTranslator

    from nnsim.gui.demos.catalogue import QM, all_strings, read_ts

    strings = all_strings()
    assert len(strings) > 150
    shipped = read_ts()
    assert [s for s in strings if not shipped.get(s)] == []
    t = QTranslator()
    assert t.load(str(QM))
    assert t.translate("demos.pooling", "Max pooling") == "最大池化"
    assert t.translate("demos.conv", "The window does not fit") == "窗口放不下"
    # Placeholders survive translation.
    for (ctx, src), zh in shipped.items():
        for k in range(10):
            assert (f"{{{k}}}" in src) == (f"{{{k}}}" in zh), (ctx, src)


def test_switch_language_live(demo_window):
    win = demo_window
    v = win.demo_views
    win.set_language("zh_CN")
    try:
        assert v.cnn.tabs.tabText(0) == "卷积"
        assert v.cnn.pooling.max_view.title == "最大池化"
        assert v.rnn.btn_train.text() == "训练"
        assert v.exercise.btn_check.text() == "全部检查"
        assert v.act_lessons.text() == "课程列表(&L)…"
        assert win.views.tabText(win.views.indexOf(v.pages["cnn"])) == "卷积网络 CNN"
        b = v.show_lessons()
        assert b.btn_open.text() == "打开课程"
        assert b.list.item(0).text().startswith("1.  M-P 神经元模型")
        v.cnn.conv.kernel_box.stride.setValue(3)
        assert "放不下" in v.cnn.conv.size_box.label.text()
        conv = v.cnn.conv  # each section of the convolution panel switches on its own
        assert conv.fit_box.title.text() == "窗口放不下"
        assert (conv.input_box.title(), conv.kernel_box.title()) == ("输入", "卷积核 K")
        assert (conv.sliding.lbl_speed.text(), conv.btn_settings.text()) == ("速度", "设置")
    finally:
        win.set_language("en")
    assert v.cnn.tabs.tabText(0) == "Convolution"
    assert v.rnn.btn_train.text() == "Train"
    assert v.act_lessons.text() == "&Lessons…"
