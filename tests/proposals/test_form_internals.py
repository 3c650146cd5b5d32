"""What the proposal form costs and ships: no reference-index task for private models, and the
widget of the check without Google bundled unchanged from its npm package."""

import json
from pathlib import Path
from unittest import mock

import pytest

from barcamp_wagtail.models import SessionProposal

from .conftest import make_proposal

ROOT = Path(__file__).resolve().parents[2]
VENDORED = ROOT / "barcamp_wagtail" / "static" / "barcamp_wagtail" / "vendor" / "altcha"
PACKAGE = ROOT / "node_modules" / "altcha"


@pytest.mark.django_db
def test_saving_a_proposal_does_not_run_wagtails_reference_index(event, proposal_page, visitor):
    with mock.patch("wagtail.signal_handlers.update_reference_index_task") as task:
        visitor.send(proposal_page)
        make_proposal(event).decline()

    assert SessionProposal.objects.count() == 2
    assert not task.enqueue.called


def test_the_bundled_widget_is_the_pinned_npm_package():
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["altcha"]
    if not PACKAGE.exists():
        pytest.fail("node_modules/altcha is missing: run npm ci (make test does)")

    assert json.loads((PACKAGE / "package.json").read_text())["version"] == pinned
    assert (VENDORED / "altcha.min.js").read_bytes() == (PACKAGE / "dist" / "main" / "altcha.min.js").read_bytes()
    assert (VENDORED / "LICENSE.txt").read_bytes() == (PACKAGE / "LICENSE.txt").read_bytes()
