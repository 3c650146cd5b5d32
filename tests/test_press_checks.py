from django.core.checks import run_checks


def ids(messages):
    return {message.id for message in messages}


def write(directory, name, text):
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_example_site_brings_the_head_block_through():
    assert not {"barcamp_wagtail.W501", "barcamp_wagtail.W502"} & ids(run_checks())


def test_an_overridden_barcamp_base_without_the_head_block_is_reported(templates_dir):
    write(
        templates_dir,
        "barcamp_wagtail/base.html",
        '{% extends "base.html" %}{% block content %}{% block barcamp_content %}{% endblock %}{% endblock %}',
    )

    assert "barcamp_wagtail.W501" in ids(run_checks())


def test_a_host_base_without_the_extra_head_block_is_reported(templates_dir):
    write(templates_dir, "base.html", "<html><head></head><body>{% block content %}{% endblock %}</body></html>")

    assert "barcamp_wagtail.W502" in ids(run_checks())
