"""`make bench`: server time and SQL queries of the reporting pages at two data sizes.

Runs in-process with Django's test client on a throw-away database (SQLite by
default, PostgreSQL when DATABASE_URL is set) and prints a table. Figures are
medians and 95th percentiles over repeated requests, after a warm-up."""

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eccar.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SIZES = [("small", 35, 3), ("large", 200, 30)]


def grow(cities: int, measures: int):
    """Adds demo cities up to `cities` (each with a draft) and fills Graz's 2027 report
    with `measures` complete measures."""
    from reporting import report_services
    from reporting.enums import AccountRole
    from reporting.models import City, CityAccount, Report, ReportingCycle, User

    cycles = list(ReportingCycle.objects.filter(year__in=[2025, 2027]))
    existing = City.objects.count()
    for n in range(existing, cities):
        city = City.objects.create(
            name=f"Bench city {n}",
            slug=f"bench-city-{n}",
            country="DE",
            population=20_000 + n * 1000,
            languages=["de"],
        )
        user = User.objects.create_user(email=f"bench{n}@cities.eccar.test", password=None)
        CityAccount.objects.create(user=user, city=city, role=AccountRole.PRIMARY)
        for cycle in cycles:
            Report.objects.create(
                city=city, cycle=cycle, questionnaire=cycle.questionnaires.get(is_active=True)
            )
    report = Report.objects.get(city__slug="graz", cycle__year=2027)
    primary = report.city.accounts.get(role=AccountRole.PRIMARY).user
    questions = list(
        report.questionnaire.questions.filter(section__level=2)
        .select_related("section")
        .prefetch_related("choices")
    )
    while report.measures.count() < measures:
        measure = report_services.measure_add(report=report, by=primary)
        for question in questions:
            raw = {
                "number": "12000",
                "yes_no": "yes",
                "date": "2026-01-15",
                "commitments": ["1", "4"],
            }.get(question.type)
            if raw is None and question.type in ("single_choice", "multiple_choice"):
                raw = [question.choices.all()[0].value]
            if raw is None:
                raw = f"Measure {measure.pk}: a paragraph of text describing {question.code}."
            report_services.answer_save(
                report=report, question=question, measure=measure, raw=raw, by=primary
            )
    return report, primary


def measure(client, method, path, data_factory=None, before=None):
    timings, queries = [], []
    for i in range(REPEAT + 3):
        data = data_factory(i) if data_factory else None
        if before is not None:
            before()
        # With DEBUG on, Django keeps at most 9,000 queries: empty the log so the count works.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = getattr(client, method)(path, data) if data else client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code not in (200, 302):
            raise SystemExit(f"{path} answered {response.status_code}")
        if i >= 3:  # warm-up requests are not counted
            timings.append(elapsed)
            queries.append(len(captured))
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    # The usual count: a request now and then also refills a cache entry that expired
    # during a long run (the logged-in user after 5 minutes), which is not the page's cost.
    return statistics.median(timings), p95, statistics.median_low(queries)


