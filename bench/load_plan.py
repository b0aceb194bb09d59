"""The part of `make load` that needs Django, run by bench/load.py against the load
database (its DATABASE_URL):

    python -m bench.load_plan prepare PLAN.json '{"cities": 200, ...}'
    python -m bench.load_plan check EXPECTED.json     # prints the number of lost saves

`prepare` seeds the demo data, grows it in bulk (bench/data.py) and writes the plan:
the URLs, sessions and answers each simulated person uses."""

import json
import os
import sys
import time
from importlib import import_module
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eccar.settings")
django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import data  # noqa: E402
from reporting.enums import AccountRole, QuestionType, ReportState  # noqa: E402
from reporting.models import Answer, LibraryEntry, Question, Report, User  # noqa: E402
from reviews.models import Assignment  # noqa: E402

DRAFT_YEAR = 2027
LIBRARY_YEARS = [2023, 2025]


def session_for(user) -> str:
    """A logged-in session for `user`, as django.contrib.auth.login would store it."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "eccar.backends.StaffModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["_started"] = session["_last_seen"] = int(time.time())
    session.create()
    return session.session_key


def prepare(mix: dict) -> dict:
    """Seeds the demo data, grows it in bulk (bench/data.py) and returns the plan:
    the URLs, sessions and answers each simulated person uses."""
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    bench = data.bench_cities(mix["cities"])
    drafts = {
        r.city_id: r
        for r in Report.objects.filter(cycle__year=DRAFT_YEAR, city__in=bench).select_related(
            "city", "cycle", "questionnaire"
        )
    }
    coordinators = [drafts[c.pk] for c in bench[: mix["coordinators"]]]
    reviewed = [drafts[c.pk] for c in bench[mix["coordinators"] :][: mix["reviewers"]]]
    data.fill(coordinators + reviewed, mix["measures"])
    data.submit_in_bulk(reviewed)
    data.library(bench, LIBRARY_YEARS, mix["library"] // (len(LIBRARY_YEARS) * len(bench)) + 1)
    data.analyse()

    questionnaire = coordinators[0].questionnaire
    typed = (
        Question.objects.filter(
            questionnaire=questionnaire, section__level=1, type=QuestionType.LONG_TEXT
        )
        .select_related("section")
        .order_by("section__order", "order")
        .first()
    )
    versions = dict(
        Answer.objects.filter(report__in=coordinators, question=typed, measure=None).values_list(
            "report_id", "version"
        )
    )
    writers = []
    for report in coordinators:
        kwargs = {"slug": report.city.slug, "year": report.cycle.year}
        writers.append(
            {
                "session": session_for(report.city.accounts.get(role=AccountRole.PRIMARY).user),
                "report": report.pk,
                "question": typed.pk,
                "version": versions.get(report.pk, ""),
                "section": reverse(
                    "reporting:section_edit", kwargs={**kwargs, "code": typed.section.code}
                ),
                "autosave": reverse("reporting:autosave", kwargs=kwargs),
            }
        )
    # Each reviewer has an account of their own with TOTP set up (as the platform
    # requires), one assigned report, and the cycle's work list.
    model = User.objects.get(email="reviewer@eccar.test")
    totp = Authenticator.objects.filter(user=model).first()
    reviewers = []
    for n, report in enumerate(reviewed):
        user = User.objects.create_user(
            email=f"load-reviewer{n}@eccar.test", password=None, is_reviewer=True
        )
        if totp is not None:
            Authenticator.objects.create(user=user, type=totp.type, data=totp.data)
        Assignment.objects.create(report=report, reviewer=user)
        reviewers.append(
            {
                "session": session_for(user),
                "worklist": reverse("reviews:worklist", kwargs={"year": DRAFT_YEAR}),
                "review": reverse(
                    "reviews:review", kwargs={"slug": report.city.slug, "year": DRAFT_YEAR}
                ),
            }
        )
    # Readers: member cities that are not typing (the library is for members).
    published = (
        Report.objects.filter(state=ReportState.PUBLISHED, city__in=bench)
        .select_related("city", "cycle")
        .order_by("pk")
    )
    readers = []
    for n, report in enumerate(published[: mix["readers"]]):
        reader = bench[-1 - n].accounts.get(role=AccountRole.PRIMARY).user
        readers.append(
            {
                "session": session_for(reader),
                "published": reverse(
                    "reporting:report_detail",
                    kwargs={"slug": report.city.slug, "year": report.cycle.year},
                ),
            }
        )
    measures = list(
        LibraryEntry.objects.filter(kind="measure")
        .order_by("pk")
        .values_list("measure_id", flat=True)[:50]
    )
    return {
        "home": reverse("home"),
        "library": reverse("library:index"),
        "measures": [reverse("library:measure", kwargs={"pk": pk}) for pk in measures],
        "words": data.WORDS,
        "writers": writers,
        "reviewers": reviewers,
        "readers": readers,
        "counts": {k: mix[k] for k in ("coordinators", "reviewers", "readers")},
    }


def lost_saves(expected: dict) -> int:

    lost = 0
    for key, value in expected.items():
        report_id, question_id = (int(x) for x in key.split(":"))
        stored = (
            Answer.objects.filter(report_id=report_id, question_id=question_id, measure=None)
            .values_list("value", flat=True)
            .first()
        )
        lost += stored != value
    return lost


def main(argv: list[str]) -> int:
    command, path = argv[0], Path(argv[1])
    if command == "prepare":
        path.write_text(json.dumps(prepare(json.loads(argv[2]))))
    else:
        print(lost_saves(json.loads(path.read_text())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
