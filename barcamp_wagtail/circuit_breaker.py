"""A circuit breaker whose state lives in the shared cache, so that every process and server
sees it: after a few failures of an outside service in a row, calls fail fast for a while
instead of each holding a worker for the full timeout; then one call probes the service again.

Used for Google's reCAPTCHA verification (``forms.GuardedReCaptchaField``). Built on Django's
cache with ``add`` and ``incr``, which are atomic in Redis and Memcached: no extra package,
and no state in one process.

States: *closed* (calls go through; failures are counted, a success resets the count); *open*
(``CIRCUIT_FAILURES`` failures within ``CIRCUIT_OPEN_SECONDS``: calls fail fast until the
period is over); *half open* (the period is over: one caller at a time probes; its success
closes the breaker, its failure opens it again).
"""

from .conf import get_setting
from .shared_cache import shared_cache


class CircuitOpen(Exception):
    """The service is taken to be down: the call was not made."""


class CircuitBreaker:
    def __init__(self, name):
        self.name = name

    @property
    def cache(self):
        return shared_cache(get_setting("CIRCUIT_CACHE"))

    def _key(self, part):
        return f"barcamp_wagtail:circuit:{self.name}:{part}"

    def is_open(self):
        """Whether calls fail fast now (without taking the half-open probe)."""
        return self.cache.get(self._key("open")) is not None

    def allow(self):
        """Whether a call may be made now. While open: no. Once the open period is over, the
        first caller probes (half open) and the others still fail fast until it has answered."""
        if self.is_open():
            return False
        if self.cache.get(self._key("failures"), 0) < get_setting("CIRCUIT_FAILURES"):
            return True
        # Half open: the breaker had opened and its period is over. One probe at a time; the
        # probe's lease runs out by itself should its worker die.
        return self.cache.add(self._key("probe"), 1, timeout=get_setting("CIRCUIT_PROBE_SECONDS"))

    def record_success(self):
        self.cache.delete_many([self._key("failures"), self._key("probe")])

    def record_failure(self):
        threshold = get_setting("CIRCUIT_FAILURES")
        period = get_setting("CIRCUIT_OPEN_SECONDS")
        key = self._key("failures")
        # Failures are counted for twice the open period: a failure now and then never opens it.
        self.cache.add(key, 0, timeout=2 * period)
        try:
            failures = self.cache.incr(key)
        except ValueError:
            self.cache.add(key, 1, timeout=2 * period)
            failures = 1
        if failures >= threshold:
            self.cache.set(self._key("open"), 1, timeout=period)
            self.cache.delete(self._key("probe"))

    def call(self, function, *args, failures=(Exception,), **kwargs):
        """``function(*args, **kwargs)``, or ``CircuitOpen`` without calling it while the breaker
        is open. Exceptions of the types in ``failures`` count as failures of the service."""
        if not self.allow():
            raise CircuitOpen(self.name)
        try:
            result = function(*args, **kwargs)
        except failures:
            self.record_failure()
            raise
        self.record_success()
        return result
