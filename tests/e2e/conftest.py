from pathlib import Path

import pytest

# The prize journeys need an edition in the vote; its fixtures live with the prize tests.
from tests.prize.conftest import edition, past_cycle, vote_setup  # noqa: F401

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot for the README and the CI artifact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _take(name: str):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return _take
