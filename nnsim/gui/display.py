"""Whether a window can be shown here, found before Qt starts (Qt aborts without a display).

Qt ends the process (SIGABRT, "could not connect to display") when its platform plugin
cannot reach a display, before Python can catch anything. ``display_problem`` looks first
— the environment, and a connection to the X or Wayland socket it names — so that
``nnsim gui`` can say so in one line, or draw off screen for ``--screenshot``. No Qt here:
``nnsim doctor`` uses it too.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping

#: Qt platform plugins that need no display (they draw into memory or a framebuffer).
HEADLESS_PLATFORMS = (
    "offscreen",
    "minimal",
    "minimalegl",
    "vnc",
    "eglfs",
    "linuxfb",
    "vkkhrdisplay",
)

_X_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?$")


def _connects(family, address, timeout: float = 1.0) -> bool:
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(address)
        return True
    except OSError:
        return False
    finally:
        s.close()


def x_display_problem(env: Mapping[str, str]) -> str | None:
    """None when the X server that ``DISPLAY`` names accepts a connection; else why not."""
    display = env.get("DISPLAY", "")
    if not display:
        return "DISPLAY is not set"
    m = _X_DISPLAY.match(display)
    if m is None:
        return None  # a form this check does not know (XQuartz's socket path): let Qt try
    host, number = m["host"], int(m["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux X servers also listen on an abstract socket of the same name.
        if sys.platform.startswith("linux") and _connects(socket.AF_UNIX, "\0" + path):
            return None
        if os.path.exists(path) and _connects(socket.AF_UNIX, path):
            return None
        if host == "unix":
            return f"cannot connect to the X display {display}"
        host = "localhost"
    if _connects(socket.AF_INET, (host, 6000 + number)):
        return None
    return f"cannot connect to the X display {display}"


def wayland_problem(env: Mapping[str, str]) -> str | None:
    """None when the Wayland compositor ``WAYLAND_DISPLAY`` names accepts a connection."""
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        return "WAYLAND_DISPLAY is not set"
    path = name if os.path.isabs(name) else os.path.join(env.get("XDG_RUNTIME_DIR", ""), name)
    if os.path.exists(path) and _connects(socket.AF_UNIX, path):
        return None
    return f"cannot connect to the Wayland display {name}"


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None):
    """None when nnsim's window can be opened here; else one short sentence saying why not.

    Parameters
    ----------
    environ : mapping, optional
        The environment to judge (default ``os.environ``).
    platform : str, optional
        ``sys.platform`` to judge for (default this one's).
    """
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    wanted = [p.split(":")[0].strip().lower() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [p for p in wanted if p]
    if not wanted:
        if plat.startswith(("win", "darwin", "cygwin")):
            return None  # the desktop is always there
        wanted = ["wayland", "xcb"]  # what Qt tries on Linux and the BSDs
    reasons = []
    for name in wanted:
        if name in HEADLESS_PLATFORMS:
            return None
        if name.startswith("wayland"):
            reason = wayland_problem(env)
        elif name == "xcb":
            reason = x_display_problem(env)
        else:
            return None  # windows, cocoa, ...: a plugin that brings its own display
        if reason is None:
            return None
        reasons.append(reason)
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        reasons = [r for r in reasons if not r.endswith("is not set")]
    else:
        reasons = ["neither DISPLAY nor WAYLAND_DISPLAY is set"]
    return "no display to open a window on: " + "; ".join(dict.fromkeys(reasons))


def describe_display(environ: Mapping[str, str] | None = None) -> str:
    """Where the window would open, for ``nnsim doctor`` ("X display :0", "offscreen")."""
    env = os.environ if environ is None else environ
    qpa = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return f"the {qpa} platform (QT_QPA_PLATFORM): windows are drawn in memory, not shown"
    if env.get("WAYLAND_DISPLAY") and wayland_problem(env) is None and qpa in ("", "wayland"):
        return f"the Wayland display {env['WAYLAND_DISPLAY']}"
    if env.get("DISPLAY") and x_display_problem(env) is None:
        return f"the X display {env['DISPLAY']}"
    return "the system's desktop"
