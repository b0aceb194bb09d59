"""Property-based tests of the review form: hostile scores, comments and feedback per
commitment never cause a server error, and a refused post changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from reviews.models import Assessment, Criterion, Review
from tests.hostile import hostile_text, id_like, rows

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@given(
    fields=st.lists(
        st.tuples(
            st.sampled_from(["score", "comment", "cf", "general_conclusion", "version", "x"]),
            st.one_of(st.just("real"), id_like),
            hostile_text,
        ),
        max_size=6,
    ),
    fetch=st.booleans(),
)
# Found by this test: "¹".isdigit() is true but int() refuses it (500), and PostgreSQL
# refuses NUL in text (500).
@example(fields=[("version", "real", "¹"), ("score", "real", "²")], fetch=False)
@example(fields=[("general_conclusion", "real", "\x00"), ("cf", "3", "a\x00b")], fetch=True)
def test_review_form_never_fails_and_refusals_change_nothing(assigned, reviewer, fields, fetch):
    criterion = Criterion.objects.get_or_create(
        cycle=assigned.cycle, code="impact", defaults={"title": "Impact"}
    )[0]
    measure = assigned.measures.first()
    data = {}
    for prefix, key, value in fields:
        if prefix in ("score", "comment"):
            key = f"{measure.pk}-{criterion.pk}" if key == "real" else key
            data[f"{prefix}-{key}"] = value
        elif prefix == "cf":
            data[f"cf-{key}"] = value
        else:
            data[prefix] = value
    client = Client()
    client.force_login(reviewer)
    before = rows(Review.objects.filter(report=assigned), Assessment.objects.all())

    response = client.post(
        reverse("reviews:review", args=[assigned.cycle.year, assigned.city.slug]),
        data,
        **(FETCH if fetch else {}),
    )

    assert response.status_code in (200, 302, 400, 409)
    if response.status_code in (400, 409):
        assert rows(Review.objects.filter(report=assigned), Assessment.objects.all()) == before
