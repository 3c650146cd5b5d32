"""A stand-in for Google's reCAPTCHA verify endpoint during an outage: it accepts TCP connections
and never sends a byte, so every verify call waits for its full timeout. Point django-recaptcha
at it with ``RECAPTCHA_DOMAIN = f"127.0.0.1:{SilentGoogle().port}"``."""

import socket
import threading


class SilentGoogle:
    """Accepts TCP connections and never sends a byte: a verify endpoint that hangs."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=100)
        self.port = self.listener.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return
