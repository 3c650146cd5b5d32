"""Participants: registration with a waiting list, badges, check-in at the door and an opt-in
networking directory. One module per role: models, seats (who gets a seat), registration,
codes (voter codes), forms, views (public), admin_views (organisers), badges, checkin, directory,
privacy. Admin wiring lives in ``barcamp_wagtail/wagtail_hooks.py``; mail in ``barcamp_wagtail/mail.py``."""
