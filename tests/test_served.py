"""The browser tests' file server (tests/served.py): quiet when a browser drops a connection, as browsers do
with requests of a page they leave; loud for any other error."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

from served import _QuietServer, serve


def test_a_dropped_connection_prints_nothing(tmp_path: Path, capfd) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * 8_000_000)  # more than the socket buffers take at once
    with serve(tmp_path) as url:
        address = urlsplit(url)
        for _ in range(5):
            client = socket.create_connection((address.hostname, address.port))
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            client.close()  # reset: the server's next write fails
        time.sleep(0.5)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_another_error_is_still_reported(capfd) -> None:
    server = _QuietServer(("127.0.0.1", 0), lambda *args: None)
    try:
        try:
            raise ValueError("a handler's own mistake")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    out, err = capfd.readouterr()
    assert "a handler's own mistake" in out + err
