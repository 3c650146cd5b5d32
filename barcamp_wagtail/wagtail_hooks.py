"""Admin and extension wiring of barcamp_wagtail."""

from wagtail import hooks

from .exporters.base import HOOK_NAME


@hooks.register(HOOK_NAME)
def register_builtin_exporters():
    from .exporters.c3voc_json import C3vocJsonExporter
    from .exporters.frab_xml import FrabXmlExporter
    from .exporters.ical import ICalExporter
    from .exporters.pdf import BookletExporter, DoorSignsExporter, GridA3Exporter, GridA4Exporter

    return [
        GridA4Exporter,
        GridA3Exporter,
        DoorSignsExporter,
        BookletExporter,
        ICalExporter,
        FrabXmlExporter,
        C3vocJsonExporter,
    ]
