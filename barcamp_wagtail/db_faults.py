"""A database that cannot take a write right now: SQLite locked past its timeout, PostgreSQL past
its ``lock_timeout`` or ``statement_timeout`` (docs/deployment.md shows how to set them).

Such a failure passes: the public forms answer 503 with ``Retry-After`` and show the form again
with everything the visitor typed, instead of a server error page that loses the text.
"""

from django.db import OperationalError

# SQLSTATEs of PostgreSQL that mean "try again": lock_not_available (lock_timeout),
# query_canceled (statement_timeout), deadlock_detected, serialization_failure.
POSTGRESQL_BUSY = {"55P03", "57014", "40P01", "40001"}
SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")

RETRY_AFTER_SECONDS = 10


def is_busy(error):
    """Whether ``error`` means the database is busy (worth trying again), not broken."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if state:
        return state in POSTGRESQL_BUSY
    return any(text in str(error).lower() for text in SQLITE_BUSY)


def retry_later(response):
    """Turn ``response`` (the form shown again) into the 503 a busy database deserves."""
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
