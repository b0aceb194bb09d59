"""`make bench`: each page's server time and SQL queries at two data sizes, with the
cache off, against the budgets of issue 14 and a bare Django view measured in the same
run; then a cycle's XLSX export, timed once, with its peak Python memory.

Runs in-process with Django's test client on a throw-away database next to
DATABASE_URL's (`<name>_run`; the budgets are for PostgreSQL, SQLite works for a
quick look). Pages are reached by URL name, as a browser reaches them."""

import math
import os
import statistics
import sys
import time
import tracemalloc

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eccar.settings")
# Nothing outside the process: no cache, tasks run eagerly, mail stays in memory.
os.environ.pop("REDIS_URL", None)

import django
from django.conf import settings

# The pages are measured as the database serves them: every cache is off.
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import data  # noqa: E402
from prize.models import Ballot  # noqa: E402
from reporting.enums import AccountRole, ReportState  # noqa: E402
from reporting.models import City, LibraryEntry, Measure, Report, User  # noqa: E402
from reviews.models import Assignment  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
WARM_UP = 3
# (label, cities, measures per edited report, published library measures, candidatures)
SIZES = [("small", 50, 3, 300, 200), ("large", 200, 30, 10_000, 2_000)]
if os.environ.get("BENCH_SIZES"):  # e.g. BENCH_SIZES=small for a quick look
    SIZES = [s for s in SIZES if s[0] in os.environ["BENCH_SIZES"].split(",")]
BUDGET_MEDIAN_MS, BUDGET_P95_MS, BUDGET_QUERIES = 20, 40, 12
EXPORT_BUDGET_S = 5
LIBRARY_YEARS = [2023, 2025]
DRAFT_YEAR = 2027


