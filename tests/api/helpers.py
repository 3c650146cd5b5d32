"""Reading Wagtail's API v2 of the example site as a headless front end does: HTTP GET, JSON back."""

from barcamp_wagtail.models import EventPage, SessionPage

SESSION_TYPE = f"{SessionPage._meta.app_label}.{SessionPage.__name__}"
EVENT_TYPE = f"{EventPage._meta.app_label}.{EventPage.__name__}"


def api_get(client, path, params=None):
    response = client.get(path, params or {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def list_sessions(client, event=None, **params):
    params = {"type": SESSION_TYPE, "fields": "*", "limit": 100, **params}
    if event is not None:
        params["child_of"] = event.pk
    return api_get(client, "/api/v2/pages/", params)


def event_detail(client, event):
    return api_get(client, f"/api/v2/pages/{event.pk}/")
