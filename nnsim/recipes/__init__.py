"""Teaching recipes, headless: the demos' networks and runs, the exercise, the plots' numbers.

The layer between the model and the GUI (import contracts in pyproject.toml): it may use
``nnsim.engine``, ``nnsim.data`` and ``nnsim.model``; the GUI, the lessons, the CLI and
the API may use it; it never imports Qt. The views draw what these modules compute and
forward the user's actions to them.

* ``cnn`` — the lecture's MNIST CNN: build, train through ``Trainer``, evaluate;
* ``mnist_training`` — the CNN view's run (CNN or MLP), batch by batch, cancellable;
* ``conv`` — the convolution demo's kernels, example and size explanations;
* ``rnn`` — the three RNN shapes trained headless (data from ``nnsim.data.sequences``);
* ``rnn_runs`` — the RNN view's runs, trained a few updates at a time;
* ``exercise`` — one BP step typed by a student, checked value by value;
* ``problem`` — what the training plots need to know about a session;
* ``plot_data`` — the numbers the training plots draw, bounded for long runs;
* ``plot_columns`` — the registry that adds a per-epoch curve to them (one call).
"""