def measure(client, method, path, data=None):
    """Median and p95 of REPEAT requests after a warm-up, and the usual query count.
    `path` and `data` may be functions of the request's number (a new search each time)."""
    timings, queries = [], []
    for i in range(REPEAT + WARM_UP):
        url = path(i) if callable(path) else path
        body = data(i) if callable(data) else data
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.post(url, body) if method == "post" else client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{method.upper()} {url} answered {response.status_code}")
        if i >= WARM_UP:
            timings.append(elapsed)
            queries.append(len(captured))
    timings.sort()
    p95 = timings[min(len(timings) - 1, math.ceil(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95, statistics.median_low(queries)


def logged_in(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def report_kwargs(report: Report) -> dict:
    return {"slug": report.city.slug, "year": report.cycle.year}


def submit_over_http(report: Report) -> bool:
    """Submits the report as its primary account does (freezing its copy); False when
    the page refused, and then the report is marked submitted in bulk instead."""
    primary = report.city.accounts.get(role=AccountRole.PRIMARY).user
    client = Client()
    client.force_login(primary)
    client.post(
        reverse("reporting:report_submit", kwargs=report_kwargs(report)), {"confirm": "yes"}
    )
    report.refresh_from_db()
    if report.state == ReportState.DRAFT:
        data.submit_in_bulk([report])
        return False
    return True


def build(size) -> dict:
    """Grows the database to `size` and returns what the pages need."""
    label, cities, measures, library_measures, candidatures = size
    bench = data.bench_cities(cities)
    drafts = {
        r.city_id: r
        for r in Report.objects.filter(cycle__year=DRAFT_YEAR).select_related(
            "city", "cycle", "questionnaire"
        )
    }
    graz = Report.objects.select_related("city", "cycle").get(
        city__slug="graz", cycle__year=DRAFT_YEAR
    )
    data.fill([graz], measures)
    # The reviewed report: a bench city's, as large as the edited one, submitted as a
    # city submits it; each size reviews its own report.
    reviewed = drafts[bench[0 if label == "small" else 1].pk]
    data.fill([reviewed], measures)
    frozen = submit_over_http(reviewed)
    reviewer = User.objects.get(email="reviewer@eccar.test")
    Assignment.objects.get_or_create(report=reviewed, reviewer=reviewer)
    # The other bench cities submitted their draft-year reports: the reviewer's work
    # list and the prize's candidatures.
    others = [
        drafts[c.pk]
        for c in bench[2:]
        if drafts[c.pk].state == ReportState.DRAFT and drafts[c.pk].pk != reviewed.pk
    ]
    taken = Measure.objects.filter(report__cycle__year=DRAFT_YEAR, report__state="submitted")
    missing = max(0, candidatures - taken.count())
    if others:
        data.fill(others, math.ceil(missing / len(others)) + 1)
        data.submit_in_bulk(others)
    edition = data.candidatures(DRAFT_YEAR, candidatures, reviewer)
    # The library: the bench cities' reports of two earlier cycles, published.
    published = Measure.objects.filter(report__state=ReportState.PUBLISHED).count()
    fresh = Report.objects.filter(city__in=bench, cycle__year__in=LIBRARY_YEARS).exclude(
        state=ReportState.PUBLISHED
    )
    if fresh.exists():
        data.library(
            bench,
            LIBRARY_YEARS,
            max(1, math.ceil((library_measures - published) / fresh.count())),
        )
    data.analyse()
    return {
        "graz": graz,
        "reviewed": reviewed,
        "frozen": frozen,
        "edition": edition,
        "entries": LibraryEntry.objects.filter(kind="measure").count(),
        "candidatures": edition.candidatures.count(),
    }


def pages(built: dict, label: str) -> list[tuple]:
    graz, reviewed = built["graz"], built["reviewed"]
    city = logged_in("graz@cities.eccar.test")
    office = logged_in("office@eccar.test")
    reviewer = logged_in("reviewer@eccar.test")
    delegate = logged_in("delegate.bologna@cities.eccar.test")
    kwargs = report_kwargs(graz)
    first = graz.measures.order_by("order").first()
    title = graz.questionnaire.questions.get(code="m_title")
    version = {"v": first.answers.get(question=title).version}

    def autosave(i):
        body = {
            "question": title.pk,
            "measure": first.pk,
            "version": version["v"],
            "value": f"Hotline {label} {i}",
        }
        version["v"] += 1
        return body

    words = data.WORDS
    offset = 0 if label == "small" else 7

    def first_search(i):
        # A search nobody made before in this run: two words that never met.
        n = i + offset * (REPEAT + WARM_UP)
        pair = f"{words[n % len(words)]}+{words[(n // len(words) + 1 + n) % len(words)]}"
        return reverse("library:index") + f"?q={pair}&page={1 + n % 3}"

    entry = LibraryEntry.objects.filter(kind="measure").order_by("-pk").first()
    ballot = Ballot.objects.filter(state="open").select_related("edition").first()
    rows = [
        ("floor: bare Django view", city, "get", reverse("healthz"), None),
        ("home (city)", city, "get", reverse("home"), None),
        ("report overview", city, "get", reverse("reporting:report_detail", kwargs=kwargs), None),
        (
            "level-1 edit",
            city,
            "get",
            reverse("reporting:section_edit", kwargs={**kwargs, "code": "strategy"}),
            None,
        ),
        (
            "measure edit",
            city,
            "get",
            reverse("reporting:measure_edit", kwargs={**kwargs, "measure_id": first.pk}),
            None,
        ),
        ("level-2 list", city, "get", reverse("reporting:measure_list", kwargs=kwargs), None),
        ("autosave (POST)", city, "post", reverse("reporting:autosave", kwargs=kwargs), autosave),
        ("library search, first time", city, "get", first_search, None),
        (
            "library search, repeated",
            city,
            "get",
            reverse("library:index") + "?q=housing+schools",
            None,
        ),
        (
            "library measure page",
            city,
            "get",
            reverse("library:measure", kwargs={"pk": entry.measure_id}),
            None,
        ),
        (
            "review page (reviewer)",
            reviewer,
            "get",
            reverse("reviews:review", kwargs=report_kwargs(reviewed)),
            None,
        ),
        (
            "reviewer work list",
            reviewer,
            "get",
            reverse("reviews:worklist", kwargs={"year": DRAFT_YEAR}),
            None,
        ),
        (
            "dashboard (staff)",
            office,
            "get",
            reverse("library:dashboard_cycle", kwargs={"year": LIBRARY_YEARS[-1]}),
            None,
        ),
        ("city list (staff)", office, "get", reverse("reporting:city_list"), None),
        (
            "prize candidature list",
            office,
            "get",
            reverse(
                "prize:candidatures", kwargs={"year": built["edition"].year, "category": "large"}
            )
            + "?sort=innovation",
            None,
        ),
    ]
    if ballot is not None:
        rows.append(
            (
                "prize ballot (delegate)",
                delegate,
                "get",
                reverse("prize:ballot", kwargs={"year": ballot.edition.year, "pk": ballot.pk}),
                None,
            )
        )
    return rows


def status(name: str, label: str, median: float, p95: float, queries: int) -> str:
    if name.startswith("floor"):
        return ""
    over = []
    if label == "large" and median > BUDGET_MEDIAN_MS:
        over.append("median")
    if label == "large" and p95 > BUDGET_P95_MS:
        over.append("p95")
    if queries > BUDGET_QUERIES:
        over.append("queries")
    return "over: " + ", ".join(over) if over else "ok"


def print_pages(rows: list[tuple], notes: list[str]) -> None:
    print(
        f"\nPages ({connection.vendor}, cache off; {REPEAT} requests per page after "
        f"{WARM_UP} warm-up, in-process test client)"
    )
    print(
        f"Budgets: median <= {BUDGET_MEDIAN_MS} ms and p95 <= {BUDGET_P95_MS} ms at the large "
        f"size, <= {BUDGET_QUERIES} queries at both sizes; x floor = median / the bare view's\n"
    )
    for note in notes:
        print(note)
    header = (
        f"\n{'page':28} {'size':6} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
        f"{'x floor':>8}  budget"
    )
    print(header)
    print("-" * len(header))
    floors = {label: median for name, label, median, *_ in rows if name.startswith("floor")}
    for name, label, median, p95, queries in rows:
        ratio = median / floors[label] if floors.get(label) else 0
        print(
            f"{name:28} {label:6} {median:>10.1f} {p95:>8.1f} {queries:>8} {ratio:>8.1f}  "
            f"{status(name, label, median, p95, queries)}"
        )
    counts = {}
    for name, _label, _m, _p, queries in rows:
        counts.setdefault(name, set()).add(queries)
    grew = [name for name, seen in counts.items() if len(seen) > 1]
    print("\nQuery counts equal at both sizes:", "yes" if not grew else "NO: " + ", ".join(grew))


def bench_export(year: int) -> None:
    """The cycle's XLSX download as staff fetch it: timed once, then once more under
    tracemalloc for the peak (tracing slows Python several times)."""
    office = logged_in("office@eccar.test")
    url = reverse("library:export", kwargs={"year": year, "level": "all", "fmt": "xlsx"})
    reports = Report.objects.filter(
        cycle__year=year,
        state__in=[ReportState.SUBMITTED, "feedback_received", "updating", ReportState.PUBLISHED],
    )
    measures = Measure.objects.filter(report__in=reports).count()

    def download() -> int:
        response = office.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        return sum(len(chunk) for chunk in response.streaming_content)

    start = time.perf_counter()
    size = download()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    download()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    verdict = "ok" if elapsed <= EXPORT_BUDGET_S else "over"
    print(
        f"\nXLSX export of cycle {year} ({reports.count()} reports, {measures} measures; "
        f"budget {EXPORT_BUDGET_S} s in flat memory)\n"
    )
    header = f"{'seconds':>8} {'MB out':>7} {'peak py MB':>11}  budget"
    print(header)
    print("-" * len(header))
    print(f"{elapsed:>8.2f} {size / 1e6:>7.1f} {peak / 1e6:>11.1f}  {verdict}")


def main() -> int:
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    database = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        database["TEST"]["NAME"] = f"{database['NAME']}_run"
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", "--quiet-logins", verbosity=0)
        rows, notes = [], []
        for size in SIZES:
            label = size[0]
            step = time.perf_counter()
            print(f"{label}: building the data", file=sys.stderr, flush=True)
            built = build(size)
            print(f"{label}: measuring the pages", file=sys.stderr, flush=True)
            notes.append(
                f"{label}: {City.objects.count()} cities, "
                f"{built['graz'].measures.count()} measures in the edited and the reviewed "
                f"report, {built['entries']} published measures in the library, "
                f"{built['candidatures']} candidatures (data built in "
                f"{time.perf_counter() - step:.0f} s)"
                + ("" if built["frozen"] else "; the reviewed report was submitted in bulk")
            )
            for name, client, method, path, body in pages(built, label):
                rows.append((name, label, *measure(client, method, path, body)))
        print_pages(rows, notes)
        bench_export(LIBRARY_YEARS[-1])
        print(f"\nmake bench took {time.perf_counter() - started:.0f} s")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
