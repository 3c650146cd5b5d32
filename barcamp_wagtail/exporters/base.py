"""The interface every schedule exporter implements, and the registry of exporters.

An exporter turns an event's published programme into one file. Sites add their own
with the ``register_barcamp_exporters`` hook (see docs/exports.md)::

    @hooks.register("register_barcamp_exporters")
    def register_my_exporters():
        return [MyCsvExporter]
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

HOOK_NAME = "register_barcamp_exporters"


class ExportUnavailable(Exception):
    """The exporter cannot run on this server; the message says what is missing."""


class BaseExporter:
    """One export format of a schedule.

    Subclasses set the attributes and implement ``render()``. ``cache_output``
    keeps the rendered bytes per schedule version (worth it for slow formats only).
    """

    #: Unique, URL-safe name, used in the export URL.
    identifier = None
    #: Shown to visitors next to the download link.
    verbose_name = None
    #: File name extension without the dot.
    extension = None
    content_type = "application/octet-stream"
    #: Whether browsers should save the file rather than show it.
    as_attachment = True
    #: Added to the file name: "<event> <suffix>.<extension>".
    filename_suffix = _("schedule")
    #: Keep the rendered bytes in the cache, keyed by schedule version and language.
    cache_output = False

    @property
    def label(self):
        return self.verbose_name

    def is_available(self):
        """Raise ``ExportUnavailable`` when this exporter cannot run here."""

    def render(self, event):
        """Return the export of ``event``'s published programme as bytes."""
        raise NotImplementedError

    def get_output(self, event):
        """The export as bytes, from the cache when ``cache_output`` is set."""
        if not self.cache_output:
            return self.render(event)
        from .cache import cached_render

        return cached_render(self, event)

    def get_filename(self, event):
        return f"{event.title} {self.filename_suffix}.{self.extension}"


def get_exporters():
    """All registered exporters by identifier, in registration order."""
    exporters = {}
    for hook in hooks.get_hooks(HOOK_NAME):
        for exporter in hook():
            instance = exporter() if isinstance(exporter, type) else exporter
            if not instance.identifier:
                raise ValueError(f"{exporter!r} has no identifier.")
            exporters[instance.identifier] = instance
    return exporters


def get_exporter(identifier):
    return get_exporters().get(identifier)
