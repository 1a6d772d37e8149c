"""Fixtures the chat tests share (a module that defines its own `deps` keeps it)."""

import pytest

from agents.deps import Deps
from nightreel.config import load_settings
from nightreel.ledger import Ledger


@pytest.fixture
def deps(studio):
    """Deps with a ledger in a tmp studio: what the chat records its steps in."""
    ledger = Ledger.open(studio)
    yield Deps(settings=load_settings(studio=studio.root), studio=studio, ledger=ledger, run_id="run-test")
    ledger.close()
