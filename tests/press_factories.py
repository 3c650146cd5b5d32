"""Builders for sponsors, images, documents and press pages (saved and published)."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from barcamp_wagtail.models import PressIndexPage, PressReleasePage, Sponsor

from .factories import make_home


def make_image(title="Logo", width=640, height=480):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(filename=f"{title.lower()}.png", size=(width, height))
    )


def make_document(title="Press kit"):
    return get_document_model().objects.create(title=title, file=ContentFile(b"%PDF-1.4\n", name="press-kit.pdf"))


def make_sponsor(name="Devspire", url="https://sponsor.example/", logo=None, description=""):
    return Sponsor.objects.create(name=name, url=url, logo=logo, description=description)


def make_press_index(parent=None, title="Press", slug="press"):
    parent = parent or make_home()
    index = PressIndexPage(title=title, slug=slug)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_release(parent, title="Barcamp was a success", day=datetime.date(2026, 10, 19), publish=True, **fields):
    fields.setdefault("lead", "About 40 people met in Iserlohn.")
    release = PressReleasePage(title=title, dateline_place="Iserlohn", dateline_date=day, live=publish, **fields)
    parent.add_child(instance=release)
    revision = release.save_revision()
    if publish:
        revision.publish()
    release.refresh_from_db()
    return release


def list_block(items):
    """ListBlock form data, to be used inside ``nested_form_data``."""
    data = {str(i): {"value": value, "deleted": "", "order": str(i)} for i, value in enumerate(items)}
    data["count"] = str(len(items))
    return data
