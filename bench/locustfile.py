"""Locust journeys for `make load` (bench/load.py writes the plan: URLs and sessions).

Coordinators type into their own city's report: an autosave every 2 to 8 s, carrying
the version the last save returned, as the page's script does, and now and then they
reopen the section. Reviewers read their work list and their review page; readers open
the home page, a library search, a library measure and a published report. Any answer
but 200 is an error (redirects are not followed: a redirect to the login page would
otherwise pass as a page). Every coordinator writes one answer of its own report, so the
last value the server acknowledged is the one that must be stored: bench/load.py checks
afterwards that no save was lost."""

import json
import os
import random
import secrets
from itertools import count

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
EXPECTED: dict[str, str] = {}
_writers = iter(PLAN["writers"])
_reviewers = iter(PLAN["reviewers"])
_readers = iter(PLAN["readers"])
_sequence = count()


class Person(HttpUser):
    abstract = True

    def log_in(self, session):
        self.csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret
        self.client.cookies.set("sessionid", session)
        self.client.cookies.set("csrftoken", self.csrf)

    def page(self, url, name):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"answered {r.status_code}")


class Coordinator(Person):
    fixed_count = PLAN["counts"]["coordinators"]
    wait_time = between(2, 8)

    def on_start(self):
        self.writer = next(_writers)
        self.log_in(self.writer["session"])
        self.version = self.writer["version"]

    @task(1)
    def open_section(self):
        self.page(self.writer["section"], "coordinator: section edit")

    @task(6)
    def autosave(self):
        value = f"Answer {next(_sequence)} of report {self.writer['report']}"
        with self.client.post(
            self.writer["autosave"],
            data={"question": self.writer["question"], "version": self.version, "value": value},
            headers={"X-CSRFToken": self.csrf, "Referer": self.host + "/"},
            name="coordinator: autosave",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}: {response.text[:100]}")
                return
            self.version = response.json()["version"]
            EXPECTED[f"{self.writer['report']}:{self.writer['question']}"] = value


class Reviewer(Person):
    fixed_count = PLAN["counts"]["reviewers"]
    wait_time = between(5, 15)

    def on_start(self):
        self.reviewer = next(_reviewers)
        self.log_in(self.reviewer["session"])

    @task(1)
    def worklist(self):
        self.page(self.reviewer["worklist"], "reviewer: work list")

    @task(3)
    def review(self):
        self.page(self.reviewer["review"], "reviewer: review page")


class Reader(Person):
    fixed_count = PLAN["counts"]["readers"]
    wait_time = between(3, 10)

    def on_start(self):
        self.reader = next(_readers)
        self.log_in(self.reader["session"])

    @task(1)
    def home(self):
        self.page(PLAN["home"], "reader: home")

    @task(3)
    def search(self):
        words = random.sample(PLAN["words"], 2)
        self.page(f"{PLAN['library']}?q={'+'.join(words)}", "reader: library search")

    @task(2)
    def measure(self):
        self.page(random.choice(PLAN["measures"]), "reader: library measure")  # noqa: S311

    @task(2)
    def published(self):
        self.page(self.reader["published"], "reader: published report")


@events.quitting.add_listener
def _write_expected(environment, **kwargs):
    with open(os.environ["LOAD_EXPECT"], "w") as handle:
        json.dump(EXPECTED, handle)
