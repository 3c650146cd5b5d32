"""Serializers for Wagtail's API (``api_fields``): the schedule grid as data for headless sites."""

from rest_framework import serializers


class ScheduleGridField(serializers.Field):
    """Read-only: a ``ScheduleGrid`` as rooms, days, slots and cells (see ``grid.grid_data``)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        from .grid import grid_data, set_session_urls

        request = self.context.get("request")
        set_session_urls(value, value.event.get_url(request))
        return grid_data(value, request=request)
