"""The network the app opens when no lesson file can be found: the worked BP example.

The lesson registry (nnsim.lessons) normally provides this lesson from
resources/lessons/; this builder is the last resort so that the app never opens on an
empty screen, and it follows COURSE §6 exactly.
"""

from __future__ import annotations

import numpy as np

from nnsim.model import Meta, NetworkDocument, Settings


def worked_example_document() -> NetworkDocument:
    """The worked BP example: inputs A = 0.35, B = 0.9, two sigmoid hidden units, one output.

    Weights: A→h1 0.1, B→h1 0.8, A→h2 0.4, B→h2 0.6, h1→out 0.3, h2→out 0.9; no
    thresholds; learning rate 1; target 0.5.
    """
    doc = NetworkDocument(
        settings=Settings(
            dataset="explicit",
            rule="standard",
            lr=1.0,
            batch_size=1,
            init="uniform01",
            loss="squared_error",
            epochs=1,
            targets=[{"x": [0.35, 0.9], "y": [0.5]}],
        ),
        meta=Meta(
            title_zh="BP 算法手算示例",
            title_en="Back-propagation, worked example",
            goal_zh="跟随一次前向传播和一次反向传播，逐个数字核对课件上的计算。",
            goal_en="Follow one forward and one backward pass, number by number, as on the slide.",
            lesson="bp-worked-example",
        ),
    )
    a = doc.add_layer(
        "input", 2, position=(-320, 0), label="input", neuron_labels=["A", "B"], use_bias=False
    )
    h = doc.add_layer(
        "dense", 2, position=(0, 0), activation="sigmoid", label="hidden", use_bias=False
    )
    o = doc.add_layer(
        "dense", 1, position=(320, 0), activation="sigmoid", label="output", use_bias=False
    )
    doc.connect(a, h, weights=np.array([[0.1, 0.4], [0.8, 0.6]]))
    doc.connect(h, o, weights=np.array([[0.3], [0.9]]))
    return doc
