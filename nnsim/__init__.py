"""nnsim: a neural-network simulator for teaching (engine, model, GUI)."""

__version__ = "0.1.0"
