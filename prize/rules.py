"""Who may do what in the prize app, as django-rules predicates named as questions.

Phases are checked by the services (they answer with a message); these rules decide
who sees a page or a button at all."""

import rules

from reporting.rules import (
    has_member_city_account,
    is_board_member,
    is_bureau_staff,
    is_city_primary,
    is_reviewer,
)

from . import selectors
from .enums import BallotState, EditionPhase


@rules.predicate
def is_prize_delegate(user, city=None):
    """Casts the General Assembly vote for `city` (or, without one, for some city)."""
    if not user.is_authenticated:
        return False
    cities = selectors.voter_city_ids(user)
    return bool(cities) if city is None else city.pk in cities


@rules.predicate
def ballot_is_open(user, ballot):
    return ballot is not None and ballot.state == BallotState.OPEN


@rules.predicate
def results_are_published(user, edition):
    return edition is not None and edition.phase == EditionPhase.RESULTS


can_view_prize = has_member_city_account | is_bureau_staff | is_board_member | is_reviewer
can_view_candidatures = is_reviewer | is_board_member | is_bureau_staff
can_preselect = is_reviewer
can_choose_finalists = is_board_member | is_bureau_staff
can_manage_prize = is_bureau_staff
can_vote = is_prize_delegate & ballot_is_open
can_view_audit = is_board_member | is_bureau_staff
can_manage_city_candidatures = is_city_primary

rules.add_perm("prize.view_prize", can_view_prize)
rules.add_perm("prize.view_candidatures", can_view_candidatures)
rules.add_perm("prize.preselect", can_preselect)
rules.add_perm("prize.choose_finalists", can_choose_finalists)
rules.add_perm("prize.manage", can_manage_prize)
rules.add_perm("prize.vote", can_vote)
rules.add_perm("prize.view_audit", can_view_audit)
rules.add_perm("prize.manage_city_candidatures", can_manage_city_candidatures)
