"""What goes into the nnsim bundle: names, version, resources, excluded modules (spec + tests).

The PyInstaller spec, the Linux package script and the tests all read this module, so
the installers of the three systems agree on one list. Standard library only: the spec
imports it before anything else is set up.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"

# Executable names (without ".exe"); the GUI is windowed, the CLI keeps its console.
GUI_NAME = "nnsim-gui"
CLI_NAME = "nnsim"
# Folder PyInstaller writes into dist/ (and the folder installed to /opt/nnsim on Linux).
DIST_NAME = "nnsim"
BUNDLE_ID = "org.nnsim.nnsim"
DISPLAY_NAME = "nnsim"
SUMMARY = "Neural-network simulator for teaching"
SUMMARY_ZH = "神经网络教学模拟器"

# The document type, the same on every system.
FILE_EXTENSION = "nnsim"
MIME_TYPE = "application/x-nnsim"
MIME_ICON = "application-x-nnsim"
UTI = "org.nnsim.document"

# Where the resources sit inside the bundle: nnsim.paths looks in sys._MEIPASS/nnsim/resources.
RESOURCES_DEST = "nnsim/resources"

# Top folders of resources/ the app reads; each must be shipped (the tests check this).
RESOURCE_FOLDERS = ("lessons", "datasets", "schema", "fonts", "translations", "icons", "corpus")
# Files that must be in every bundle: the MNIST licence notice travels with the data.
REQUIRED_RESOURCES = (
    "datasets/mnist/NOTICE",
    "fonts/wqy-microhei.ttc",
    "fonts/DejaVuSansCondensed.ttf",
    "fonts/DejaVuSansCondensed-Bold.ttf",
    "fonts/DejaVu-LICENSE.txt",
    "schema/nnsim.schema.json",
    "icons/nnsim.svg",
)

# Distributions whose metadata (licence files) the bundle carries beside their code; the
# PyInstaller hooks already copy numpy's and psygnal's.
LICENSED_DISTRIBUTIONS = ("pyside6_essentials", "shiboken6", "pyqtgraph")

# Modules nnsim never imports but that PyInstaller would follow from optional imports of
# its dependencies, or that sit in a developer's environment (torch for benchmarks).
# tests/packaging/test_recipes.py imports every nnsim module with these blocked.
# Not listed because pyqtgraph imports them unconditionally: QtOpenGL, QtOpenGLWidgets.
QT_EXCLUDES = tuple(
    f"PySide6.{m}"
    for m in (
        "Qt3DAnimation",
        "Qt3DCore",
        "Qt3DExtras",
        "Qt3DInput",
        "Qt3DLogic",
        "Qt3DRender",
        "QtBluetooth",
        "QtCharts",
        "QtConcurrent",
        "QtDataVisualization",
        "QtDBus",
        "QtDesigner",
        "QtGraphs",
        "QtGraphsWidgets",
        "QtHelp",
        "QtHttpServer",
        "QtLabsStyleKit",
        "QtLocation",
        "QtMultimedia",
        "QtMultimediaWidgets",
        "QtNetwork",
        "QtNetworkAuth",
        "QtNfc",
        "QtPdf",
        "QtPdfWidgets",
        "QtPositioning",
        "QtQml",
        "QtQmlFeatures",
        "QtQuick",
        "QtQuick3D",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQuickWidgets",
        "QtRemoteObjects",
        "QtScxml",
        "QtSensors",
        "QtSerialBus",
        "QtSerialPort",
        "QtSpatialAudio",
        "QtSql",
        "QtStateMachine",
        "QtSvgWidgets",
        "QtTest",
        "QtTextToSpeech",
        "QtUiTools",
        "QtWebChannel",
        "QtWebEngineCore",
        "QtWebEngineQuick",
        "QtWebEngineWidgets",
        "QtWebSockets",
        "QtWebView",
        "QtXml",
    )
)
PYQTGRAPH_EXCLUDES = (
    "pyqtgraph.opengl",
    "pyqtgraph.jupyter",
    "pyqtgraph.examples",
    "pyqtgraph.canvas",
    "pyqtgraph.flowchart",
    "pyqtgraph.console",
)
OTHER_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "turtle",
    "torch",
    "torchvision",
    "matplotlib",
    "scipy",
    "pandas",
    "sympy",
    "networkx",
    "mpmath",
    "IPython",
    "jupyter_rfb",
    "PIL",
    "OpenGL",
    "cupy",
    "numba",
    "h5py",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "pytest",
    "hypothesis",
    "readline",  # interactive consoles only; would pull libreadline and libtinfo
)
EXCLUDES = QT_EXCLUDES + PYQTGRAPH_EXCLUDES + OTHER_EXCLUDES

# Qt files the PySide6 hooks collect that nnsim does not need. Matched against the
# destination path inside the bundle with forward slashes.
#   libqpdf: needs QtPdf (not shipped with PySide6-Essentials) and nnsim reads no PDFs;
#   eglfs/linuxfb/vnc/vkkhrdisplay/minimalegl, generic/ (evdev, TUIO): framebuffer and kiosk
#   back-ends, not laptops (TUIO alone would pull QtNetwork and Kerberos);
#   platformthemes/libqgtk3: would load the system's GTK against the bundle's older GLib;
#   without it Qt draws its own (identical on every laptop) dialogs.
DROP_QT_FILES = (
    "/imageformats/libqpdf",
    "/imageformats/qpdf",
    "/platformthemes/libqgtk3",
    "/generic/",
    "/platforms/libqeglfs",
    "/platforms/libqlinuxfb",
    "/platforms/libqvnc",
    "/platforms/libqvkkhrdisplay",
    "/platforms/libqminimalegl",
    "/egldeviceintegrations/",
    "libQt6EglFSDeviceIntegration",
    "libQt6EglFsKmsSupport",
)
# Qt's own translations: only the languages nnsim ships (English needs none).
QT_TRANSLATION_LANGS = ("zh_CN",)


def version() -> str:
    """The version from ``nnsim/__init__.py`` (its one home), read without importing nnsim."""
    tree = ast.parse((ROOT / "nnsim" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise ValueError("nnsim/__init__.py defines no __version__")


# Files under resources/ that are sources for the maintainers, not read by the app:
# Python files (the package marker, caches), translation sources (.ts; the app loads the
# compiled .qm) and helper scripts.
SKIP_RESOURCE_SUFFIXES = (".py", ".pyc", ".pyo", ".ts", ".sh")


def resource_files() -> list[Path]:
    """Every file under resources/ that ships, relative to resources/."""
    out = []
    for path in sorted(RESOURCES.rglob("*")):
        rel = path.relative_to(RESOURCES)
        if path.is_dir() or "__pycache__" in rel.parts or path.suffix in SKIP_RESOURCE_SUFFIXES:
            continue
        if rel.name.startswith("."):
            continue
        out.append(rel)
    return out


def resource_datas() -> list[tuple[str, str]]:
    """``(source file, destination folder)`` pairs for PyInstaller's ``datas``."""
    return [
        (str(RESOURCES / rel), str(Path(RESOURCES_DEST, *rel.parts[:-1]).as_posix()))
        for rel in resource_files()
    ]


