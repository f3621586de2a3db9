"""Finding a display before Qt starts: the environment and a connection to its socket."""

import socket

from nnsim.gui.display import describe_display, display_problem


def test_no_display_variables_on_linux_is_a_problem_named_in_one_line():
    problem = display_problem({}, platform="linux")
    assert problem == "no display to open a window on: neither DISPLAY nor WAYLAND_DISPLAY is set"


def test_offscreen_platform_and_other_systems_need_no_display():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "minimal"}, platform="linux") is None
    assert display_problem({}, platform="win32") is None
    assert display_problem({}, platform="darwin") is None
    assert "offscreen platform" in describe_display({"QT_QPA_PLATFORM": "offscreen"})


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_an_x_display_counts_only_when_its_server_answers():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        port = server.getsockname()[1]  # ephemeral ports are above 6000: display port − 6000
        env = {"DISPLAY": f"127.0.0.1:{port - 6000}"}
        assert display_problem(env, platform="linux") is None
        assert describe_display(env) == f"the X display 127.0.0.1:{port - 6000}"
    finally:
        server.close()
    dead = {"DISPLAY": f"127.0.0.1:{_free_port() - 6000}.0"}
    problem = display_problem(dead, platform="linux")
    assert (
        problem
        == f"no display to open a window on: cannot connect to the X display {dead['DISPLAY']}"
    )
    # An X display asked for by name: the same answer, whatever WAYLAND_DISPLAY says.
    assert display_problem({**dead, "QT_QPA_PLATFORM": "xcb"}, platform="linux") == problem


def test_a_wayland_display_counts_when_its_socket_answers(tmp_path):
    path = tmp_path / "wayland-9"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    try:
        env = {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)}
        assert display_problem(env, platform="linux") is None
        assert display_problem({"WAYLAND_DISPLAY": str(path)}, platform="linux") is None
    finally:
        server.close()
    env = {"WAYLAND_DISPLAY": "wayland-8", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem(env, platform="linux") == (
        "no display to open a window on: cannot connect to the Wayland display wayland-8"
    )
