"""Reading values nobody vouches for: ids from URLs, query strings and forms.

``"²".isdigit()`` is true but ``int("²")`` fails; a number past the range of the database column
overflows on SQLite and is refused by PostgreSQL; a NUL byte passes SQLite silently but makes
PostgreSQL refuse the whole query. Each of these would be a server error: the admin views and
the public routes read ids through ``object_id()`` and look for NUL bytes first.
"""

from django.db import connection

NUL = "\x00"


def object_id(value, model):
    """``value`` as a primary key of ``model``, or None: plain ASCII digits within the column's range."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    field = model._meta.pk.target_field if model._meta.pk.is_relation else model._meta.pk
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    low = 1 if low is None else max(low, 1)
    return number if low <= number and (high is None or number <= high) else None


def has_nul_byte(querydict):
    """Whether any key or value of ``querydict`` (``request.GET``, ``request.POST``) holds a NUL byte."""
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())
