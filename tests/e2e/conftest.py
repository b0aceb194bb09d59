from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def screenshot(page):
    """Saves a full-page screenshot for the README and the CI artifact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _take(name: str):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return _take
