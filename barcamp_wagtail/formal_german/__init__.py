"""Formal German ("Sie") on the public side.

The app's German addresses visitors and participants with "du", as barcamps do. A site that wants
"Sie" lists ``"barcamp_wagtail.formal_german"`` in ``INSTALLED_APPS`` above ``"barcamp_wagtail"``:
Django then reads this app's catalogue first, and its messages (the "Sie" wording of every public
string that says "du") take precedence over the app's own. The admin says "Sie" either way.
"""
