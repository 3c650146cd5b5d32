"""Run barcamps on an existing Wagtail site."""

VERSION = (0, 1, 0)
__version__ = ".".join(str(part) for part in VERSION)
