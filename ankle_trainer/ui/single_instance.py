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
        """True when this is the only running copy for the data folder."""
        return self.lock.tryLock(0)

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

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
