"""Google's verify endpoint never answers: after a few failures the forms stop asking it for a
while (the circuit breaker, kept in the shared cache), offer the check without Google, and
probe again later. Tested against a real local server that accepts connections and never replies."""

import datetime
import socket
import threading
import time
from unittest import mock

import pytest
import time_machine
from django_recaptcha.client import RecaptchaResponse
from django_recaptcha.client import submit as real_submit

from barcamp_wagtail.circuit_breaker import CircuitBreaker, CircuitOpen
from barcamp_wagtail.models import SessionProposal

from .conftest import Visitor

pytestmark = pytest.mark.django_db

COULD_NOT_VERIFY = "We could not verify that you are human with Google"
UNREACHABLE = "Google reCAPTCHA cannot be reached at the moment"


class SilentServer:
    """Accepts TCP connections on 127.0.0.1 and never says a word (not even TLS's hello)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(50)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.accepted = 0
        self.connections = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.accepted += 1
            self.connections.append(connection)

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self.listener.close()


@pytest.fixture
def silent_google(settings):
    server = SilentServer()
    settings.RECAPTCHA_DOMAIN = f"127.0.0.1:{server.port}"
    settings.RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 1
    with mock.patch("django_recaptcha.fields.client.submit", new=real_submit):
        yield server
    server.close()


def later(seconds):
    return datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(seconds=seconds)


def send(page, title):
    started = time.monotonic()
    response = Visitor().send(page, {"title": title})
    return response, time.monotonic() - started


def test_a_hanging_verify_endpoint_is_asked_three_times_then_the_form_fails_fast(proposal_page, silent_google):
    results = [send(proposal_page, f"Versuch {number}") for number in range(5)]

    messages = [response.content.decode() for response, _seconds in results]
    assert all(COULD_NOT_VERIFY in html for html in messages[:3])
    assert all(UNREACHABLE in html and "Please use the check without Google" in html for html in messages[3:])
    # The first three each waited for the timeout; the others did not open a connection at all.
    assert silent_google.accepted == 3
    assert all(seconds >= 1 for _response, seconds in results[:3])
    assert not SessionProposal.objects.exists()
    # What was typed is still there, and the check without Google is offered.
    assert "Versuch 4" in messages[4] and "<altcha-widget" in messages[4]


def test_while_google_is_taken_to_be_down_the_form_does_not_offer_it(proposal_page, silent_google):
    for number in range(3):
        send(proposal_page, f"Versuch {number}")

    html = Visitor().open(proposal_page).content.decode()

    assert UNREACHABLE in html
    assert "Load Google reCAPTCHA" not in html
    assert "<altcha-widget" in html


def test_after_the_pause_one_request_probes_google_again(proposal_page, silent_google, recaptcha):
    for number in range(3):
        send(proposal_page, f"Versuch {number}")

    with time_machine.travel(later(61), tick=True):
        probe, _seconds = send(proposal_page, "Probe")
        assert silent_google.accepted == 4
        assert COULD_NOT_VERIFY in probe.content.decode()
        again, _seconds = send(proposal_page, "Gleich wieder")
        assert UNREACHABLE in again.content.decode()
        assert silent_google.accepted == 4

    with (
        time_machine.travel(later(200), tick=True),
        mock.patch("django_recaptcha.fields.client.submit", return_value=RecaptchaResponse(is_valid=True)),
    ):
        healed, _seconds = send(proposal_page, "Google ist zurück")
        after, _seconds = send(proposal_page, "Und noch eine")

    assert healed.status_code == after.status_code == 303


def test_the_breaker_state_is_shared_through_the_cache(settings):
    """Two breakers with the same name (two processes) see the same state."""
    settings.BARCAMP_WAGTAIL = {"CIRCUIT_FAILURES": 2, "CIRCUIT_OPEN_SECONDS": 30}
    one, other = CircuitBreaker("test"), CircuitBreaker("test")

    def fail():
        raise TimeoutError

    for _ in range(2):
        with pytest.raises(TimeoutError):
            one.call(fail)

    with pytest.raises(CircuitOpen):
        other.call(lambda: "not called")


def test_a_refusal_by_google_is_not_a_failure_of_google(proposal_page, recaptcha, settings):
    recaptcha.return_value = RecaptchaResponse(is_valid=False, error_codes=["invalid-input-response"])
    for number in range(5):
        send(proposal_page, f"Bot {number}")
    recaptcha.return_value = RecaptchaResponse(is_valid=True)

    response, _seconds = send(proposal_page, "Mensch")

    assert response.status_code == 303
    assert recaptcha.call_count == 6
