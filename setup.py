"""Package list for setuptools: nnsim's packages plus resources/ installed as nnsim.resources.

pyproject.toml holds everything else; the package list lives here because
``packages.find`` cannot pick up a package whose folder is mapped elsewhere.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["nnsim", "nnsim.*"]), "nnsim.resources"])
