"""Draft a press release from an event's own data ("Draft a press release" in the page editor).

- ``facts.py`` reads what the app knows about an event: figures, topics, organisers, sponsors,
  documentation, the next edition, the contact;
- ``drafting.py`` writes the draft from those facts through overridable text templates
  (``templates/barcamp_wagtail/press_draft/``) and files it below the event's press index;
- ``publishing.py`` refuses to publish a release whose quotes are still to be filled in;
- ``admin_views.py`` is the admin view behind the button (wired in ``wagtail_hooks.py``).
"""
