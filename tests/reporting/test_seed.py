from django.core.management import call_command

from reporting.enums import AccountRole, SizeCategory
from reporting.models import (
    Answer,
    City,
    CityAccount,
    Commitment,
    Report,
    ReportingCycle,
    ReportStateChange,
    User,
)


def _snapshot():
    return {
        "cities": sorted(City.objects.values_list("slug", "population", "country")),
        "users": sorted(
            User.objects.values_list("email", "is_staff", "is_reviewer", "is_board_member")
        ),
        "accounts": sorted(CityAccount.objects.values_list("user__email", "city__slug", "role")),
        "cycles": sorted(ReportingCycle.objects.values_list("year", "submission_deadline")),
        "reports": sorted(Report.objects.values_list("city__slug", "cycle__year", "state")),
        "history": ReportStateChange.objects.count(),
        "answers": sorted(
            Answer.objects.values_list("report__city__slug", "question__code", "measure__order")
        ),
        "commitments": sorted(Commitment.objects.values_list("number", "title_en", "title_fr")),
    }


def test_seed_demo_twice_leaves_the_same_data(db):
    call_command("seed_demo", "--quiet-logins")
    first = _snapshot()

    call_command("seed_demo", "--quiet-logins")

    assert _snapshot() == first


def test_seed_demo_has_realistic_cities_roles_and_the_2025_cycle(db):
    call_command("seed_demo", "--quiet-logins")

    assert City.objects.count() >= 20
    categories = {city.size_category for city in City.objects.all()}
    assert categories == {SizeCategory.SMALL, SizeCategory.LARGE}
    assert User.objects.filter(is_staff=True).exists()
    assert User.objects.filter(is_reviewer=True).exists()
    assert User.objects.filter(is_board_member=True).exists()
    assert CityAccount.objects.filter(role=AccountRole.SECONDARY).exists()
    assert CityAccount.objects.filter(is_delegate=True).exists()
    cycle_2025 = ReportingCycle.objects.get(year=2025)
    assert str(cycle_2025.submission_deadline) == "2025-04-30"
    assert Commitment.objects.count() == 10
    assert City.objects.get(slug="esch-sur-alzette").population == 37_000


def test_seed_demo_if_empty_leaves_existing_data_alone(db):
    City.objects.create(name="Only", slug="only", country="DE", population=1)

    call_command("seed_demo", "--if-empty", "--quiet-logins")

    assert City.objects.count() == 1