def bench_translation(report, primary):
    """A full report (level 1 + 30 measures) into 4 languages against the fake DeepL server
    of the tests, then one edited answer."""
    import deepl

    from reporting import report_services
    from reporting.models import MachineTranslation
    from reporting.translations import report_texts, report_translate
    from tests.fakes.deepl_server import FakeDeepL

    deepl.http_client.max_network_retries = 1
    server = FakeDeepL().start()
    settings.DEEPL_AUTH_KEY = "bench:fx"
    settings.DEEPL_SERVER_URL = server.url
    settings.TRANSLATION_TARGET_LANGUAGES = ["en", "fr", "es", "it"]
    try:
        for question in report.questionnaire.questions.filter(
            section__level=1, type__in=["short_text", "long_text"]
        ):
            report_services.answer_save(
                report=report,
                question=question,
                by=primary,
                raw=f"Antwort der Stadt Graz zu {question.code}: " + "Text " * 80,
            )
        MachineTranslation.objects.all().delete()
        texts = report_texts(report)
        start = time.perf_counter()
        stats = report_translate(report=report)
        full_time = time.perf_counter() - start
        title_q = report.questionnaire.questions.get(code="m_title")
        measure = report.measures.order_by("order").first()
        report_services.answer_save(
            report=report,
            question=title_q,
            measure=measure,
            raw="Neu formulierter Titel",
            by=primary,
        )
        before = len(server.translate_requests())
        start = time.perf_counter()
        again = report_translate(report=report)
        edit_time = time.perf_counter() - start
        per_target = [len(r["body"]["text"]) for r in server.translate_requests()[before:]]
    finally:
        server.stop()
    print(
        f"\nTranslation ({len(texts)} distinct texts, {report.measures.count()} measures, "
        "4 target languages, fake DeepL on 127.0.0.1)\n"
    )
    print(f"{'run':28} {'API requests':>12} {'segments':>9} {'characters':>11} {'wall s':>7}")
    print(
        f"{'full report':28} {stats['requests']:>12} {stats['segments']:>9} "
        f"{stats['characters']:>11} {full_time:>7.2f}"
    )
    print(
        f"{'after one edited answer':28} {again['requests']:>12} {again['segments']:>9} "
        f"{again['characters']:>11} {edit_time:>7.2f}"
    )
    print("Segments per target language after one edit:", per_target)


def bench_reviews(staff):
    """The reviewer work list's queries at 20 and 200 submitted reports, and the time and
    peak memory of rendering one feedback letter and a batch of 50 (a cycle's load)."""
    import resource
    import tracemalloc

    from reporting.models import Report, ReportingCycle
    from reviews.models import Letter
    from reviews.services import letter_render

    cycle = ReportingCycle.objects.get(year=2027)
    office = Client()
    office.force_login(staff)
    print(f"\nReviews benchmark ({connection.vendor})\n")
    header = f"{'work list':24} {'reports':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    counts = []
    from reporting.models import City

    for city in City.objects.exclude(reports__cycle=cycle):
        Report.objects.create(
            city=city, cycle=cycle, questionnaire=cycle.questionnaires.get(is_active=True)
        )
    for size in (20, 200):
        ids = list(Report.objects.filter(cycle=cycle).order_by("pk").values_list("pk", flat=True))
        Report.objects.filter(pk__in=ids[:size]).update(state="submitted")
        n = Report.objects.filter(cycle=cycle, state="submitted").count()
        median, p95, queries = measure(office, "get", f"/reviews/{cycle.year}/")
        counts.append(queries)
        print(f"{'reviewer work list':24} {n:>8} {median:>10.1f} {p95:>8.1f} {queries:>8}")
    print("Work list queries constant:", "yes" if len(set(counts)) == 1 else f"NO: {counts}")

    paragraph = (
        "The city has a clear political mandate and a unit that coordinates its work; "
        "Łódź, Plzeň, Θεσσαλονίκη and İzmir show what partners can achieve. "
    ) * 6
    reports = list(
        Report.objects.filter(cycle=cycle, state="submitted").select_related("city", "cycle")[:50]
    )
    letters = [
        Letter(
            report=report,
            general_conclusion=paragraph,
            individual_feedback=paragraph,
            commitment_feedback={str(n): paragraph[:400] for n in range(1, 11)},
        )
        for report in reports
    ]
    letter_render(letter=letters[0])  # warm-up: fonts and templates
    rows = []
    for label, batch in (("1 letter", letters[:1]), (f"{len(letters)} letters", letters)):
        # Timing first, then a second pass under tracemalloc: tracing slows Python
        # several times and would distort the times.
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        timings = []
        size = 0
        for letter in batch:
            start = time.perf_counter()
            size += len(letter_render(letter=letter))
            timings.append((time.perf_counter() - start) * 1000)
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
        tracemalloc.start()
        for letter in batch:
            letter_render(letter=letter)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append((label, sum(timings), statistics.median(timings), peak, rss_growth, size))
    print()
    header = (
        f"{'letter PDFs':14} {'total s':>8} {'median ms':>10} {'peak py MB':>11} "
        f"{'RSS growth MB':>14} {'PDF KB':>8}"
    )
    print(header)
    print("-" * len(header))
    for label, total, median, peak, rss, size in rows:
        print(
            f"{label:14} {total / 1000:>8.2f} {median:>10.1f} {peak / 1e6:>11.1f} "
            f"{rss / 1024:>14.1f} {size / 1024:>8.0f}"
        )


