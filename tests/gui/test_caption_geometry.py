"""Captions a lecturer reads: on every bundled lesson, at 1280×800, normal and in presentation
mode, a link's caption ("W 8×1×3×3") stands clear of every layer's frame, at least 4 px on
screen; in normal mode the layers' and links' captions of the MNIST networks print at least
11 px high on screen (7 px before), the boxes apart."""

import pytest

from nnsim.gui.canvas.layout import overlapping
from nnsim.gui.canvas.view import MIN_CAPTION_PX
from nnsim.lessons import LESSONS

LESSON_NAMES = [lesson.name for lesson in LESSONS if lesson.available]
#: Least clear gap (screen pixels) between a link's caption and a layer's frame.
CAPTION_GAP_PX = 4.0


def gap(a, b) -> float:
    """Distance between two rectangles (0 when they touch or overlap)."""
    dx = max(b.left() - a.right(), a.left() - b.right(), 0.0)
    dy = max(b.top() - a.bottom(), a.top() - b.bottom(), 0.0)
    return (dx * dx + dy * dy) ** 0.5


def caption_problems(win) -> list[str]:
    """Every link caption that overlaps a layer's frame or comes nearer than 4 px to it."""
    scene = win.scene
    zoom = win.view.zoom()
    frames = {
        lid: item.mapRectToScene(item.frame_rect()) for lid, item in scene.layer_items.items()
    }
    out = []
    for kid, link in scene.link_items.items():
        caption = link.caption_box()
        if caption is None:
            continue
        text, rect, _ = caption
        for lid, frame in frames.items():
            if rect.intersects(frame):
                out.append(f"{text!r} of {kid} overlaps layer {lid}")
            elif gap(rect, frame) * zoom < CAPTION_GAP_PX:
                out.append(f"{text!r} of {kid} is {gap(rect, frame) * zoom:.1f} px from {lid}")
    return out


@pytest.mark.parametrize("lesson", LESSON_NAMES)
def test_link_captions_stand_clear_of_the_layers(app_window, settle, lesson, open_on_canvas):
    win = app_window
    open_on_canvas(win, lesson)
    for presentation in (False, True):
        settle(win, (1280, 800), presentation)
        assert caption_problems(win) == [], (lesson, presentation)
    win.set_presentation(False)


def test_the_convolution_lessons_caption_had_no_room_before(app_window, settle, open_on_canvas):
    """The check sees the defect: the convolution lesson's "W 1×1×3×3" between two boxes
    90 apart, drawn at the document's own positions (no room made for it), touches both."""
    win = app_window
    open_on_canvas(win, "convolution-pooling")
    settle(win, (1280, 800), False)
    scene = win.scene
    assert scene.stretch  # the gap was widened for the caption
    assert caption_problems(win) == []
    texts = [t for t in scene.printed_texts() if t[0] == "link"]
    assert "W 1×1×3×3" in [t[1] for t in texts]
    scene.stretch = ()
    for lid, item in scene.layer_items.items():
        item.setPos(scene.scene_pos(scene.base_pos(lid)))
    assert any("W 1×1×3×3" in p and "overlaps" in p for p in caption_problems(win))
    scene.set_theme(scene.theme)  # the room for the caption again
    assert caption_problems(win) == []


@pytest.mark.parametrize("lesson", ["mnist-mlp", "mnist-cnn"])
def test_mnist_captions_are_read_at_1280_by_800(app_window, settle, lesson, open_on_canvas):
    win = app_window
    open_on_canvas(win, lesson)
    settle(win, (1280, 800), False)
    scene = win.scene
    zoom = win.view.zoom()
    captions = [t for t in scene.printed_texts() if t[0] in ("caption", "link")]
    assert {t[0] for t in captions} == {"caption", "link"}
    for kind, text, _, px, _ in captions:
        assert px * zoom >= MIN_CAPTION_PX, (kind, text, px * zoom)
    assert scene.theme.caption_size > scene.theme.small_px  # enlarged for this zoom
    assert not overlapping(scene.document, scene.theme)
    frames = sorted(
        (i.mapRectToScene(i.frame_rect()) for i in scene.layer_items.values()),
        key=lambda r: r.left(),
    )
    for a, b in zip(frames, frames[1:]):
        assert a.right() < b.left()  # the boxes apart
    assert caption_problems(win) == []
    # every text still within the view
    seen = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    for _, text, rect, _, _ in scene.printed_texts():
        assert seen.contains(rect), text
    # a larger window: still read
    settle(win, (1920, 1080), False)
    assert scene.theme.caption_size * win.view.zoom() >= MIN_CAPTION_PX
