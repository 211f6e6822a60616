"""Start, health-check and stop a local Label Studio server.

Label Studio lives in its own venv (it pins versions that clash with ``datasets``):
``<repo>/.venv-labelstudio/bin/label-studio``, or the executable named by
``NEWSGOLD_LABEL_STUDIO_BIN``. The server always listens on 127.0.0.1 only, keeps its
SQLite database in a data directory, and is started with a known admin account and
API token (legacy tokens are enabled so label-studio-sdk can use the token).

Settings come from options or the environment:

=====================  ==============================  =============================
setting                environment variable            default
=====================  ==============================  =============================
server URL             ``LABEL_STUDIO_URL``            ``http://127.0.0.1:<port>``
port                   ``LABEL_STUDIO_PORT``           8080
data directory         ``LABEL_STUDIO_BASE_DATA_DIR``  ``.labelstudio``
admin e-mail           ``LABEL_STUDIO_USERNAME``       ``admin@newsgold.local``
admin password         ``LABEL_STUDIO_PASSWORD``       ``newsgold-admin``
API token              ``LABEL_STUDIO_API_KEY``        ``newsgold-local-token``
executable             ``NEWSGOLD_LABEL_STUDIO_BIN``   ``.venv-labelstudio/bin/label-studio``
=====================  ==============================  =============================

Every command finds the server the same way (:func:`label_studio_url`): ``--url``, else
``LABEL_STUDIO_URL``, else ``http://127.0.0.1:$LABEL_STUDIO_PORT``, else port 8080; ``serve``
listens on the port of that URL unless ``--port`` says otherwise.

The defaults are for a server on your own machine's loopback; change them for anything
shared.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from newsgold.errors import InputError, NewsgoldError

HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_DATA_DIR = Path(".labelstudio")
DEFAULT_USERNAME = "admin@newsgold.local"
DEFAULT_PASSWORD = "newsgold-admin"
DEFAULT_TOKEN = "newsgold-local-token"
PID_FILE = "newsgold-server.pid"
# Label Studio 1.23.2's default banned subnets (core/utils/io.py validate_ip) less the IPv4
# loopback, where `newsgold labelstudio ml-backend` listens.
BANNED_SUBNETS_EXCEPT_LOOPBACK = (
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "233.252.0.0/24",
    "240.0.0.0/4",
    "255.255.255.255/32",
    "::/128",
    "::1/128",
    "::ffff:0:0/96",
    "::ffff:0:0:0/96",
    "64:ff9b::/96",
    "64:ff9b:1::/48",
    "100::/64",
    "2001:0000::/32",
    "2001:20::/28",
    "2001:db8::/32",
    "2002::/16",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
)
LOG_FILE = "newsgold-server.log"


class ServerError(NewsgoldError, RuntimeError):
    """Label Studio could not be started, reached or stopped."""


def _repo_root() -> Path:
    # src/newsgold/labelstudio/server.py -> repo root (src layout, editable install)
    return Path(__file__).resolve().parents[3]


def find_label_studio(explicit: str | Path | None = None) -> Path:
    """Locate the ``label-studio`` executable.

    Order: ``explicit``, ``$NEWSGOLD_LABEL_STUDIO_BIN``, ``<repo>/.venv-labelstudio/bin/
    label-studio``, then ``<cwd>/.venv-labelstudio/bin/label-studio``.

    Raises:
        ServerError: none of them exists; says how to install it (``make labelstudio``).
    """
    candidates = [Path(c) for c in (explicit, os.environ.get("NEWSGOLD_LABEL_STUDIO_BIN")) if c]
    candidates += [
        _repo_root() / ".venv-labelstudio" / "bin" / "label-studio",
        Path.cwd() / ".venv-labelstudio" / "bin" / "label-studio",
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise ServerError(
        "label-studio executable not found (looked at "
        f"{', '.join(str(c) for c in candidates)}); run `make labelstudio` or set "
        "NEWSGOLD_LABEL_STUDIO_BIN"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class ServerSettings:
    """How to run a local Label Studio (see the module docstring for the environment)."""

    port: int = DEFAULT_PORT
    data_dir: Path = DEFAULT_DATA_DIR
    username: str = DEFAULT_USERNAME
    password: str = DEFAULT_PASSWORD
    token: str = DEFAULT_TOKEN
    executable: Path | None = None  # None: find_label_studio()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @classmethod
    def from_env(cls) -> ServerSettings:
        """Settings from ``LABEL_STUDIO_*`` environment variables, defaults otherwise."""
        env = os.environ
        return cls(
            port=label_studio_port(),
            data_dir=Path(env.get("LABEL_STUDIO_BASE_DATA_DIR", str(DEFAULT_DATA_DIR))),
            username=env.get("LABEL_STUDIO_USERNAME", DEFAULT_USERNAME),
            password=env.get("LABEL_STUDIO_PASSWORD", DEFAULT_PASSWORD),
            token=env.get("LABEL_STUDIO_API_KEY", DEFAULT_TOKEN),
        )


def label_studio_url(explicit: str | None = None) -> str:
    """The Label Studio URL every command uses (one rule for serve, push, pull, ...).

    Order: ``explicit`` (``--url``), ``$LABEL_STUDIO_URL``, ``http://127.0.0.1:$LABEL_STUDIO_PORT``,
    ``http://127.0.0.1:8080``. A trailing slash is dropped.

    Raises:
        InputError: the URL is not ``http(s)://host[:port]``, or the port is not a number.

    Example:
        >>> label_studio_url("http://127.0.0.1:18765/")
        'http://127.0.0.1:18765'
    """
    env = os.environ
    if explicit:
        url, where = explicit, "--url"
    elif env.get("LABEL_STUDIO_URL"):
        url, where = env["LABEL_STUDIO_URL"], "LABEL_STUDIO_URL"
    else:
        port = env.get("LABEL_STUDIO_PORT") or str(DEFAULT_PORT)
        if not port.isdigit():
            raise InputError(f"expected a port number, got {port!r}", field="LABEL_STUDIO_PORT")
        url, where = f"http://{HOST}:{port}", "LABEL_STUDIO_PORT"
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise InputError(f"expected http(s)://host[:port], got {url!r}", field=where) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"expected http(s)://host[:port], got {url!r}", field=where)
    return url.rstrip("/")


def label_studio_port(explicit: int | None = None) -> int:
    """The port ``serve`` listens on: ``explicit``, else the port of :func:`label_studio_url`."""
    if explicit is not None:
        return explicit
    parts = urlsplit(label_studio_url())
    return parts.port or (443 if parts.scheme == "https" else 80)


def is_healthy(url: str, *, timeout: float = 2.0) -> bool:
    """True when ``<url>/health`` answers ``{"status": "UP"}``."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200 and b'"UP"' in response.read()
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class LabelStudioServer:
    """A running server started by :func:`start_server`."""

    settings: ServerSettings
    process: subprocess.Popen[bytes]
    log_path: Path
    stopped: bool = field(default=False)

    @property
    def url(self) -> str:
        return self.settings.url

    def stop(self, *, timeout: float = 20.0) -> None:
        """Stop the server (its whole process group) and remove the pid file."""
        if not self.stopped:
            _terminate_group(self.process.pid, timeout=timeout, process=self.process)
            self.stopped = True
        (self.settings.data_dir / PID_FILE).unlink(missing_ok=True)

    def __enter__(self) -> LabelStudioServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _terminate_group(
    pid: int, *, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None:
            if process.poll() is not None:
                break
        else:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
        time.sleep(0.2)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    if process is not None:
        process.wait(timeout=5)


def start_server(settings: ServerSettings, *, timeout: float = 240.0) -> LabelStudioServer:
    """Start Label Studio on 127.0.0.1 and wait until ``/health`` answers.

    The server runs in its own process group, logs to ``<data_dir>/newsgold-server.log``
    and writes its pid to ``<data_dir>/newsgold-server.pid``.

    Args:
        settings: port, data directory, credentials, executable.
        timeout: seconds to wait for readiness (the first start migrates the database,
            about 35 s).

    Returns:
        The running server; call ``stop()`` (or use it as a context manager).

    Raises:
        ServerError: the port is taken, the executable is missing, the process exits,
            or it is not ready in time (the log's last lines are quoted).

    It starts a real server (tens of seconds), so it has no doctest. Typical use is
    ``with start_server(ServerSettings(port=free_port(), data_dir=folder)) as server:``,
    which stops the server on leaving the block; the test suite's ``label_studio``
    fixture (``tests/conftest.py``) starts one this way.
    """
    if is_healthy(settings.url):
        raise ServerError(
            f"something already answers at {settings.url}; use it, or pick another --port"
        )
    executable = find_label_studio(settings.executable)
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / LOG_FILE
    command = [
        str(executable),
        "start",
        "--no-browser",
        "--internal-host",
        HOST,
        "--port",
        str(settings.port),
        "--data-dir",
        str(data_dir),
        "--username",
        settings.username,
        "--password",
        settings.password,
        "--user-token",
        settings.token,
        "--enable-legacy-api-token",
    ]
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "COLLECT_ANALYTICS": "false",
        # `newsgold labelstudio ml-backend` serves pre-annotations on this loopback. Label
        # Studio refuses local ML backend addresses, and (1.23.2) checks the webhook it adds
        # for the backend against its banned subnets: allow 127.0.0.0/8, keep the rest.
        "ML_BLOCK_LOCAL_IP": "false",
        "USE_DEFAULT_BANNED_SUBNETS": "false",
        "USER_ADDITIONAL_BANNED_SUBNETS": ",".join(BANNED_SUBNETS_EXCEPT_LOOPBACK),
    }
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=data_dir,
            start_new_session=True,
        )
    server = LabelStudioServer(
        ServerSettings(
            settings.port,
            data_dir,
            settings.username,
            settings.password,
            settings.token,
            executable,
        ),
        process,
        log_path,
    )
    (data_dir / PID_FILE).write_text(f"{process.pid}\n", encoding="utf-8")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            raise ServerError(
                f"label-studio exited with status {process.returncode}; last log lines:\n"
                + _tail(log_path)
            )
        if is_healthy(settings.url):
            return server
        time.sleep(0.5)
    server.stop()
    raise ServerError(
        f"label-studio was not ready at {settings.url} after {timeout:.0f} s; last log lines:\n"
        + _tail(log_path)
    )


def _tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def stop_server_in(data_dir: str | Path, *, timeout: float = 20.0) -> int:
    """Stop the server whose pid file is in ``data_dir`` (one started with ``--detach``).

    Returns:
        The pid that was stopped.

    Raises:
        ServerError: no pid file, or it does not hold a pid.
    """
    pid_path = Path(data_dir) / PID_FILE
    if not pid_path.exists():
        raise ServerError(f"no running server recorded in {pid_path}")
    text = pid_path.read_text(encoding="utf-8").strip()
    if not text.isdigit():
        raise ServerError(f"{pid_path}: expected a process id, got {text!r}")
    pid = int(text)
    _terminate_group(pid, timeout=timeout)
    pid_path.unlink(missing_ok=True)
    return pid