LIBRARY_CITIES = int(os.environ.get("BENCH_LIBRARY_CITIES", "200"))
LIBRARY_MEASURES = int(os.environ.get("BENCH_LIBRARY_MEASURES", "30"))
WORDS = [
    "housing",
    "schools",
    "training",
    "hate",
    "speech",
    "victims",
    "counselling",
    "monitoring",
    "police",
    "youth",
    "employment",
    "data",
    "equality",
    "mediation",
    "festival",
    "memory",
    "street",
    "names",
    "campaign",
    "network",
]


def publish_bench_reports(cities: list, cycles: list, measures: int) -> None:
    """Fills and publishes the bench cities' reports of `cycles` with `measures` measures
    each, in bulk (the services would take minutes), then indexes them for the library."""
    from reporting.enums import QuestionType
    from reporting.library import library_index_report
    from reporting.models import Answer, Measure, Report, ReportStateChange

    for cycle in cycles:
        questionnaire = cycle.questionnaires.get(is_active=True)
        questions = list(
            questionnaire.questions.select_related("section").prefetch_related("choices")
        )
        reports = list(
            Report.objects.filter(cycle=cycle, city__in=cities).exclude(state="published")
        )
        for report in reports:
            Measure.objects.bulk_create(
                Measure(
                    report=report, order=n, title=f"{WORDS[n % len(WORDS)]} {report.city.name} {n}"
                )
                for n in range(1, measures + 1)
            )
        by_report = {}
        for measure in Measure.objects.filter(report__in=reports):
            by_report.setdefault(measure.report_id, []).append(measure)
        answers = []
        for report in reports:
            owners = [None, *by_report.get(report.pk, [])]
            for owner in owners:
                n = owner.order if owner else 0
                for question in questions:
                    if (question.section.level == 1) != (owner is None):
                        continue
                    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                        value = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(12))
                        if question.code == "m_title":
                            value = owner.title
                    elif question.type == QuestionType.NUMBER:
                        value = 12000 + n
                    elif question.type == QuestionType.YES_NO:
                        value = "yes" if n % 2 else "no"
                    elif question.type == QuestionType.DATE:
                        value = "2025-01-15"
                    elif question.type == QuestionType.COMMITMENTS:
                        value = [n % 10 + 1, (n + 3) % 10 + 1]
                    else:
                        choices = [c.value for c in question.choices.all()]
                        value = choices[n % len(choices)]
                        if question.type == QuestionType.MULTIPLE_CHOICE:
                            value = [value]
                    answers.append(
                        Answer(report=report, question=question, measure=owner, value=value)
                    )
            if len(answers) > 20_000:
                Answer.objects.bulk_create(answers)
                answers = []
        Answer.objects.bulk_create(answers)
        Report.objects.filter(pk__in=[r.pk for r in reports]).update(state="published")
        ReportStateChange.objects.bulk_create(
            ReportStateChange(report=r, from_state="draft", to_state="published") for r in reports
        )
        for report in reports:
            library_index_report(report=report)


