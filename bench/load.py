"""`make load`: a deadline-day mix against gunicorn (2 workers) on 127.0.0.1 with
PostgreSQL, driven by locust (bench/locustfile.py).

    .venv/bin/python -m bench.load            # 100 coordinators, 10 reviewers, 20 readers, 60 s
    .venv/bin/python -m bench.load --short    # the CI form: 20, 2 and 4 users for 15 s
    .venv/bin/python -m bench.load --strict   # also exit 1 when p95 misses its target

Coordinators type into their own city's report (one autosave every 2 to 8 s, now and
then reopening the section), reviewers read their work list and a review page, readers
open the home page, library searches, a library measure and a published report. The run
reports the p95 of every request (target < 100 ms), errors (any answer but 200) and lost
saves: after the run, every value the server acknowledged last must be in the database.
It exits 1 on an error or a lost save.

Needs DATABASE_URL pointing at PostgreSQL: a throw-away database `<name>_load` is made
next to it (and dropped at the end). Users are logged in by writing their sessions
directly, not by posting the login form: the form is rate limited on purpose and
reviewers need a TOTP code, and neither is what this test measures. The requests then
carry real session and CSRF cookies through the whole middleware stack."""

import argparse
import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
P95_TARGET_MS = 100
# The 35 demo cities plus bench cities: one per coordinator and reviewed report, and
# some to read. `measures`: the coordinators' and the reviewed reports' measures.
FULL = {
    "cities": 200,
    "coordinators": 100,
    "reviewers": 10,
    "readers": 20,
    "seconds": 60,
    "measures": 30,
    "library": 10_000,
}
SHORT = {
    "cities": 65,
    "coordinators": 20,
    "reviewers": 2,
    "readers": 4,
    "seconds": 15,
    "measures": 5,
    "library": 300,
}


def load_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if "postgres" not in url:
        raise SystemExit("make load needs DATABASE_URL pointing at PostgreSQL.")
    parts = urlsplit(url)
    return parts._replace(path=parts.path.rstrip("/") + "_load").geturl()


def _admin(url: str):
    parts = urlsplit(url)
    return parts.path.lstrip("/"), parts._replace(path="/postgres").geturl()


def recreate_database(url: str) -> None:
    name, admin = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    name, admin = _admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def plan_step(env: dict, *args) -> str:
    """Runs bench/load_plan.py (the part that needs Django) against the load database
    and returns the last line it printed."""
    done = subprocess.run(  # noqa: S603 - our own fixed command line
        [sys.executable, "-m", "bench.load_plan", *map(str, args)],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode:
        raise SystemExit(f"bench.load_plan {args[0]} failed:\n{done.stderr[-3000:]}")
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def start_gunicorn(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own fixed command line
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "eccar.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(BASE + "/healthz", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


def run_locust(plan: dict, seconds: int, tmp: Path, env: dict) -> dict:
    plan_file = tmp / "plan.json"
    expect_file = tmp / "expected.json"
    users = sum(plan["counts"].values())
    subprocess.run(  # noqa: S603 - our own fixed command line
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(ROOT / "bench/locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "-t",
            f"{seconds}s",
            "--host",
            BASE,
            "--csv",
            str(tmp / "locust"),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "10",
        ],
        env={**env, "LOAD_PLAN": str(plan_file), "LOAD_EXPECT": str(expect_file)},
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=seconds + 120,
    )
    with open(tmp / "locust_stats.csv") as handle:
        stats = list(csv.DictReader(handle))
    failures = []
    if (tmp / "locust_failures.csv").exists():
        with open(tmp / "locust_failures.csv") as handle:
            failures = list(csv.DictReader(handle))
    expected = json.loads(expect_file.read_text()) if expect_file.exists() else {}
    return {"stats": stats, "failures": failures, "expected": expected}


def report(result: dict, plan: dict, seconds: int) -> tuple[int, float, int]:
    """Prints the table; returns the errors, the overall p95 and the requests."""
    counts = plan["counts"]
    print(
        f"\nDeadline-day mix: {counts['coordinators']} coordinators, {counts['reviewers']} "
        f"reviewers, {counts['readers']} readers for {seconds} s; gunicorn 2 workers, "
        f"PostgreSQL, {os.cpu_count()} cores\n"
    )
    header = f"{'request':34} {'count':>7} {'errors':>6} {'req/s':>7} {'median':>7} {'p95 ms':>7}"
    print(header)
    print("-" * len(header))
    errors, p95, total = 0, 0.0, 0
    for row in result["stats"]:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{(row['Type'] + ' ' + name).strip()[:34]:34} {row['Request Count']:>7} "
            f"{row['Failure Count']:>6} {float(row['Requests/s']):>7.1f} "
            f"{float(row['Median Response Time'] or 0):>7.0f} {float(row['95%'] or 0):>7.0f}"
        )
        if name == "ALL":
            errors = int(row["Failure Count"])
            p95 = float(row["95%"] or 0)
            total = int(row["Request Count"])
    for failure in result["failures"][:5]:
        print(f"  error: {failure['Method']} {failure['Name']}: {failure['Error'][:120]}")
    return errors, p95, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--short", action="store_true", help="the CI form")
    parser.add_argument("--strict", action="store_true", help="exit 1 when p95 misses its target")
    parser.add_argument("--seconds", type=int)
    args = parser.parse_args(argv)
    mix = dict(SHORT if args.short else FULL)
    seconds = args.seconds or mix["seconds"]
    url = load_database_url()
    recreate_database(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "eccar.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "CACHE_KEY_PREFIX": f"eccar-load-{secrets.token_hex(4)}",
        "LOG_LEVEL": "WARNING",
        "SECURITY_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    tmp = Path(tempfile.mkdtemp(prefix="eccar-load-"))
    server = None
    started = time.monotonic()
    try:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        plan_file = tmp / "plan.json"
        plan_step(env, "prepare", plan_file, json.dumps(mix))
        plan = json.loads(plan_file.read_text())
        prepared = time.monotonic() - started
        server = start_gunicorn(env)
        result = run_locust(plan, seconds, tmp, env)
        errors, p95, total = report(result, plan, seconds)
        expect_file = tmp / "expected.json"
        expect_file.write_text(json.dumps(result["expected"]))
        lost = int(plan_step(env, "check", expect_file))
        checked = len(result["expected"])
        print(f"\nAutosaves checked after the run: {checked}, lost: {lost}")
        p95_ok = p95 < P95_TARGET_MS
        print(
            f"p95 {p95:.0f} ms (target < {P95_TARGET_MS} ms): {'ok' if p95_ok else 'over'}; "
            f"errors: {errors} (target 0); lost saves: {lost} (target 0)"
        )
        print(
            f"make load took {time.monotonic() - started:.0f} s "
            f"({prepared:.0f} s of them to set up the data)"
        )
        if errors or lost or not checked or not total or (args.strict and not p95_ok):
            return 1
        return 0
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        drop_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
