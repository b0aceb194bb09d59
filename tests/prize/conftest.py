import pytest

from prize import services
from prize.enums import EditionPhase
from reporting.enums import AccountRole
from tests.factories import CityAccountFactory, CityFactory, UserFactory

from .factories import PastCycleFactory, PrizeEditionFactory, submitted_report


@pytest.fixture(autouse=True)
def ballot_key_dir(settings, tmp_path):
    """Each test's ballot keys in a folder of its own, as on a server: outside the
    database and the media folder."""
    settings.PRIZE_BALLOT_KEY_DIR = tmp_path / "ballot-keys"
    return settings.PRIZE_BALLOT_KEY_DIR


@pytest.fixture
def past_cycle(db):
    return PastCycleFactory()


@pytest.fixture
def edition(past_cycle, staff):
    edition = PrizeEditionFactory(cycle=past_cycle)
    edition.phase_changes.create(from_phase="", to_phase=EditionPhase.PREPARATION, changed_by=staff)
    return edition


@pytest.fixture
def city_report(city, primary, past_cycle):
    """Graz (300,000: the larger category) submitted two measures on time."""
    return submitted_report(cycle=past_cycle, city=city, measures=2)


@pytest.fixture
def small_reviewer(db):
    """A second Advisory Board reviewer (no two-factor needed for force_login)."""
    return UserFactory(email="reviewer2@sab.example", is_reviewer=True)


def advance(edition, staff, *phases):
    for phase in phases:
        services.edition_phase_set(edition=edition, to_phase=phase, by=staff)
    edition.refresh_from_db()
    return edition


def large_city(name, **extra):
    """A member city of 50,000 or more with its primary account."""
    city = CityFactory(name=name, slug=name.lower(), population=extra.pop("population", 200_000))
    CityAccountFactory(city=city, role=AccountRole.PRIMARY, user__email=f"{city.slug}@x.example")
    return city


@pytest.fixture
def vote_setup(edition, staff, reviewer, board, city, primary, other_city, other_primary):
    """An edition in the vote: three large finalists (Graz, Malmö, Ghent), two small ones
    (Wörgl, Bulle); Graz, Malmö, Ghent, Wörgl and Bulle are member cities."""
    cycle = edition.cycle
    ghent = large_city("Ghent")
    worgl = large_city("Worgl", population=14_000)
    bulle = large_city("Bulle", population=25_000)
    reports = [submitted_report(cycle=cycle, city=c, measures=1) for c in (city, other_city, ghent)]
    reports += [submitted_report(cycle=cycle, city=c, measures=1) for c in (worgl, bulle)]
    advance(edition, staff, EditionPhase.PRESELECTION)
    for candidature in edition.candidatures.all():
        # The reviewer fixture holds no city account: no abstention here.
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="Good")
    advance(edition, staff, EditionPhase.FINALISTS)
    for candidature in edition.candidatures.all():
        services.finalist_choose(candidature=candidature, by=board)
    advance(edition, staff, EditionPhase.VOTE)
    return {
        "edition": edition,
        "cities": {
            "graz": city,
            "malmo": other_city,
            "ghent": ghent,
            "worgl": worgl,
            "bulle": bulle,
        },
    }
