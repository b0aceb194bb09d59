from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.enums import MembershipStatus
from reporting.library.figures import MIN_GROUP, city_benchmark, cycle_figures
from reporting.models import Report
from tests.factories import CityFactory

from .conftest import write_report

pytestmark = pytest.mark.django_db

# city name, population, state, measures' commitments, main challenge, needs
CYCLE = [
    ("A", 300_000, "draft", [[1]], "resources", ["training"]),
    ("B", 200_000, "submitted", [[1, 3], [3]], "resources", ["training", "eu_advocacy"]),
    ("C", 120_000, "feedback_received", [[8]], "public_climate", ["eu_advocacy"]),
    ("D", 90_000, "updating", [[3]], "resources", []),
    ("E", 40_000, "published", [[3, 4], [9], [10]], "public_climate", ["training"]),
    ("F", 30_000, "published", [], None, None),
]


@pytest.fixture
def cycle_data(lib_cycle):
    for name, population, state, measures, challenge, needs in CYCLE:
        overview = {}
        if challenge:
            overview["challenges_main_area"] = challenge
        if needs:
            overview["needs_expectations"] = needs
        write_report(
            CityFactory(name=name, population=population),
            lib_cycle,
            state=state,
            overview=overview,
            measures=[{"title": f"{name}{i}", "commitments": c} for i, c in enumerate(measures)],
        )
    # A member city that has not started its report.
    CityFactory(name="G")
    CityFactory(name="H", membership_status=MembershipStatus.SUSPENDED)
    return lib_cycle


def test_cycle_figures_equal_independent_counts(cycle_data):
    figures = cycle_figures(cycle_data)

    states = Counter(row[2] for row in CYCLE)
    analysed = [row for row in CYCLE if row[2] != "draft"]
    assert figures.member_cities == 7
    assert figures.registered == len(CYCLE)
    assert figures.not_registered == 1
    assert figures.drafting == states["draft"]
    assert figures.submitted == states["submitted"]
    assert figures.evaluated == states["feedback_received"] + states["updating"]
    assert figures.published == states["published"]
    assert figures.reached_reviewers == len(analysed)
    assert figures.on_time == len(analysed)
    assert figures.late == 0
    assert figures.measures_total == sum(len(row[3]) for row in analysed)
    expected = Counter(n for row in analysed for m in row[3] for n in m)
    assert {int(b.key): b.value for b in figures.measures_per_commitment if b.value} == expected
    assert {b.key: b.value for b in figures.challenges} == dict(
        Counter(row[4] for row in analysed if row[4])
    )
    assert {b.key: b.value for b in figures.needs} == dict(
        Counter(n for row in analysed for n in (row[5] or []))
    )
    assert [(r.city.name, r.state, r.measures) for r in figures.cities] == [
        (row[0], row[2], len(row[3])) for row in CYCLE
    ]


def test_cycle_figures_of_an_empty_cycle(lib_cycle):
    figures = cycle_figures(lib_cycle)

    assert (figures.registered, figures.measures_total, figures.cities) == (0, 0, [])


def test_cycle_figures_query_count_constant_in_cities(lib_cycle):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            cycle_figures(lib_cycle)
        return len(captured)

    write_report(
        CityFactory(),
        lib_cycle,
        overview={"challenges_main_area": "resources"},
        measures=[{"title": "x"}],
    )
    few = queries()
    for n in range(12):
        write_report(
            CityFactory(),
            lib_cycle,
            state="published" if n % 2 else "submitted",
            overview={"challenges_main_area": "resources", "needs_expectations": ["training"]},
            measures=[{"title": f"m{n}", "commitments": [n % 10 + 1]}],
        )

    assert queries() == few


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff", 200),
        ("board", 200),
        ("reviewer", 200),
        ("primary", 403),
        ("other_primary", 403),
        ("anonymous", 302),
    ],
)
def test_dashboard_permissions(request, login, cycle_data, who, status):
    response = login(request.getfixturevalue(who)).get(f"/dashboard/{cycle_data.year}/")

    assert response.status_code == status


def test_dashboard_shows_charts_table_and_previous_cycle(login, staff, cycle_data, earlier_cycle):
    write_report(
        CityFactory(name="Old"), earlier_cycle, measures=[{"title": "o", "commitments": [2]}]
    )

    response = login(staff).get(f"/dashboard/{cycle_data.year}/")

    content = response.content.decode()
    assert content.count("<svg") == 4
    assert 'role="img"' in content
    assert response.context["previous"].published == 1
    assert response.context["comparison"][1][1:] == (len(CYCLE), 1)
    assert "Old" not in [row.city.name for row in response.context["figures"].cities]


