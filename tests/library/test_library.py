from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.enums import MembershipStatus, ReportState
from reporting.library import entries as library
from reporting.library import search as library_search_module
from reporting.library.search import LibraryFilters, library_search
from reporting.models import LibraryEntry, MachineTranslation
from reporting.selectors.machine_translation import text_hash
from reporting.services.reports import report_publish, report_transition
from reviews.enums import LetterState
from reviews.models import Letter
from tests.factories import CityFactory, UserFactory

from .conftest import write_report

pytestmark = pytest.mark.django_db


def titles(result):
    return sorted(entry.title for entry in result.page.object_list)


def search(**filters):
    return library_search(filters=LibraryFilters(**filters), language="en")


@pytest.fixture
def shelf(lib_cycle, earlier_cycle, city, other_city):
    """Published, unpublished and earlier-cycle reports of four cities."""
    small = CityFactory(name="Wörgl", slug="worgl", country="AT", population=14_000)
    draft_city = CityFactory(name="Kraków", slug="krakow", country="PL", population=800_000)
    write_report(
        city,
        lib_cycle,
        measures=[
            {
                "title": "Antidiskriminierungsberatung",
                "commitments": [3],
                "description": "Beratung für Betroffene rassistischer Diskriminierung.",
                "groups": ["municipal_staff"],
            },
            {
                "title": "Wahlkampfmonitoring",
                "commitments": [1, 10],
                "description": "Der Beirat beobachtet den Wahlkampf.",
            },
        ],
    )
    write_report(
        other_city,
        lib_cycle,
        language="sv",
        measures=[
            {
                "title": "Kunskapslyft mot rasism i skolan",
                "commitments": [8],
                "description": "Alla skolor får utbildning.",
                "groups": ["schools", "young_people"],
            }
        ],
    )
    write_report(
        small,
        earlier_cycle,
        measures=[
            {
                "title": "Frauenrechte und Solidarität",
                "commitments": [3, 9],
                "description": "Eine Veranstaltungsreihe.",
                "groups": ["young_people"],
            }
        ],
    )
    for state in ("draft", "submitted", "feedback_received", "updating"):
        write_report(
            CityFactory(),
            lib_cycle,
            state=state,
            measures=[{"title": f"Secret {state} zebra", "commitments": [3]}],
        )
    write_report(draft_city, earlier_cycle, state="draft", measures=[{"title": "Draft zebra"}])
    return {"small": small}


PUBLISHED_MEASURES = [
    "Antidiskriminierungsberatung",
    "Frauenrechte und Solidarität",
    "Kunskapslyft mot rasism i skolan",
    "Wahlkampfmonitoring",
]


def test_library_lists_only_published_measures(shelf):
    result = search()

    assert titles(result) == PUBLISHED_MEASURES
    assert result.total == 4


def test_library_report_tab_lists_published_reports(shelf, lib_cycle, earlier_cycle):
    result = search(kind="report")

    assert titles(result) == sorted(
        [f"Graz {lib_cycle.year}", f"Malmö {lib_cycle.year}", f"Wörgl {earlier_cycle.year}"]
    )


def test_library_search_never_returns_unpublished_text(shelf):
    assert search(q="zebra").total == 0
    assert search(q="zebra", kind="report").total == 0


def test_library_withdrawn_report_leaves_the_library(shelf, city, lib_cycle):
    report = city.reports.get(cycle=lib_cycle)

    report_transition(report=report, to_state=ReportState.FEEDBACK_RECEIVED, by=None)

    assert "Wahlkampfmonitoring" not in titles(search())
    assert not LibraryEntry.objects.filter(report=report).exists()


def test_library_search_finds_words_in_the_original(shelf):
    assert titles(search(q="wahlkampf")) == ["Wahlkampfmonitoring"]
    assert titles(search(q="Betroffene")) == ["Antidiskriminierungsberatung"]


def test_library_search_finds_words_of_a_stored_translation(lib_cycle, city):
    text = "Eine Hotline für Opfer rassistischer Gewalt."
    MachineTranslation.objects.create(
        source_hash=text_hash(text),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="A helpline for victims of racist violence.",
    )
    write_report(
        city,
        lib_cycle,
        measures=[{"title": "Opferhilfe", "commitments": [3], "description": text}],
    )

    assert titles(search(q="helpline victims")) == ["Opferhilfe"]


