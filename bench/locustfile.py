"""Locust journeys for `make load` (bench/load.py writes the plan: URLs and sessions).

City users open their report's section and autosave their own answer; reviewers open
their work list and a review; readers open the home page, the library and a published
report. Every city user writes one answer of its own city's report, so the last value
the server acknowledged is the one that must be stored: bench/load.py checks that no
autosave was lost."""

import json
import os
import random
import secrets
from itertools import count

from locust import HttpUser, between, events, task

QUERIES = ["housing", "schools training", "hate speech", "monitoring"]
PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read())  # noqa: SIM115
EXPECTED: dict[str, str] = {}
_writers = iter(PLAN["writers"])
_sequence = count()


def _login(user, session):
    csrf = secrets.token_hex(16)
    user.client.cookies.set("sessionid", session)
    user.client.cookies.set("csrftoken", csrf)
    user.csrf = csrf


class CityUser(HttpUser):
    weight = 3
    wait_time = between(0.5, 2)

    def on_start(self):
        self.writer = next(_writers)
        _login(self, self.writer["session"])

    @task(1)
    def open_report(self):
        self.client.get(self.writer["base"] + "/", name="city: report overview")

    @task(4)
    def autosave(self):
        value = f"Answer {next(_sequence)} of {self.writer['report']}"
        response = self.client.post(
            self.writer["base"] + "/autosave/",
            data={"question": self.writer["question"], "version": "", "value": value},
            headers={"X-CSRFToken": self.csrf, "Referer": self.host + "/"},
            name="city: autosave",
        )
        if response.status_code == 200:
            EXPECTED[f"{self.writer['report']}:{self.writer['question']}"] = value


class Reviewer(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        _login(self, PLAN["reviewer"]["session"])

    @task
    def worklist(self):
        for url in PLAN["reviewer"]["urls"]:
            self.client.get(
                url, name="reviewer: " + ("work list" if url.count("/") == 3 else "review")
            )


class Reader(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        _login(self, PLAN["reader"])

    @task
    def read(self):
        self.client.get("/", name="reader: home")
        query = random.choice(QUERIES)  # noqa: S311 (a varied load, not a secret)
        self.client.get(f"/library/?q={query}", name="reader: library search")
        self.client.get(PLAN["published"], name="reader: published report")


@events.quitting.add_listener
def _write_expected(environment, **kwargs):
    with open(os.environ["LOAD_EXPECT"], "w") as handle:
        json.dump(EXPECTED, handle)
