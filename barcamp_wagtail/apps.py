from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarcampWagtailConfig(AppConfig):
    name = "barcamp_wagtail"
    label = "barcamp_wagtail"
    verbose_name = _("Barcamp")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # registers the system checks
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        checks.replace_recaptcha_key_check()
