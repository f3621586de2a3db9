"""Package list for setuptools: nnsim's packages plus resources/ installed as nnsim.resources.

pyproject.toml holds everything else; the package list lives here because
``packages.find`` cannot pick up a package whose folder is mapped elsewhere. Every folder
of resources/ is listed as a (namespace) package of its own with all its files as package
data, so setuptools installs them without warning that a folder "would be ignored".
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = [
    "nnsim.resources",
    *(
        f"nnsim.resources.{name}"
        for name in find_namespace_packages(where="resources", exclude=["*__pycache__*"])
    ),
]

setup(
    packages=[*find_packages(include=["nnsim", "nnsim.*"]), *RESOURCES],
    package_data={name: ["*"] for name in RESOURCES},
)
