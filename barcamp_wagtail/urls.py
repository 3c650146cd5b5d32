"""The app's own URLs (optional): include them before Wagtail's, e.g.
``path("barcamp/", include("barcamp_wagtail.urls"))``, and the registration and proposal
forms post to a short URL that skips Wagtail's page-tree walk (see ``direct_post.py``)."""

from django.urls import path

from . import direct_post

app_name = "barcamp_wagtail"

urlpatterns = [
    path("post/<int:page_id>/<slug:form>/", direct_post.serve, name="post"),
]
