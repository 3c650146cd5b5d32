"""Participants: registration with a waiting list, badges, check-in at the door and an opt-in
networking directory. One module per role: models, seats (who gets a seat), registration, mail,
codes (voter codes), forms, views (public), admin_views (organisers), badges, checkin, directory,
privacy. Admin wiring lives in ``barcamp_wagtail/wagtail_hooks.py``; the mails in ``mail.py`` go out
through ``barcamp_wagtail/mail.py``."""