def test_library_search_finds_words_of_a_translation_into_the_readers_language(lib_cycle, city):
    text = "Eine Hotline für Opfer rassistischer Gewalt."
    MachineTranslation.objects.create(
        source_hash=text_hash(text),
        source_language="de",
        target_language="fr",
        engine="deepl",
        text="Une permanence téléphonique pour les victimes.",
    )
    write_report(city, lib_cycle, measures=[{"title": "Opferhilfe", "description": text}])

    result = library_search(filters=LibraryFilters(q="permanence victimes"), language="fr")

    assert titles(result) == ["Opferhilfe"]


def test_library_search_finds_measures_by_their_citys_name(shelf):
    assert titles(search(q="Malmö")) == ["Kunskapslyft mot rasism i skolan"]
    assert titles(search(q="graz")) == ["Antidiskriminierungsberatung", "Wahlkampfmonitoring"]


def test_library_facets_count_over_the_match(shelf, lib_cycle):
    result = search(q="rasism", commitment=8)

    assert result.total == 1
    assert [(f.value, f.count) for f in result.facets["commitment"]] == [("8", 1)]
    assert [(f.value, f.count) for f in result.facets["country"]] == [("SE", 1)]
    assert [(f.value, f.count, f.selected) for f in result.facets["size"]] == [("large", 1, False)]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_library_full_text_search_stems_in_the_interface_language(lib_cycle, city):
    text = "Der Beirat organisiert Schulungen."
    MachineTranslation.objects.create(
        source_hash=text_hash(text),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="The council organises trainings for teachers.",
    )
    write_report(city, lib_cycle, measures=[{"title": "Schulungen", "description": text}])

    result = library_search(filters=LibraryFilters(q="trained teacher"), language="en")

    assert result.full_text is True
    assert titles(result) == ["Schulungen"]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_library_full_text_search_ranks_title_hits_first(lib_cycle, city, other_city):
    write_report(city, lib_cycle, measures=[{"title": "Other", "description": "housing housing"}])
    write_report(other_city, lib_cycle, measures=[{"title": "Housing test", "description": "x"}])

    result = search(q="housing")

    assert result.page.object_list[0].title == "Housing test"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_library_ranks_on_the_stored_vector_not_on_its_text(lib_cycle, city):
    # Ranking the vector's text representation re-parsed every entry on every search
    # (757 ms for 10,000 measures) and lost the title's weight.
    write_report(city, lib_cycle, measures=[{"title": "Housing test", "description": "x"}])
    with CaptureQueriesContext(connection) as captured:
        search(q="housing")

    ranked = [q["sql"] for q in captured if "ts_rank" in q["sql"]]
    assert ranked
    assert not [sql for sql in ranked if "to_tsvector(COALESCE" in sql]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"commitment": 3}, ["Antidiskriminierungsberatung", "Frauenrechte und Solidarität"]),
        ({"country": "SE"}, ["Kunskapslyft mot rasism i skolan"]),
        ({"size": "small"}, ["Frauenrechte und Solidarität"]),
        (
            {"size": "large"},
            [
                "Antidiskriminierungsberatung",
                "Kunskapslyft mot rasism i skolan",
                "Wahlkampfmonitoring",
            ],
        ),
        (
            {"target": "young_people"},
            ["Frauenrechte und Solidarität", "Kunskapslyft mot rasism i skolan"],
        ),
        (
            {"commitment": 3, "country": "AT", "target": "young_people"},
            ["Frauenrechte und Solidarität"],
        ),
    ],
)
def test_library_filters_narrow_the_results(shelf, filters, expected):
    assert titles(search(**filters)) == expected


def test_library_cycle_filter(shelf, earlier_cycle):
    assert titles(search(cycle=earlier_cycle.year)) == ["Frauenrechte und Solidarität"]


def test_library_facets_count_with_the_other_filters(shelf, lib_cycle, earlier_cycle):
    result = search(country="AT")
    facets = {key: {i.value: i.count for i in items} for key, items in result.facets.items()}

    # Counted independently: the Austrian published measures are Graz's two and Wörgl's one.
    expected_commitments = Counter(n for ns in ([3], [1, 10], [3, 9]) for n in ns)
    assert facets["commitment"] == {str(n): c for n, c in expected_commitments.items()}
    assert facets["cycle"] == {str(lib_cycle.year): 2, str(earlier_cycle.year): 1}
    assert facets["size"] == {"small": 1, "large": 2}
    assert facets["target"] == {"municipal_staff": 1, "young_people": 1}
    # The country facet ignores the country filter itself, so other countries stay offered.
    assert facets["country"] == {"AT": 3, "SE": 1}
    assert [i.selected for i in result.facets["country"]] == [True, False]


