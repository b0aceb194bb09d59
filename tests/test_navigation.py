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


def test_header_marks_the_current_page_and_follows_the_language(login, primary):
    client = login(primary)

    home = client.get(reverse("home")).content.decode()
    library = client.get(reverse("library:index")).content.decode()
    primary.preferred_language = "fr"
    primary.save()
    french = client.get(reverse("home")).content.decode()

    assert '<a href="/" aria-current="page">Home</a>' in home
    assert 'aria-current="page">Library</a>' in library
    assert '<a href="/" aria-current="page">' not in library
    assert "<summary>Aide</summary>" in french
    assert re.search(r'value="fr" lang="fr"\s+aria-current="true"', french)


def test_header_partials_hold_no_csrf_token_of_another_visitor(client, login, primary):
    anonymous = client.get(reverse("account_login")).content.decode()
    client.cookies.clear()
    logged_in = login(primary).get(reverse("home")).content.decode()

    def tokens(html):
        return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))

    assert tokens(anonymous) and tokens(logged_in)
    assert not tokens(anonymous) & tokens(logged_in)
