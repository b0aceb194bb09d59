"""The main navigation shows each role the pages it may open, and no others."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LINKS = {
    "Cities": "reporting:city_list",
    "Library": "library:index",
    "Reviews": "reviews:worklist_current",
    "Prize": "prize:index",
    "Access requests": "reporting:access_request_list",
}


def _nav_links(html: str) -> set[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    return set(re.findall(r">([^<>]+)</a>", nav.group(0))) if nav else set()


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("primary", {"Library"}, {"Reviews", "Access requests", "Cities"}),
        ("reviewer", {"Reviews"}, {"Access requests"}),
        ("staff", {"Cities", "Reviews", "Access requests"}, set()),
    ],
)
def test_navigation_shows_what_the_role_may_open(request, login, role, shown, hidden):
    user = request.getfixturevalue(role)
    client = login(user)

    links = _nav_links(client.get(reverse("home"), follow=True).content.decode())

    assert shown <= links
    assert not (hidden & links)
    for name in links & set(LINKS):
        assert client.get(reverse(LINKS[name]), follow=True).status_code == 200


def test_language_menu_offers_every_interface_language(client):
    html = client.get(reverse("account_login")).content.decode()

    for code in ("en", "fr", "de", "es", "it"):
        assert f'name="language" value="{code}"' in html
