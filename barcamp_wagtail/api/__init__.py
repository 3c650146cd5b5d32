"""The app's part of Wagtail's API v2: ``fields`` serializes events, sessions and the schedule
(``api_fields`` of the page models), ``views.BarcampPagesAPIViewSet`` is the pages endpoint that
lists them in a number of queries that does not grow with the number of sessions (docs/api.md)."""
