"""Barcamp pages inside host base templates that differ: what each page needs comes inside its
content, and the head content lands in whichever head block the host has, once."""

import re

import pytest

from .factories import make_event, make_proposal_page
from .schedule_helpers import make_schedule_page

pytestmark = pytest.mark.django_db

HEAD_BLOCKS = {
    "wagtail-start": "{% block extra_css %}{% endblock %}",
    "extra-head-only": "{% block extra_head %}{% endblock %}",
    "both": "{% block extra_css %}{% endblock %}{% block extra_head %}{% endblock %}",
    "bakerydemo": "",
}


@pytest.fixture
def host_base(templates_dir):
    """Write the host's base.html; it takes precedence over the example site's."""

    def write(head):
        (templates_dir / "base.html").write_text(
            f"<!DOCTYPE html><html><head><title>Host</title>{head}</head>"
            "<body><main>{% block content %}{% endblock %}</main></body></html>"
        )

    return write


def head_and_body(html):
    head, body = html.split("</head>", 1)
    return head, body


@pytest.mark.parametrize("host", ["wagtail-start", "extra-head-only", "both"])
def test_open_graph_tags_reach_the_head_once_whichever_head_block_the_host_has(client, host_base, host):
    host_base(HEAD_BLOCKS[host])
    event = make_event(title="Barcamp Kopf")

    head, body = head_and_body(client.get(event.url).content.decode())

    assert head.count('<meta property="og:title" content="Barcamp Kopf">') == 1
    assert "og:title" not in body


@pytest.mark.parametrize("host", list(HEAD_BLOCKS))
def test_the_schedule_brings_its_stylesheets_and_script_inside_the_content(client, host_base, host):
    host_base(HEAD_BLOCKS[host])
    event = make_event()
    schedule = make_schedule_page(event)

    _head, body = head_and_body(client.get(schedule.url).content.decode())

    main = re.search(r"<main>(.*)</main>", body, re.S).group(1)
    assert "barcamp_wagtail/css/barcamp.css" in main
    assert "barcamp_wagtail/css/schedule.css" in main
    assert "barcamp_wagtail/js/schedule.js" in main


def test_the_private_link_page_asks_for_same_origin_referrers_in_the_head(client, host_base):
    host_base(HEAD_BLOCKS["wagtail-start"])
    page = make_proposal_page(make_event())
    head, _body = head_and_body(client.get(page.url + "edit/not-a-token/").content.decode())

    assert '<meta name="referrer" content="same-origin">' in head
