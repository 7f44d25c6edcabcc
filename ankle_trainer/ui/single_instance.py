"""One running copy per data folder.

A QLockFile in the data folder decides which copy runs (a lock left by a
crashed copy is recognised as stale and taken over). The running copy listens
on a local socket, started after its first paint; a second start connects,
asks it to come forward, and exits. Command-line subcommands (routines, ...)
take no lock and work while the window is open.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject

LOCK_NAME = ".ankle-trainer.lock"
HANDOVER_SECONDS = 5.0
DAMAGED_LOCK_SECONDS = 10.0  # how old a lock file without a process id must be to be removed


def server_name(data_dir: Path) -> str:
    import hashlib  # here, not at start-up: it loads OpenSSL

    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"ankle-trainer-{uid}-{digest}"


class SingleInstance(QObject):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.lock = QLockFile(str(data_dir / LOCK_NAME))
        self.lock.setStaleLockTime(0)  # stale only when its process is gone
        self.server = None

    @property
    def name(self) -> str:
        return server_name(self.data_dir)

    def acquire(self) -> bool:
        """True when this is the only running copy for the data folder.

        A lock file that is empty or not a lock (a damaged disk, a copy
        killed while writing it) and older than a few seconds is removed and
        the lock taken; a lock held by a running copy never is.
        """
        if self.lock.tryLock(0):
            return True
        if self.lock.error() == QLockFile.LockError.LockFailedError and self._damaged():
            self.lock.removeStaleLockFile()
            return self.lock.tryLock(0)
        return False

    def held_by_another_copy(self) -> bool:
        """After a failed :meth:`acquire`: whether a running copy holds the
        lock (False: the folder could not be written, say)."""
        return self.lock.error() == QLockFile.LockError.LockFailedError

    def _damaged(self) -> bool:
        path = self.data_dir / LOCK_NAME
        try:
            age = time.time() - path.stat().st_mtime
            text = path.read_bytes()[:4096]
        except OSError:
            return False
        lines = text.split(b"\n")
        # A lock Qt wrote holds a process id on its first line; a copy that
        # is still writing its lock gets a few seconds.
        return age > DAMAGED_LOCK_SECONDS and not lines[0].strip().isdigit()

    def listen(self, on_activate: Callable[[], None]) -> bool:
        """Serve 'come forward' requests from later starts (after first paint)."""
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        QLocalServer.removeServer(self.name)  # a socket left by a crash; we hold the lock
        if not server.listen(self.name):
            return False

        def answer() -> None:
            while server.hasPendingConnections():
                conn = server.nextPendingConnection()
                conn.waitForReadyRead(1000)
                if bytes(conn.readAll().data()).strip() == b"activate":
                    on_activate()
                    conn.write(b"ok\n")
                    conn.flush()
                    conn.waitForBytesWritten(1000)
                conn.disconnectFromServer()

        server.newConnection.connect(answer)
        self.server = server
        return True

    def hand_over(self, deadline_seconds: float = HANDOVER_SECONDS) -> bool:
        """Ask the running copy to come forward; True when it answered."""
        from PySide6.QtNetwork import QLocalSocket

        end = time.monotonic() + deadline_seconds
        while time.monotonic() < end:  # the running copy may still be starting
            sock = QLocalSocket()
            sock.connectToServer(self.name)
            if sock.waitForConnected(500):
                sock.write(b"activate\n")
                sock.flush()
                if sock.waitForReadyRead(2000) and bytes(sock.readAll().data()).startswith(b"ok"):
                    return True
            sock.abort()
            time.sleep(0.1)
        return False

    def take_over_copied_lock(self) -> bool:
        """After :meth:`hand_over` failed: True when the lock was copied with
        the folder and is now this copy's (twenty-fifth re-test: a folder
        copied while Ankle Trainer had it open would not open, "another copy
        ... does not answer", the copied lock naming the process running the
        original). A lock is taken as copied only when its process runs on
        this computer and has no file in this folder open (the running copy
        always has its history open), as Linux's /proc shows; where that
        cannot be read it is never taken."""
        try:
            pid, host, _app = self.lock.getLockInfo()
        except (TypeError, ValueError):  # no lock information to read
            return False
        from PySide6.QtCore import QSysInfo

        if not pid or host != QSysInfo.machineHostName():
            return False
        folder = str(self.data_dir.resolve()) + os.sep
        fds = Path(f"/proc/{pid}/fd")
        try:
            for fd in fds.iterdir():
                try:
                    if os.readlink(fd).startswith(folder):
                        return False  # it has the folder open: a copy that does not answer
                except OSError:
                    continue  # closed meanwhile
        except OSError:
            return False  # no /proc (another system) or not ours to read
        if self.lock.tryLock(0):  # its process ended meanwhile: Qt took the stale lock
            return True
        try:  # Qt calls a lock stale only when its process is gone: remove the file itself
            (self.data_dir / LOCK_NAME).unlink()
        except OSError:
            return False
        return self.lock.tryLock(0)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
