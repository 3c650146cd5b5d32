"""Admin views that Wagtail does not offer, one module per feature; wired up in wagtail_hooks.py."""