def test_library_sorts_by_date(shelf, lib_cycle):
    result = search(sort="date")

    dates = [e.published_at for e in result.page.object_list]
    assert dates == sorted(dates, reverse=True)


def test_library_paginates(lib_cycle, monkeypatch):
    monkeypatch.setattr(library_search_module, "PAGE_SIZE", 2)
    for n in range(5):
        write_report(CityFactory(), lib_cycle, measures=[{"title": f"Measure {n}"}])

    first = library_search(filters=LibraryFilters(sort="date"), page=1)
    last = library_search(filters=LibraryFilters(sort="date"), page=99999999)

    assert (first.total, len(first.page.object_list), first.page.paginator.num_pages) == (5, 2, 3)
    assert last.page.number == 3


# --- Views ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("primary", 200),
        ("secondary", 200),
        ("other_primary", 200),
        ("reviewer", 200),
        ("board", 200),
        ("staff", 200),
        ("anonymous", 302),
    ],
)
def test_library_page_permissions(request, login, shelf, who, status):
    user = request.getfixturevalue(who)

    response = login(user).get("/library/")

    assert response.status_code == status


@pytest.mark.parametrize(
    "status", [MembershipStatus.SUSPENDED, MembershipStatus.LEFT, MembershipStatus.APPLICANT]
)
def test_library_refuses_cities_not_in_good_standing(login, member_of, shelf, status):
    response = login(member_of(status)).get("/library/")

    assert response.status_code == 403


def test_library_refuses_users_without_a_city(login, shelf):
    assert login(UserFactory()).get("/library/").status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "?commitment=abc&country=germany&size=huge&cycle=-1&target=%3Cb%3E&sort=random",
        "?page=99999999999999999999",
        "?page=-3",
        "?page=abc",
        "?q=%27%3B+DROP+TABLE+reporting_report%3B--",
        "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "?q=" + "x" * 5000,
        "?q=%00%01%02",
        "?q=%22unbalanced+%26+%7C+!+(",
        "?kind=everything",
        "?commitment=3&commitment=4",
    ],
)
def test_library_bad_input_gives_a_clear_page(login, primary, shelf, query):
    response = login(primary).get("/library/" + query)

    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    assert b"zebra" not in response.content


def test_library_search_markup_is_escaped(login, primary, shelf):
    response = login(primary).get("/library/?q=%3Cb%3Ebold%3C%2Fb%3E")

    assert b"&lt;b&gt;bold&lt;/b&gt;" in response.content


def test_library_page_shows_results_and_facet_links(login, primary, shelf):
    response = login(primary).get("/library/?commitment=3")

    content = response.content.decode()
    assert "Antidiskriminierungsberatung" in content
    assert "Wahlkampfmonitoring" not in content
    assert 'aria-current="true"' in content


def _library_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_library_query_count_constant_as_data_grows(login, primary, lib_cycle):
    client = login(primary)
    write_report(
        CityFactory(),
        lib_cycle,
        measures=[{"title": "One", "commitments": [1], "groups": ["schools"]}],
    )
    client.get("/library/")  # the first request of a session reads more (session, user)
    few = _library_queries(client, "/library/?q=one&commitment=1")
    few_plain = _library_queries(client, "/library/")
    for n in range(15):
        write_report(
            CityFactory(country="FR" if n % 2 else "DE"),
            lib_cycle,
            measures=[
                {"title": f"One {n}", "commitments": [1, 2], "groups": ["schools"]},
                {"title": f"One more {n}", "commitments": [1], "groups": ["young_people"]},
            ],
        )

    assert _library_queries(client, "/library/?q=one&commitment=1") == few
    assert _library_queries(client, "/library/") == few_plain


# --- Measure page, city page -----------------------------------------------------------


