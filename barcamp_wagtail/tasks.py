"""Work done outside the request through Django's tasks framework: rendering the cached
exports (PDF) and sending mail.

Django 6 ships ``django.tasks``; on Django 5.2 the ``django-tasks`` package (which Wagtail
already installs) provides the same API. Wagtail's own tasks use ``django_tasks`` when it is
installed, so this module does too: one ``TASKS`` setting then drives both.
"""

import inspect

from django.conf import settings
from django.utils import translation

try:
    from django_tasks import task
except ImportError:  # pragma: no cover  (Django 6 without the django-tasks package)
    from django.tasks import task


@task()
def render_cached_exports(event_id, languages=None):
    """Render every exporter with ``cache_output`` (all built-in ones) for the current version of an
    event, in each language of the site. Returns how many exports were rendered or found
    in the cache; 0 when the event is gone or WeasyPrint is missing."""
    from .exporters import get_exporters
    from .exporters.pdf import weasyprint_import_error
    from .models import EventPage

    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None or weasyprint_import_error():
        return 0
    exporters = [exporter for exporter in get_exporters().values() if exporter.cache_output]
    done = 0
    for language in languages or [code for code, _name in settings.LANGUAGES]:
        with translation.override(language):
            for exporter in exporters:
                exporter.get_output(event)
                done += 1
    return done


# mail.py enqueues after the commit itself, on every version of the framework; django-tasks
# before 0.9 would otherwise wait for a further commit that may never come.
IMMEDIATELY = {"enqueue_on_commit": False} if "enqueue_on_commit" in inspect.signature(task).parameters else {}


@task(**IMMEDIATELY)
def deliver_mail(kind, object_id):
    """Send the mails of ``kind`` about one object (see mail.py), after the commit that asked for it."""
    from . import mail

    mail.deliver(kind, object_id)
