"""Fixtures of the alerts' tests: a real SMTP server and a real webhook receiver, both on
127.0.0.1 in threads of the test process, and Celery run in-process so the tasks' retries run
at once (the back-off is set to 0 s)."""

import json
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from alerts.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature
from config.celery import app as celery_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def mailbox(settings):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def alert_settings(settings):
    settings.SITE_URL = "http://tracker.example"
    settings.WEBHOOK_RETRY_SECONDS = 0
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    settings.WEBHOOK_DISABLE_AFTER = 5


@pytest.fixture(autouse=True)
def eager():
    was = celery_app.conf.task_always_eager
    celery_app.conf.update(task_always_eager=True)
    yield
    celery_app.conf.update(task_always_eager=was)


SECRET = "s3cret-of-the-receiver"


@dataclass
class Receiver:
    """A webhook receiver as its owner would write one: it checks each request's signature."""

    status: int = 200
    secret: str = SECRET
    requests: list = field(default_factory=list)
    url: str = ""

    def handler(receiver):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {
                        "body": json.loads(body),
                        "signed": verify_signature(
                            receiver.secret,
                            self.headers[TIMESTAMP_HEADER],
                            body,
                            self.headers[SIGNATURE_HEADER],
                        ),
                        "headers": dict(self.headers),
                    }
                )
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def receiver():
    found = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), found.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    found.url = f"http://127.0.0.1:{server.server_port}/hook"
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def analyst_mail(analyst):
    analyst.email = "analyst@example.org"
    analyst.save()
    return analyst


@pytest.fixture
def editor_mail(editor):
    editor.email = "editor@example.org"
    editor.save()
    return editor
