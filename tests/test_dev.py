"""dev.py, the README's two commands: its usage, `test` printing pytest's
summary, and `serve` stopping with its server on Ctrl-C or a signal."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a clone holds besides the environment dev.py makes (.venv and node_modules
# are linked into the copy, so nothing is installed) and what builds and tests leave
# (test_filesystems.py may make its on-disk folder beside the repository).
LEFT_OUT = shutil.ignore_patterns(".git", ".venv", "node_modules", "output", ".serve", ".output.cache",
                                  "__pycache__", ".pytest_cache", "bench", ".filesystems-*")


def dev(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(cwd / "dev.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("args", [[], ["serv"], ["--port", "8000"]], ids=["nothing", "a typo", "an option"])
def test_no_or_a_wrong_command_prints_the_usage_and_exits_2(args):
    done = dev(*args)
    assert done.returncode == 2
    assert "usage: python3 dev.py COMMAND" in done.stderr
    for command in ("serve", "test", "setup", "setup --build"):
        assert f"python3 dev.py {command} " in done.stderr
    assert "Traceback" not in done.stderr


def test_setup_refuses_an_unknown_option():
    done = dev("setup", "--bild")
    assert done.returncode == 2
    assert "setup takes only --build" in done.stderr and "usage:" in done.stderr


def test_help_prints_the_usage_and_succeeds():
    done = dev("--help")
    assert done.returncode == 0 and "python3 dev.py setup " in done.stdout


def test_the_test_command_prints_pytests_summary():
    # In one process (-n 0): xdist's workers would be grandchildren holding
    # this test's pipes, and one slow to exit on a busy machine kept it waiting.
    done = dev("test", "-n", "0", "tests/test_dev.py", "-k", "help_prints_the_usage", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^1 passed, \d+ deselected in [\d.]+s", done.stdout, re.M), done.stdout


def load_dev():
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bare_machine(monkeypatch, tmp_path):
    """dev.py on a machine without Chromium or Java, with apt-get; its commands recorded."""
    module = load_dev()
    ran: list[tuple[str, ...]] = []
    monkeypatch.setattr(module, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(module.shutil, "which", lambda name: None if name == "java" else f"/usr/bin/{name}")
    monkeypatch.setattr(module, "run", lambda *command: ran.append(tuple(map(str, command))))
    module.ran = ran
    return module


def test_without_root_it_prints_the_one_command_that_installs_chromium_and_java(bare_machine, monkeypatch):
    monkeypatch.setattr(bare_machine.os, "geteuid", lambda: 1000)
    with pytest.raises(SystemExit) as stop:
        bare_machine.system_packages()
    assert "sudo apt-get update && sudo apt-get install -y chromium default-jre-headless" in str(stop.value.code)
    assert bare_machine.ran == []


def test_as_root_it_installs_chromium_and_java_with_one_apt_get(bare_machine, monkeypatch):
    monkeypatch.setattr(bare_machine.os, "geteuid", lambda: 0)
    bare_machine.system_packages()
    assert bare_machine.ran == [("apt-get", "update", "-qq"),
                                ("apt-get", "install", "-y", "-qq", "--no-install-recommends",
                                 "chromium", "default-jre-headless")]


def test_only_what_is_missing_is_installed(bare_machine, monkeypatch, tmp_path):
    monkeypatch.setattr(bare_machine.os, "geteuid", lambda: 0)
    monkeypatch.setattr(bare_machine, "CHROMIUM", Path(sys.executable))  # a file that is there
    bare_machine.system_packages()
    assert bare_machine.ran[-1][-1] == "default-jre-headless" and "chromium" not in bare_machine.ran[-1]


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A copy of the repository, its .venv and node_modules linked from this one."""
    copy = tmp_path / "clone"
    shutil.copytree(ROOT, copy, ignore=LEFT_OUT)
    for made in (".venv", "node_modules"):
        (copy / made).symlink_to(ROOT / made)
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_to_dev_py_serve_stops_the_server(clone, sig):
    port = free_port()
    server = subprocess.Popen([sys.executable, "dev.py", "serve", "--port", str(port)], cwd=clone,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not answers(port):
            assert server.poll() is None, server.communicate()[0]
            assert time.monotonic() < deadline, "dev.py serve never answered"
            time.sleep(0.2)
        server.send_signal(sig)  # to dev.py's own pid, as Ctrl-C or `kill` would
        output = server.communicate(timeout=30)[0]
        assert server.returncode == 0, output
        assert "stopped" in output and "Traceback" not in output
        assert not answers(port)
        with socket.socket() as s:  # the port is free again
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
        deadline = time.monotonic() + 10
        while group_alive(server.pid):  # no process of dev.py's left behind
            assert time.monotonic() < deadline, "a process of dev.py serve outlived it"
            time.sleep(0.1)
    finally:
        if group_alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
