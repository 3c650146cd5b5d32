"""The schedule planner in the Wagtail admin: operations, conflict warnings, history and undo.

``operations`` holds the logic (usable without the admin), ``forms`` and ``views`` the admin layer;
the URL and the buttons that lead to it are wired in ``wagtail_hooks.py``.
"""
