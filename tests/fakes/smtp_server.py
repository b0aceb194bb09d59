"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives in memory."""

import asyncio
import socket
import threading
from email import message_from_bytes

from aiosmtpd.controller import Controller


class FakeSMTP:
    def __init__(self):
        self.messages = []
        # While set, the server takes the whole message and then hangs before answering
        # "250 OK": the client cannot know whether the mail went out.
        self.hold: threading.Event | None = None
        self.held = threading.Event()
        fake = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                fake.messages.append(message_from_bytes(envelope.original_content))
                if fake.hold is not None:
                    fake.held.set()
                    await asyncio.get_running_loop().run_in_executor(None, fake.hold.wait, 60)
                return "250 OK"

        # aiosmtpd checks its port by connecting to it: pick a free one first.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"smtp://127.0.0.1:{self.port}"
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        if self.hold is not None:
            self.hold.set()
        self.controller.stop()
