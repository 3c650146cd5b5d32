"""The floor: plain Wagtail serving a stored HTML document at a given URL depth.

The least any server-rendered Wagtail page costs: a ``RawHtmlPage`` whose template is only
``{{ page.html|safe }}``, with the apps of ``wagtail start`` (without its demo apps and the
Django admin) and the example site's middleware, run with the same Django and Wagtail as
the app. The benchmarks store the schedule page's own HTML in it and compare.
"""