def keep_qt_file(dest: str) -> bool:
    """Whether a file the Qt hooks collected (by its bundle path) belongs in the bundle."""
    d = dest.replace("\\", "/")
    # Only PySide6's tree (and PyInstaller's links to its libraries) holds Qt's files;
    # nnsim's own resources, translations included, always ship.
    if not d.startswith(("PySide6/", "libQt6")):
        return True
    if any(part in d for part in DROP_QT_FILES):
        return False
    if "/translations/" in d and d.endswith(".qm"):
        # qt_*.qm gathers the qtbase_* catalogue; the other modules' texts are not used.
        name = d.rsplit("/", 1)[1]
        return any(name in (f"qt_{lang}.qm", f"qtbase_{lang}.qm") for lang in QT_TRANSLATION_LANGS)
    return True


# Libraries Qt opens at run time with dlopen (not visible as link-time imports), kept even
# when only dropped plugins seemed to need them.
DLOPENED_LIBS = ("libdbus-1.so.3", "libEGL.so.1", "libGL.so.1", "libxkbcommon.so.0")


def prune_orphans(binaries, dropped, imports):
    """Remove the shared libraries that only dropped files needed.

    Parameters
    ----------
    binaries : list of (dest, src, typecode)
        PyInstaller's binaries TOC after the drop.
    dropped : list of (dest, src, typecode)
        Entries removed from it (plugins nnsim does not use).
    imports : callable
        ``imports(src)`` → set of library file names the binary at ``src`` links against.

    Returns
    -------
    (list, list of str)
        The pruned TOC and the names of the libraries removed.
    """
    by_name: dict[str, list] = {}
    for entry in binaries:
        by_name.setdefault(Path(entry[0]).name, []).append(entry)

    def real_src(name):
        return next((e[1] for e in by_name.get(name, ()) if e[2] != "SYMLINK"), None)

    def closure(sources):
        seen, todo = set(), [s for s in sources if s]
        while todo:
            for name in imports(todo.pop()):
                if name in by_name and name not in seen:
                    seen.add(name)
                    todo.append(real_src(name))
                    todo = [t for t in todo if t]
        return seen

    candidates = closure(e[1] for e in dropped if e[2] != "SYMLINK") - set(DLOPENED_LIBS)
    roots = [e[1] for e in binaries if e[2] != "SYMLINK" and Path(e[0]).name not in candidates]
    orphans = candidates - closure(roots)
    return [e for e in binaries if Path(e[0]).name not in orphans], sorted(orphans)


def drop_dangling_symlinks(binaries, datas):
    """Remove SYMLINK entries (in either TOC) whose target file is no longer shipped."""
    import posixpath

    files = {e[0].replace("\\", "/") for e in (*binaries, *datas) if e[2] != "SYMLINK"}

    def alive(entry):
        if entry[2] != "SYMLINK":
            return True
        dest = entry[0].replace("\\", "/")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), entry[1]))
        return target in files

    return [e for e in binaries if alive(e)], [e for e in datas if alive(e)]


def info_plist(ver: str) -> dict:
    """Info.plist additions for the macOS app: version and the .nnsim document type."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleShortVersionString": ver,
        "CFBundleVersion": ver,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        "LSApplicationCategoryType": "public.app-category.education",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "nnsim network",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "CFBundleTypeIconFile": "nnsim.icns",
                "CFBundleTypeExtensions": [FILE_EXTENSION],
                "CFBundleTypeMIMETypes": [MIME_TYPE],
                "LSItemContentTypes": [UTI],
            }
        ],
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": UTI,
                "UTTypeDescription": "nnsim network",
                "UTTypeConformsTo": ["public.json", "public.data"],
                "UTTypeIconFile": "nnsim.icns",
                "UTTypeTagSpecification": {
                    "public.filename-extension": [FILE_EXTENSION],
                    "public.mime-type": [MIME_TYPE],
                },
            }
        ],
    }


if __name__ == "__main__":
    # `python packaging/bundle_config.py version` prints the version for shell recipes.
    if sys.argv[1:] == ["version"]:
        print(version())
    else:
        raise SystemExit("usage: bundle_config.py version")