def bench_library():
    """The library search, the cycle dashboard and the full-cycle exports at two sizes:
    a few published reports, then LIBRARY_CITIES cities x 2 cycles x LIBRARY_MEASURES."""
    import tracemalloc

    from reporting import exports
    from reporting.enums import AccountRole
    from reporting.library import library_changed
    from reporting.models import City, CityAccount, LibraryEntry, ReportingCycle, User

    cycles = list(ReportingCycle.objects.filter(year__in=[2025, 2027]).order_by("year"))
    for n in range(City.objects.count(), LIBRARY_CITIES):
        city = City.objects.create(
            name=f"Bench city {n}",
            slug=f"bench-city-{n}",
            country="DE",
            population=20_000 + n * 1000,
            languages=["de"],
        )
        user = User.objects.create_user(email=f"bench{n}@cities.eccar.test", password=None)
        CityAccount.objects.create(user=user, city=city, role=AccountRole.PRIMARY)
    from reporting.models import Report

    for city in City.objects.filter(slug__startswith="bench-city-"):
        for cycle in cycles:
            Report.objects.get_or_create(
                city=city,
                cycle=cycle,
                defaults={"questionnaire": cycle.questionnaires.get(is_active=True)},
            )
    bench_cities = list(City.objects.filter(slug__startswith="bench-city-").order_by("pk"))
    member = Client()
    member.force_login(User.objects.get(email="graz@cities.eccar.test"))
    office = Client()
    office.force_login(User.objects.get(email="office@eccar.test"))
    year = cycles[0].year
    pages = [
        ("library, no query", member, "/library/?sort=relevance"),
        ("library, query", member, "/library/?q=housing+schools"),
        ("library, query+filters", member, "/library/?q=training&commitment=3&size=large"),
        ("library, last page", member, "/library/?q=housing&page=999999"),
        ("measure page", member, None),
        ("dashboard (staff)", office, f"/dashboard/{year}/"),
        ("benchmark (city)", member, "/library/cities/graz/benchmark/2025/"),
    ]
    rows = []
    for label, count in (("small", 20), ("large", len(bench_cities))):
        publish_bench_reports(bench_cities[:count], cycles, LIBRARY_MEASURES)
        if connection.vendor == "postgresql":
            # A production database is analysed by autovacuum; bulk loads are not yet.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        measure_id = (
            LibraryEntry.objects.filter(kind="measure")
            .order_by("-pk")
            .values_list("measure_id", flat=True)
            .first()
        )
        entries = LibraryEntry.objects.filter(kind="measure").count()
        for name, who, path in pages:
            path = path or f"/library/measures/{measure_id}/"
            median, p95, n_queries = measure(who, "get", path)
            rows.append((name, label, City.objects.count(), entries, median, p95, n_queries))
            if path.startswith("/library/?"):
                # The same search made for the first time since the library changed.
                median, p95, n_queries = measure(who, "get", path, before=library_changed)
                rows.append(
                    (
                        f"{name}, uncached",
                        label,
                        City.objects.count(),
                        entries,
                        median,
                        p95,
                        n_queries,
                    )
                )
            if os.environ.get("BENCH_SLOW_QUERIES"):
                with CaptureQueriesContext(connection) as captured:
                    who.get(path)
                slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
                for query in slowest[:3]:
                    print(f"  {name} {label} {query['time']}s {query['sql'][:300]}")
    print(
        f"\nLibrary benchmark ({connection.vendor}; {LIBRARY_CITIES} cities x {len(cycles)} "
        f"cycles x {LIBRARY_MEASURES} measures at the large size)\n"
    )
    header = (
        f"{'page':34} {'size':6} {'cities':>6} {'measures':>8} {'median ms':>10} "
        f"{'p95 ms':>8} {'queries':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, label, cities, entries, median, p95, n in rows:
        print(f"{name:34} {label:6} {cities:>6} {entries:>8} {median:>10.1f} {p95:>8.1f} {n:>8}")
    by_page = {}
    for name, _label, *_rest, n in rows:
        by_page.setdefault(name, []).append(n)
    grew = [name for name, counts in by_page.items() if len(set(counts)) > 1]
    print("\nQuery counts constant across sizes:", "yes" if not grew else f"NO: {grew}")

    cycle = cycles[0]
    print(f"\nExport of cycle {cycle.year} (every submitted report, both levels)\n")
    print(f"{'export':22} {'rows':>7} {'MB out':>7} {'seconds':>8} {'peak MB':>8}")
    for name, run in (
        ("CSV level 1", lambda: exports.csv_stream(exports.export_rows(cycle=cycle, level=1))),
        ("CSV level 2", lambda: exports.csv_stream(exports.export_rows(cycle=cycle, level=2))),
        ("XLSX (both levels)", None),
    ):
        reset_queries()
        tracemalloc.start()
        start = time.perf_counter()
        if run is None:
            handle = exports.xlsx_file(cycle=cycle)
            size = handle.seek(0, 2)
            handle.close()
            lines = "-"
        else:
            size = lines = 0
            for chunk in run():
                size += len(chunk)
                lines += 1
            lines -= 2  # the byte order mark and the header
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:22} {lines!s:>7} {size / 1e6:>7.1f} {elapsed:>8.2f} {peak / 1e6:>8.1f}")


