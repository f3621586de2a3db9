"""The RNN view's run of an open document's own recurrent network (e.g. the rnn-shapes lesson).

A ``RnnRun`` like the built-in demos of ``nnsim.recipes.rnn_runs``, trained through the
engine's ``Trainer`` on the document's data and loss; Qt-free.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.layers.rnn import RNN
from nnsim.engine.losses import get_loss
from nnsim.engine.notation import fmt
from nnsim.recipes.rnn_runs import RnnFrame, RnnRun


class DocumentRun(RnnRun):
    """The RNN network of a document (e.g. the rnn-shapes lesson), on the document's data.

    Trained with Adam on the document's loss; the first validation sequence (or the first
    training one) is the display sequence.
    """

    name = "document"

    def __init__(self, document, seed: int = 0):
        from nnsim.model.compile import compile_document
        from nnsim.model.session import Session

        doc = document.copy()
        comp = compile_document(doc, cache=False)
        net = comp.network
        rnns = [layer for layer in net.layers.values() if isinstance(layer, RNN)]
        if not rnns:
            raise ValueError("the network has no recurrent layer")
        data = Session(doc).data
        steps, hidden = rnns[0].steps, rnns[0].size
        super().__init__(steps, hidden, seed)
        self.net = net
        self.x, self.y = data.x, data.y
        self.xv = data.x_val if data.x_val is not None else data.x
        self.yv = data.y_val if data.y_val is not None else data.y
        self.loss = get_loss(doc.settings.loss)
        self.batch = max(1, min(int(doc.settings.batch_size), len(self.x)))
        self.shape = "many-to-many" if rnns[0].return_sequences else "many-to-one"
        self.title_en = doc.meta.title_en
        self.title_zh = doc.meta.title_zh
        lr = min(float(doc.settings.lr), 0.05)
        self._make_trainer(self.loss, self.x, self.y, lr, self.batch)

    def frame(self) -> RnnFrame:
        x, y = self.xv[:1], self.yv[:1]
        self.net.loss_and_grad(x, y, self.loss)
        out = np.asarray(self.net.values[self.net.output_names[0]])[0]
        rnn = self.rnn
        T = self.steps
        xs = np.asarray(x[0]).reshape(T, -1)
        x_labels = [fmt(row[0], 2) if row.size == 1 else fmt(np.linalg.norm(row), 2) for row in xs]
        shown = self.loss.predict(out[None])[0] if self.loss.wants_logits else out
        y_text = ", ".join(fmt(v, 2) for v in np.ravel(shown)[:3])
        t_text = ", ".join(fmt(v, 2) for v in np.ravel(y[0])[:3])
        if rnn.return_sequences:
            y_labels, target = [y_text] * T, [t_text] * T
        else:
            y_labels = [""] * (T - 1) + [y_text]
            target = [""] * (T - 1) + [t_text]
        pred_all = self.net.forward(self.xv)
        metric = float(self.loss.value(pred_all, self.yv))
        self.net.loss_and_grad(x, y, self.loss)  # leave the display pass in the caches
        return self._frame(
            x_labels=x_labels,
            y_labels=y_labels,
            target_labels=target,
            metric_name="validation loss",
            metric=metric,
            series={"x": xs[:, 0].copy(), "target": None, "prediction": None},
            text={"target": t_text, "prediction": y_text},
        )
