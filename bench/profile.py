"""Profile one page of `make bench` on a kept database (for working on the budgets).

    DATABASE_URL=postgres://…/eccar_prof .venv/bin/python -m bench.profile build [large]
    DATABASE_URL=postgres://…/eccar_prof .venv/bin/python -m bench.profile "review page"

`build` migrates the (empty, existing) database, seeds the demo and grows it to the
bench's small (default) or large size, once. A page name (the start of a `make bench`
label) is then requested 3 times to warm up, N times timed (median printed; N=10 by
default, set N), and 10 times under cProfile (cumulative, LINES lines; NOPROF=1 skips
it). The cache is off, as in `make bench`."""

import cProfile
import os
import pstats
import statistics
import sys
import time

from django.core.management import call_command
from django.test.utils import setup_test_environment

from bench import __main__ as bench
from prize.models import PrizeEdition
from reporting.models import Report
from reviews.models import Assignment


def build(large: bool) -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    bench.build(bench.SIZES[-1] if large else bench.SIZES[0])


def page_row(name: str) -> tuple:
    graz = Report.objects.select_related("city", "cycle").get(
        city__slug="graz", cycle__year=bench.DRAFT_YEAR
    )
    reviewed = (
        Assignment.objects.select_related("report__city", "report__cycle")
        .filter(report__cycle__year=bench.DRAFT_YEAR)
        .first()
        .report
    )
    edition = PrizeEdition.objects.order_by("-year").first()
    rows = bench.pages({"graz": graz, "reviewed": reviewed, "edition": edition}, "small")
    return next(row for row in rows if row[0].startswith(name))


def main(args: list[str]) -> int:
    setup_test_environment()
    if args[0] == "build":
        build(large=args[1:] == ["large"])
        return 0
    _, client, method, path, data = page_row(args[0])[:5]

    def once(i: int):
        url = path(i) if callable(path) else path
        body = data(i) if callable(data) else data
        return client.post(url, body) if method == "post" else client.get(url)

    for i in range(3):
        once(i)
    timings = []
    for i in range(int(os.environ.get("N", "10"))):
        start = time.perf_counter()
        once(i)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"median {statistics.median(timings):.1f} ms over {len(timings)} requests")
    if os.environ.get("NOPROF"):
        return 0
    profile = cProfile.Profile()
    profile.enable()
    for i in range(10):
        once(i + 100)
    profile.disable()
    stats = pstats.Stats(profile).sort_stats("cumulative")
    stats.print_stats(int(os.environ.get("LINES", "60")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["home"]))