def test_measure_page_shows_the_measure_and_related_measures(login, other_primary, shelf):
    entry = LibraryEntry.objects.get(title="Antidiskriminierungsberatung")

    response = login(other_primary).get(f"/library/measures/{entry.measure_id}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Beratung für Betroffene rassistischer Diskriminierung." in content
    assert "3. " in content
    related = [e.title for e in response.context["related"]]
    # Same commitment 3, another city; never Graz's own other measure.
    assert related == ["Frauenrechte und Solidarität"]


@pytest.mark.parametrize("state", ["draft", "submitted", "feedback_received", "updating"])
def test_measure_page_of_an_unpublished_report_is_404(login, other_primary, lib_cycle, state):
    report = write_report(CityFactory(), lib_cycle, state=state, measures=[{"title": "Hidden"}])
    measure = report.measures.get()

    response = login(other_primary).get(f"/library/measures/{measure.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("publish_contacts", [True, False])
def test_measure_page_shows_contacts_only_if_the_city_chose_to(
    login, other_primary, lib_cycle, city, publish_contacts
):
    report = write_report(
        city,
        lib_cycle,
        overview={"profile_contact_name": "Eva Pichler", "profile_contact_email": "eva@graz.at"},
        measures=[{"title": "Beratung"}],
        publish_contacts=publish_contacts,
    )

    response = login(other_primary).get(f"/library/measures/{report.measures.get().pk}/")

    assert ("eva@graz.at" in response.content.decode()) is publish_contacts


def test_measure_page_reads_in_translation_or_original(login, other_primary, lib_cycle, city):
    MachineTranslation.objects.create(
        source_hash=text_hash("Beratung im Rathaus."),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="Counselling at the city hall.",
    )
    report = write_report(
        city, lib_cycle, measures=[{"title": "Beratung", "description": "Beratung im Rathaus."}]
    )
    client = login(other_primary)
    url = f"/library/measures/{report.measures.get().pk}/"

    translated = client.get(url + "?read=translated").content.decode()
    original = client.get(url + "?read=original").content.decode()

    assert "Counselling at the city hall." in translated
    assert "Counselling at the city hall." not in original
    assert "Beratung im Rathaus." in original


def test_city_page_lists_published_reports_across_cycles(
    login, other_primary, city, lib_cycle, earlier_cycle
):
    write_report(city, earlier_cycle, measures=[{"title": "Alt", "commitments": [3]}])
    write_report(city, lib_cycle, measures=[{"title": "Neu", "commitments": [3, 4]}])

    response = login(other_primary).get(f"/library/cities/{city.slug}/")

    assert [r["entry"].cycle.year for r in response.context["reports"]] == [
        lib_cycle.year,
        earlier_cycle.year,
    ]
    assert response.context["grid"][0] == {
        "number": 3,
        "title": response.context["grid"][0]["title"],
        "counts": [1, 1],
    }


@pytest.mark.parametrize("publish_feedback", [True, False])
def test_city_page_shows_feedback_only_when_published_with_it(
    login, other_primary, city, lib_cycle, publish_feedback
):
    report = write_report(city, lib_cycle, publish_feedback=publish_feedback)
    Letter.objects.create(
        report=report, general_conclusion="A strong and coherent plan.", state=LetterState.SENT
    )

    response = login(other_primary).get(f"/library/cities/{city.slug}/")

    assert ("A strong and coherent plan." in response.content.decode()) is publish_feedback


def test_city_page_never_shows_a_letter_that_was_not_sent(login, other_primary, city, lib_cycle):
    report = write_report(city, lib_cycle, publish_feedback=True)
    Letter.objects.create(report=report, general_conclusion="A draft the Board is writing.")

    response = login(other_primary).get(f"/library/cities/{city.slug}/")

    assert "A draft the Board is writing." not in response.content.decode()


def test_primary_chooses_to_show_contacts(login, primary, city, lib_cycle):
    report = write_report(city, lib_cycle)

    response = login(primary).post(
        f"/library/cities/{city.slug}/reports/{lib_cycle.year}/contacts/", {"publish": "yes"}
    )

    report.refresh_from_db()
    assert (response.status_code, report.publish_contacts) == (302, True)


@pytest.mark.parametrize(("who", "status"), [("secondary", 403), ("other_primary", 403)])
def test_contact_choice_refused_to_others(request, login, city, lib_cycle, who, status):
    report = write_report(city, lib_cycle)

    response = login(request.getfixturevalue(who)).post(
        f"/library/cities/{city.slug}/reports/{lib_cycle.year}/contacts/", {"publish": "yes"}
    )

    report.refresh_from_db()
    assert (response.status_code, report.publish_contacts) == (status, False)


def test_report_publish_records_the_contact_choice(primary, city, lib_cycle):
    report = write_report(city, lib_cycle, state="feedback_received")

    report_publish(report=report, by=primary, with_feedback=False, with_contacts=True)

    report.refresh_from_db()
    assert (report.state, report.publish_contacts) == (ReportState.PUBLISHED, True)


def test_reindex_all_rebuilds_the_same_entries(shelf):
    before = sorted(LibraryEntry.objects.values_list("title", flat=True))

    library.library_reindex_all()

    assert sorted(LibraryEntry.objects.values_list("title", flat=True)) == before


def test_library_reindex_command(shelf):
    out = StringIO()
    call_command("library_reindex", stdout=out)

    assert out.getvalue().startswith(f"{LibraryEntry.objects.count()} library entries")
