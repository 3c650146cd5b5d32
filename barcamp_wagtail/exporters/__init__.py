"""Schedule exporters: one module per format behind ``base.BaseExporter``."""

from .base import BaseExporter, ExportUnavailable, get_exporter, get_exporters

__all__ = ["BaseExporter", "ExportUnavailable", "get_exporter", "get_exporters"]