def test_dashboard_query_count_constant_in_cities(login, staff, lib_cycle, earlier_cycle):
    client = login(staff)
    url = f"/dashboard/{lib_cycle.year}/"
    client.get(url)
    write_report(CityFactory(), lib_cycle, measures=[{"title": "x", "commitments": [1]}])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        write_report(CityFactory(), lib_cycle, measures=[{"title": f"x{n}", "commitments": [2]}])
        write_report(CityFactory(), earlier_cycle, state="submitted")
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_dashboard_without_year_redirects_to_the_current_cycle(login, staff, lib_cycle):
    response = login(staff).get("/dashboard/")

    assert response.status_code == 302


# --- Benchmark ---------------------------------------------------------------------------


@pytest.fixture
def benchmark_data(lib_cycle):
    """Four large and three small cities with submitted reports; one draft."""
    cities = {}
    rows = [
        ("L1", 100_000, [[3], [3, 4]], "yes", [3]),
        ("L2", 200_000, [[3]], "no", []),
        ("L3", 300_000, [], "yes", [3, 4]),
        ("L4", 400_000, [[1]], "yes", [1]),
        ("S1", 10_000, [[3]], "no", []),
        ("S2", 20_000, [[3], [3]], "yes", [3]),
        ("S3", 30_000, [], "no", []),
    ]
    for name, population, measures, plan, plan_commitments in rows:
        cities[name] = CityFactory(name=name, population=population)
        write_report(
            cities[name],
            lib_cycle,
            state="submitted",
            overview={"strategy_has_plan": plan, "strategy_plan_commitments": plan_commitments},
            measures=[{"title": f"{name}{i}", "commitments": c} for i, c in enumerate(measures)],
        )
    cities["draft"] = CityFactory(name="Draft", population=50_000)
    write_report(
        cities["draft"], lib_cycle, state="draft", measures=[{"title": "d", "commitments": [3]}] * 5
    )
    return cities


def test_benchmark_averages_equal_hand_counts(benchmark_data, lib_cycle):
    benchmark = city_benchmark(city=benchmark_data["L1"], cycle=lib_cycle)

    row = next(r for r in benchmark.measures_per_commitment if r.key == "3")
    # Measures under commitment 3: L1 2, L2 1, L3 0, L4 0 | S1 1, S2 2, S3 0; drafts never count.
    assert (row.own, row.size_class, row.coalition) == (2, round(3 / 4, 1), round(6 / 7, 1))
    plan = next(r for r in benchmark.indicators if r.key == "strategy_has_plan")
    assert (plan.own, plan.size_class, plan.coalition) == (100.0, 75.0, round(400 / 7, 1))
    covers = next(r for r in benchmark.plan_commitments if r.key == "strategy_plan_commitments-3")
    assert (covers.own, covers.size_class) == (100.0, 50.0)
    assert (benchmark.size_class_reports, benchmark.coalition_reports) == (4, 7)


def test_benchmark_hides_averages_of_too_small_groups(benchmark_data, lib_cycle):
    lonely = CityFactory(name="Tiny", population=1_000)
    Report.objects.filter(city__population__lt=50_000).exclude(city__name="S1").update(
        state="draft"
    )
    write_report(
        lonely, lib_cycle, state="submitted", measures=[{"title": "t", "commitments": [3]}]
    )

    benchmark = city_benchmark(city=lonely, cycle=lib_cycle)

    assert benchmark.size_class_reports == 2 < MIN_GROUP
    assert all(r.size_class is None for r in benchmark.measures_per_commitment)
    assert benchmark.measures_per_commitment[2].own == 1


def test_benchmark_of_a_draft_has_no_own_figures(benchmark_data, lib_cycle):
    benchmark = city_benchmark(city=benchmark_data["draft"], cycle=lib_cycle)

    assert benchmark.has_own_figures is False
    assert all(r.own is None for r in benchmark.measures_per_commitment)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("primary", 200),
        ("secondary", 200),
        ("reviewer", 200),
        ("staff", 200),
        ("other_primary", 404),
        ("board", 404),
        ("anonymous", 302),
    ],
)
def test_benchmark_page_only_for_the_city_reviewers_and_staff(
    request, login, city, lib_cycle, who, status
):
    write_report(city, lib_cycle, state="submitted", measures=[{"title": "m", "commitments": [1]}])

    response = login(request.getfixturevalue(who)).get(
        f"/library/cities/{city.slug}/benchmark/{lib_cycle.year}/"
    )

    assert response.status_code == status


def test_benchmark_query_count_constant_in_cities(benchmark_data, lib_cycle):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            city_benchmark(city=benchmark_data["L1"], cycle=lib_cycle)
        return len(captured)

    few = queries()
    for n in range(8):
        write_report(
            CityFactory(),
            lib_cycle,
            state="submitted",
            measures=[{"title": str(n), "commitments": [5]}],
        )

    assert queries() == few
