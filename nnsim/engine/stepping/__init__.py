"""The step-through's parts: records and their navigation, the perceptron's pass, the optimisers' updates.

``nnsim.engine.stepper`` is the entry point (``Stepper``, ``make_stepper``).
"""
