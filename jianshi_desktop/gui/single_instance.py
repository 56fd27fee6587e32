"""A second start of the window brings the first one forward.

The running window listens on a local socket (a named pipe on Windows, a socket file on
Linux) whose name comes from its data folder; only the same user may connect. A second
start — refused by the data folder's lock (:mod:`jianshi_desktop.instance_lock`) — sends
``raise`` there, so the first window comes to the front (de-minimised, activated where
the platform allows), then says 程序已在运行 in a message box and exits 0 without
touching the data folder.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from jianshi_desktop import APP_NAME, crash, instance_lock
from jianshi_desktop.gui.common import messages

log = logging.getLogger(__name__)

RAISE_REQUEST = b"raise\n"
RAISED_REPLY = b"raised\n"
WAIT_MS = 1500
TITLE = "程序已在运行"

_server: QLocalServer | None = None  # the one server of this process


def server_name(data_root: Path) -> str:
    """The socket's name for ``data_root`` and this user: no path, nothing personal."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name to be had (a service account …)
        user = ""
    key = str(data_root.resolve())
    if sys.platform == "win32":
        key = key.lower()  # one folder, however it was spelt
    digest = hashlib.sha256(f"{user}\0{key}".encode()).hexdigest()[:24]
    return f"jianshi-{digest}"


def start_server(app: QApplication, data_root: Path) -> QLocalServer | None:
    """Listen for a second start of the window on ``data_root`` (the previous server of
    this process, if any, stops); None when the socket cannot be made (the program runs
    anyway: a second start then only shows its message)."""
    global _server
    stop_server()
    name = server_name(data_root)
    server = QLocalServer(app)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    # The data folder's lock is held: a socket file still there is a crashed run's.
    QLocalServer.removeServer(name)
    if not server.listen(name):
        log.warning("No single-instance socket %s: %s", name, server.errorString())
        server.deleteLater()
        return None
    server.newConnection.connect(lambda: _accept(server))
    _server = server
    return server


def stop_server() -> None:
    global _server
    server, _server = _server, None
    if server is not None:
        server.close()
        server.deleteLater()


def _accept(server: QLocalServer) -> None:
    while server.hasPendingConnections():
        socket = server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda s=socket: _answer(s))
        socket.disconnected.connect(socket.deleteLater)
        if socket.bytesAvailable():
            _answer(socket)


def _answer(socket: QLocalSocket) -> None:
    if not socket.canReadLine():
        return
    request = bytes(socket.readLine().data())
    if request != RAISE_REQUEST:
        socket.disconnectFromServer()
        return
    log.info("A second start asked for the window")
    raised = bring_forward()
    socket.write(RAISED_REPLY if raised else b"no window\n")
    socket.flush()


def bring_forward() -> bool:
    """Show, de-minimise, raise and activate the visible windows (a modal dialog last, so
    that it stays on top); False when there is none."""
    shown = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
    ]
    if not shown:
        return False
    modal = QApplication.activeModalWidget()
    shown.sort(key=lambda w: w is modal)
    for widget in shown:
        _raise(widget)
    return True


def _raise(widget: QWidget) -> None:
    if widget.isMinimized():
        widget.setWindowState(widget.windowState() & ~Qt.WindowState.WindowMinimized)
        widget.showNormal()
    widget.raise_()
    widget.activateWindow()


def ask_first_to_raise(data_root: Path, pid: int = 0) -> bool:
    """Ask the window already running on ``data_root`` to come forward; True when it did."""
    if sys.platform == "win32":
        _allow_foreground(pid)
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_root))
    try:
        if not socket.waitForConnected(WAIT_MS):
            log.info("No answer from the first window: %s", socket.errorString())
            return False
        socket.write(RAISE_REQUEST)
        if not socket.waitForBytesWritten(WAIT_MS):
            return False
        while not socket.canReadLine():
            if not socket.waitForReadyRead(WAIT_MS):
                return False
        return bytes(socket.readLine().data()) == RAISED_REPLY
    finally:
        socket.abort()


def _allow_foreground(pid: int) -> None:
    """Windows only lets the process the user just started take the foreground: hand that
    right to the first window's process."""
    try:
        import ctypes

        asfw_any = -1
        ctypes.windll.user32.AllowSetForegroundWindow(pid or asfw_any)  # type: ignore[attr-defined]
    except (AttributeError, OSError):  # the window just may stay behind
        log.info("AllowSetForegroundWindow failed", exc_info=True)


def already_running_message(
    data_root: Path, holder: instance_lock.Holder, *, raised: bool
) -> tuple[str, str]:
    """What a second start says: the text and the hint."""
    if holder.purpose and not holder.is_window:
        return (
            f"{TITLE}：数据文件夹“{data_root}”正在被命令“{holder.purpose}”使用。",
            "请等这个命令完成后再打开程序。",
        )
    text = f"{TITLE}：{APP_NAME}已经打开了（数据文件夹“{data_root}”），不用再打开一次。"
    if raised:
        return text, "已把打开着的程序窗口调到了最前面。"
    return text, "请在屏幕下方的任务栏上找到打开着的程序窗口，点一下它即可。"


def report_already_running(data_root: Path, holder: instance_lock.Holder) -> int:
    """The whole second start: ask the first window forward, say so, exit code 0. Nothing
    is written, not even to the data folder's log."""
    from jianshi_desktop.gui.app import create_application

    app = create_application()
    raised = False
    if not holder.purpose or holder.is_window:
        raised = ask_first_to_raise(data_root, holder.pid)
    text, hint = already_running_message(data_root, holder, raised=raised)
    log.info("%s %s", text, hint)
    print(f"{text}{hint}", file=sys.stderr, flush=True)
    if crash.dialogs_enabled():
        messages.information(None, text, title=TITLE, hint=hint)
    del app
    return 0
