"""Waiting for autosave in browser journeys."""

from playwright.sync_api import expect


def autosaved(page, action, *, containing: str):
    """Runs the action and waits until the server has stored a save carrying the given
    text. Waiting for any autosave is not enough: moving to the next field fires a
    change event that saves the previous field again, and that response would be taken
    for the one just typed."""

    def is_the_save(response):
        body = response.request.post_data or ""
        return response.url.endswith("/autosave/") and response.ok and containing in body

    with page.expect_response(is_the_save):
        action()
    expect(page.locator("#save-status")).to_contain_text("Saved at")