def prize_pages():
    """The open ballot of the demo prize edition, as the delegate who votes on it sees it."""
    from prize.models import Ballot
    from reporting.models import User

    ballot = Ballot.objects.filter(state="open").select_related("edition").first()
    if ballot is None:
        return []
    delegate = Client()
    delegate.force_login(User.objects.get(email="delegate.bologna@cities.eccar.test"))
    return [
        (
            "prize ballot (delegate)",
            delegate,
            "get",
            f"/prize/{ballot.edition.year}/ballots/{ballot.pk}/",
            None,
        )
    ]


def measure_review_page(report):
    """Assigns the demo reviewer, lets the report be under review for the measurement,
    then returns it to draft so the next size can grow it."""
    from reporting.models import Report, User
    from reviews.models import Assignment

    reviewer = User.objects.get(email="reviewer@eccar.test")
    Assignment.objects.get_or_create(report=report, reviewer=reviewer)
    Report.objects.filter(pk=report.pk).update(state="submitted")
    client = Client()
    client.force_login(reviewer)
    try:
        return measure(client, "get", f"/reviews/{report.cycle.year}/{report.city.slug}/")
    finally:
        Report.objects.filter(pk=report.pk).update(state="draft")


def main():
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from reporting.models import City

        call_command("seed_demo", "--quiet-logins", verbosity=0)
        if os.environ.get("BENCH_ONLY") == "library":
            bench_library()
            return
        rows = []
        for label, cities, measures in SIZES:
            report, primary = grow(cities, measures)
            staff = type(primary).objects.get(email="office@eccar.test")
            client, office = Client(), Client()
            client.force_login(primary)
            office.force_login(staff)
            base = f"/cities/graz/reports/{report.cycle.year}"
            first_measure = report.measures.order_by("order").first()
            title_q = report.questionnaire.questions.get(code="m_title")
            version = {"v": first_measure.answers.get(question=title_q).version}

            def autosave_data(i, title_q=title_q, first_measure=first_measure, version=version):
                data = {
                    "question": title_q.pk,
                    "measure": first_measure.pk,
                    "version": version["v"],
                    "value": f"Hotline {i}",
                }
                version["v"] += 1
                return data

            pages = [
                ("floor: bare Django view", client, "get", "/healthz", None),
                ("home (city)", client, "get", "/", None),
                ("report overview", client, "get", base + "/", None),
                ("level-1 section edit", client, "get", base + "/sections/strategy/", None),
                ("level-2 list", client, "get", base + "/measures/", None),
                ("measure edit", client, "get", f"{base}/measures/{first_measure.pk}/", None),
                ("autosave one answer", client, "post", base + "/autosave/", autosave_data),
                ("city list (staff)", office, "get", "/cities/", None),
                ("library search", client, "get", "/library/?q=Hotline", None),
                ("dashboard (staff)", office, "get", f"/dashboard/{report.cycle.year}/", None),
                *prize_pages(),
            ]
            for name, who, method, path, factory in pages:
                median, p95, n_queries = measure(who, method, path, factory)
                rows.append(
                    (
                        name,
                        label,
                        City.objects.count(),
                        report.measures.count(),
                        median,
                        p95,
                        n_queries,
                    )
                )
            # The review page shows the same (large) report, frozen, to its reviewer.
            rows.append(
                (
                    "review page (reviewer)",
                    label,
                    City.objects.count(),
                    report.measures.count(),
                    *measure_review_page(report),
                )
            )
        engine = connection.vendor
        print(
            f"\nKey pages ({engine}, {REPEAT} requests per row, in-process test client; "
            "x floor = median / median of a bare Django view in the same run)\n"
        )
        header = (
            f"{'page':26} {'size':6} {'cities':>6} {'measures':>8} {'median ms':>10} "
            f"{'p95 ms':>8} {'queries':>8} {'x floor':>8}"
        )
        print(header)
        print("-" * len(header))
        floors = {
            label: median for name, label, _c, _m, median, *_r in rows if name.startswith("floor")
        }
        for name, label, cities, measures, median, p95, n in rows:
            ratio = median / floors[label] if floors.get(label) else 0
            print(
                f"{name:26} {label:6} {cities:>6} {measures:>8} {median:>10.1f} {p95:>8.1f} "
                f"{n:>8} {ratio:>8.1f}"
            )
        by_page = {}
        for name, _label, *_rest, n in rows:
            by_page.setdefault(name, []).append(n)
        grew = [name for name, counts in by_page.items() if len(set(counts)) > 1]
        print("\nQuery counts constant across sizes:", "yes" if not grew else f"NO: {grew}")
        if os.environ.get("BENCH_ONLY") == "pages":
            return
        bench_translation(report, primary)
        bench_reviews(staff)
        bench_library()
        bench_prize()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _prize_table_queries(edition, staff_client, size: int):
    """Grows the edition to `size` large candidatures (with scores on three criteria) and
    times the phase-1 list, sorted by a criterion."""
    from prize.models import Candidature
    from reporting.models import Measure, Report, User
    from reviews.models import Assessment, Criterion, Review

    reviewer = User.objects.get(email="reviewer@eccar.test")
    criteria = [
        Criterion.objects.get_or_create(
            cycle=edition.cycle, code=code, defaults={"order": n, "title": code.title()}
        )[0]
        for n, code in enumerate(["impact", "innovation", "sustainability"])
    ]
    reports = list(Report.objects.filter(cycle=edition.cycle).select_related("city"))
    have = Candidature.objects.filter(edition=edition).count()
    measures = Measure.objects.bulk_create(
        [
            Measure(report=reports[n % len(reports)], order=1000 + n, title=f"Bench measure {n}")
            for n in range(have, size)
        ]
    )
    Candidature.objects.bulk_create(
        [
            Candidature(
                edition=edition,
                measure=m,
                report=m.report,
                city=m.report.city,
                title=m.title,
                population=max(m.report.city.population, 50_000),
                category="large",
            )
            for m in measures
        ]
    )
    reviews = {r.report_id: r for r in Review.objects.filter(reviewer=reviewer, report__in=reports)}
    for report in reports:
        if report.pk not in reviews:
            reviews[report.pk] = Review.objects.create(report=report, reviewer=reviewer)
    Assessment.objects.bulk_create(
        [
            Assessment(review=reviews[m.report_id], measure=m, criterion=c, score=(m.pk + i) % 5)
            for m in measures
            for i, c in enumerate(criteria)
        ]
    )
    path = f"/prize/{edition.year}/candidatures/large/?sort=innovation"
    timings, queries = [], []
    for i in range(8):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = staff_client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        if i >= 2:
            timings.append(elapsed)
            queries.append(len(captured))
    return statistics.median(timings), max(timings), max(queries)


