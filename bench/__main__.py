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


def measure(client, method, path, data_factory=None):
    timings, queries = [], []
    for i in range(REPEAT + 3):
        data = data_factory(i) if data_factory else None
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
    return statistics.median(timings), p95, max(queries)


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


def main():
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from reporting.models import City

        call_command("seed_demo", "--quiet-logins", verbosity=0)
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
                ("home (city)", client, "get", "/", None),
                ("report overview", client, "get", base + "/", None),
                ("level-1 section edit", client, "get", base + "/sections/strategy/", None),
                ("level-2 list", client, "get", base + "/measures/", None),
                ("measure edit", client, "get", f"{base}/measures/{first_measure.pk}/", None),
                ("autosave one answer", client, "post", base + "/autosave/", autosave_data),
                ("city list (staff)", office, "get", "/cities/", None),
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
        engine = connection.vendor
        print(
            f"\nReporting benchmark ({engine}, {REPEAT} requests per row, in-process test client)\n"
        )
        header = (
            f"{'page':24} {'size':6} {'cities':>6} {'measures':>8} {'median ms':>10} "
            f"{'p95 ms':>8} {'queries':>8}"
        )
        print(header)
        print("-" * len(header))
        for name, label, cities, measures, median, p95, n in rows:
            print(
                f"{name:24} {label:6} {cities:>6} {measures:>8} {median:>10.1f} {p95:>8.1f} {n:>8}"
            )
        by_page = {}
        for name, _label, *_rest, n in rows:
            by_page.setdefault(name, []).append(n)
        grew = [name for name, counts in by_page.items() if len(set(counts)) > 1]
        print("\nQuery counts constant across sizes:", "yes" if not grew else f"NO: {grew}")
        bench_translation(report, primary)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
