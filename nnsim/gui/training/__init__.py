"""Training in the app: the controller and its worker thread, the settings panel, ``install``."""

from nnsim.gui.training.controller import TrainingController
from nnsim.gui.training.install import TrainingUI, install

__all__ = ["TrainingController", "TrainingUI", "install"]