def bench_prize():
    """The prize: the phase-1 candidature list at 200 and 2,000 measures (query count
    and time), and casting a vote under 100 concurrent voters (PostgreSQL only)."""
    import datetime
    import threading

    from prize import services
    from prize.enums import EditionPhase
    from prize.models import BallotChoice, Participation, PrizeEdition
    from reporting.enums import AccountRole, MembershipStatus
    from reporting.models import City, ReportingCycle, User

    staff = User.objects.get(email="office@eccar.test")
    office = Client()
    office.force_login(staff)
    cycle = ReportingCycle.objects.get(year=2027)
    edition, _created = PrizeEdition.objects.get_or_create(
        year=2027,
        defaults={
            "cycle": cycle,
            "phase": EditionPhase.PRESELECTION,
            "preselection_starts": datetime.date(2027, 5, 15),
            "finalists_start": datetime.date(2027, 9, 1),
            "vote_on": datetime.date(2027, 10, 20),
            "results_on": datetime.date(2027, 10, 21),
        },
    )
    print("\nPrize: phase-1 candidature list (staff, sorted by a criterion, 3 criteria)\n")
    print(f"{'measures':>8} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    counts = []
    for size in (200, 2000):
        median, worst, n_queries = _prize_table_queries(edition, office, size)
        counts.append(n_queries)
        print(f"{size:>8} {median:>10.1f} {worst:>8.1f} {n_queries:>8}")
    print("Query count constant across sizes:", "yes" if len(set(counts)) == 1 else "NO")

    if connection.vendor != "postgresql":
        print(
            "\nPrize vote under 100 concurrent voters: skipped (needs PostgreSQL: "
            "set DATABASE_URL=postgres://...)."
        )
        return
    # The seeded 2025 edition has an open ballot in the larger category.
    ballot = PrizeEdition.objects.get(year=2025).ballots.get(state="open")
    finalists = list(ballot.options.values_list("pk", flat=True))
    voters = []
    for city in (
        City.objects.filter(membership_status=MembershipStatus.MEMBER)
        .exclude(accounts__is_delegate=True)
        .exclude(pk__in=Participation.objects.filter(ballot=ballot).values("city_id"))[:100]
    ):
        account = city.accounts.filter(role=AccountRole.PRIMARY, is_active=True).first()
        if account:
            voters.append((city, account.user))
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_connections = int(cursor.fetchone()[0])
        cursor.execute("SELECT count(*) FROM pg_stat_activity")
        in_use = cursor.fetchone()[0]
    # 100 threads start together; the server's connection limit may cap how many
    # talk to it at the same instant (the others wait for a free connection).
    slots = max(1, min(len(voters), max_connections - in_use - 10))
    gate = threading.BoundedSemaphore(slots)
    barrier = threading.Barrier(len(voters))
    timings, errors = [], []
    lock = threading.Lock()

    def vote(index, city, user):
        from django.db import connection as thread_connection

        barrier.wait()
        with gate:
            try:
                start = time.perf_counter()
                services.vote_cast(
                    ballot=ballot,
                    city=city,
                    finalist_id=finalists[index % len(finalists)],
                    by=user,
                )
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    timings.append(elapsed)
            except Exception as error:  # reported below
                with lock:
                    errors.append(repr(error))
            finally:
                thread_connection.close()

    before = BallotChoice.objects.filter(ballot=ballot).count()
    before_voted = Participation.objects.filter(ballot=ballot).count()
    threads = [
        threading.Thread(target=vote, args=(i, city, user)) for i, (city, user) in enumerate(voters)
    ]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall
    counted = BallotChoice.objects.filter(ballot=ballot).count() - before
    voted = Participation.objects.filter(ballot=ballot).count() - before_voted
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)] if timings else 0
    print(
        f"\nPrize vote: {len(voters)} concurrent voters (threads, {slots} connections at once), "
        "PostgreSQL\n"
    )
    print(f"{'median ms':>10} {'p95 ms':>8} {'wall s':>7} {'counted':>8} {'errors':>7}")
    print(
        f"{statistics.median(timings) if timings else 0:>10.1f} {p95:>8.1f} {wall:>7.2f} "
        f"{counted:>8} {len(errors):>7}"
    )
    exact = counted == voted == len(voters)
    print(
        f"Exactly {len(voters)} votes counted:",
        "yes" if exact else f"NO ({counted} counted, {voted} voted, errors: {errors[:3]})",
    )


if __name__ == "__main__":
    sys.exit(main())
