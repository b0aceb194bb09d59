"""Writes of the prize app. Every phase change, mark, choice and vote goes through one
function here; views only call them and show their ServiceError messages."""

import logging
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from eccar.mail import send_templated_email
from reporting.enums import SIZE_THRESHOLD, AccountRole, MembershipStatus, SizeCategory
from reporting.models import City, ReportingCycle, User

from . import sealing, selectors, tasks
from .enums import PHASE_ORDER, BallotOutcome, BallotState, EditionPhase, TieBreakRule
from .models import (
    Ballot,
    BallotOutcomeChange,
    BallotStateChange,
    BallotTotal,
    Candidature,
    CandidatureComment,
    CityCategory,
    EditionPhaseChange,
    Finalist,
    Participation,
    PreselectionMark,
    PrizeEdition,
    SealedVote,
)

logger = logging.getLogger("eccar.prize")

JUSTIFICATION_MAX = 500
COMMENT_MAX = 3000


def _require_staff(by: User) -> None:
    if not (by and by.is_authenticated and by.is_active and by.is_staff):
        raise ServiceError(_("Only the coalition's office can do this."), code="role")


def _require_phase(edition: PrizeEdition, *phases: str) -> None:
    if edition.phase not in phases:
        raise ServiceError(
            _("This is not possible in the edition's current phase (%(phase)s).")
            % {"phase": edition.phase_label},
            code="phase",
        )


def category_for(population: int) -> str:
    """Exactly 50,000 inhabitants is the larger category."""
    return SizeCategory.SMALL if population < SIZE_THRESHOLD else SizeCategory.LARGE


# --- Editions and phases ------------------------------------------------------------------


def edition_create(
    *,
    cycle: ReportingCycle,
    by: User,
    preselection_starts,
    finalists_start,
    vote_on,
    results_on,
    year: int | None = None,
) -> PrizeEdition:
    """Creates the edition in preparation, with its first history row."""
    _require_staff(by)
    with transaction.atomic():
        edition = PrizeEdition.objects.create(
            year=year or cycle.year,
            cycle=cycle,
            preselection_starts=preselection_starts,
            finalists_start=finalists_start,
            vote_on=vote_on,
            results_on=results_on,
        )
        EditionPhaseChange.objects.create(
            edition=edition, from_phase="", to_phase=EditionPhase.PREPARATION, changed_by=by
        )
    return edition


# Backward steps are allowed only before anything irreversible: back from the
# finalists to the preselection, and from the vote to the finalists while no ballot
# was opened.
PHASE_BACK = {
    EditionPhase.FINALISTS: EditionPhase.PRESELECTION,
    EditionPhase.VOTE: EditionPhase.FINALISTS,
}


def edition_phase_set(*, edition: PrizeEdition, to_phase: str, by: User, reason: str = ""):
    """The only function that changes an edition's phase.

    Locks the edition, checks the step (one forward, or one back where allowed) and
    what the new phase needs, saves and writes one EditionPhaseChange row. Entering
    the preselection builds the candidatures. A repeated click changes nothing."""
    _require_staff(by)
    if to_phase not in EditionPhase.values:
        raise ServiceError(_("Unknown phase."), code="invalid")
    with transaction.atomic():
        locked = PrizeEdition.objects.select_for_update().select_related("cycle").get(pk=edition.pk)
        if locked.phase == to_phase:
            raise ServiceError(_("The edition is already in this phase."), code="same_state")
        current = PHASE_ORDER.index(locked.phase)
        target = PHASE_ORDER.index(to_phase)
        forward = target == current + 1
        back = PHASE_BACK.get(locked.phase) == to_phase
        if not (forward or back):
            raise ServiceError(
                _("An edition cannot go from “%(from)s” to “%(to)s”.")
                % {"from": locked.phase_label, "to": EditionPhase(to_phase).label},
                code="transition",
            )
        if back and locked.phase == EditionPhase.VOTE and locked.ballots.exists():
            raise ServiceError(
                _("A ballot has been opened: the vote cannot go back to the finalists."),
                code="transition",
            )
        if forward:
            _check_phase_entry(locked, to_phase)
        from_phase = locked.phase
        locked.phase = to_phase
        locked.save(update_fields=["phase", "updated_at"])
        EditionPhaseChange.objects.create(
            edition=locked,
            from_phase=from_phase,
            to_phase=to_phase,
            changed_by=by,
            reason=(reason or "").strip()[:2000],
        )
        if to_phase == EditionPhase.PRESELECTION:
            candidatures_build(edition=locked)
    edition.refresh_from_db()
    logger.info("prize edition=%s %s->%s by=%s", edition.pk, from_phase, to_phase, by.pk)
    return edition


def _check_phase_entry(edition: PrizeEdition, to_phase: str) -> None:
    if to_phase == EditionPhase.PRESELECTION:
        if timezone.localdate() <= edition.cycle.submission_deadline:
            raise ServiceError(
                _("The preselection starts after the reporting deadline (%(date)s).")
                % {"date": edition.cycle.submission_deadline.isoformat()},
                code="early",
            )
    elif to_phase == EditionPhase.VOTE:
        total = 0
        for category, label in SizeCategory.choices:
            needed = selectors.finalists_needed(edition=edition, category=category)
            have = Finalist.objects.filter(edition=edition, category=category).count()
            if have != needed:
                raise ServiceError(
                    _("%(category)s: choose %(needed)s finalists first (%(have)s chosen).")
                    % {"category": label, "needed": needed, "have": have},
                    code="finalists",
                )
            total += have
        if not total:
            raise ServiceError(_("There are no finalists to vote on."), code="finalists")
    elif to_phase == EditionPhase.RESULTS:
        if edition.ballots.filter(state=BallotState.OPEN).exists():
            raise ServiceError(_("Close every ballot first."), code="ballot_open")
        for category, label in SizeCategory.choices:
            if not Finalist.objects.filter(edition=edition, category=category).exists():
                continue
            if selectors.category_winner(edition=edition, category=category) is None:
                raise ServiceError(
                    _("%(category)s: there is no winner yet.") % {"category": label},
                    code="no_winner",
                )


# --- Candidatures ---------------------------------------------------------------------------


def candidatures_build(*, edition: PrizeEdition) -> int:
    """Makes every eligible measure of the cycle a candidature; returns how many were new.

    Idempotent (the database refuses a second candidature of a measure). The city's
    population is recorded the first time one of its measures is built, normally at
    the deadline, and decides its category for the whole edition."""
    if edition.phase not in (EditionPhase.PREPARATION, EditionPhase.PRESELECTION):
        raise ServiceError(_("Candidatures are built before the preselection ends."), code="phase")
    measures = list(selectors.eligible_measures(cycle=edition.cycle))
    existing = set(
        Candidature.objects.filter(edition=edition, measure__isnull=False).values_list(
            "measure_id", flat=True
        )
    )
    snapshots = {s.city_id: s for s in CityCategory.objects.filter(edition=edition)}
    new = []
    with transaction.atomic():
        for measure in measures:
            if measure.pk in existing:
                continue
            city = measure.report.city
            snapshot = snapshots.get(city.pk)
            if snapshot is None:
                snapshot, _created = CityCategory.objects.get_or_create(
                    edition=edition,
                    city=city,
                    defaults={
                        "population": city.population,
                        "category": category_for(city.population),
                    },
                )
                snapshots[city.pk] = snapshot
            new.append(
                Candidature(
                    edition=edition,
                    measure=measure,
                    report=measure.report,
                    city=city,
                    title=(measure.title or str(_("Untitled measure")))[:300],
                    population=snapshot.population,
                    category=snapshot.category,
                )
            )
        Candidature.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def candidature_withdraw(*, candidature: Candidature, by: User) -> Candidature:
    """The city's primary account takes one of its measures out of the prize (until the
    vote opens). A finalist that is withdrawn frees its place for another candidature."""
    is_primary = by.city_accounts.filter(
        city_id=candidature.city_id, role=AccountRole.PRIMARY, is_active=True
    ).exists()
    if not is_primary:
        raise ServiceError(
            _("Only the city's primary account can withdraw a measure."), code="role"
        )
    edition = candidature.edition
    _require_phase(
        edition, EditionPhase.PREPARATION, EditionPhase.PRESELECTION, EditionPhase.FINALISTS
    )
    with transaction.atomic():
        locked = Candidature.objects.select_for_update().get(pk=candidature.pk)
        if locked.withdrawn_at:
            raise ServiceError(_("This measure was already withdrawn."), code="same_state")
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
        Finalist.objects.filter(candidature=locked).delete()
    candidature.refresh_from_db()
    return candidature


# --- Phase 1: preselection -------------------------------------------------------------------


def _check_not_abstaining(user: User, candidature: Candidature) -> None:
    if candidature.city_id in selectors.abstaining_city_ids(user):
        raise ServiceError(
            _(
                "You abstain on the measures of %(city)s (you hold an account of the city or "
                "declared a conflict of interest)."
            )
            % {"city": candidature.city.name},
            code="abstain",
        )


def _check_running(candidature: Candidature) -> None:
    if candidature.withdrawn_at:
        raise ServiceError(_("The city withdrew this measure from the prize."), code="withdrawn")


def preselection_mark(
    *, candidature: Candidature, reviewer: User, justification: str
) -> PreselectionMark:
    """An Advisory Board reviewer preselects a candidature (or updates their reason)."""
    if not (reviewer.is_active and reviewer.is_reviewer):
        raise ServiceError(
            _("Only the Scientific Advisory Board preselects candidatures."), code="role"
        )
    _require_phase(candidature.edition, EditionPhase.PRESELECTION)
    _check_running(candidature)
    _check_not_abstaining(reviewer, candidature)
    justification = " ".join((justification or "").split())
    if not justification:
        raise ServiceError(
            _("Give a short justification for the preselection."), field="justification"
        )
    if len(justification) > JUSTIFICATION_MAX:
        raise ServiceError(
            _("Keep the justification under %(n)s characters.") % {"n": JUSTIFICATION_MAX},
            field="justification",
        )
    try:
        with transaction.atomic():
            mark, _created = PreselectionMark.objects.update_or_create(
                candidature=candidature,
                reviewer=reviewer,
                defaults={"justification": justification},
            )
    except IntegrityError:
        # Two clicks at once: the other one created it; keep the latest reason.
        mark = PreselectionMark.objects.get(candidature=candidature, reviewer=reviewer)
        mark.justification = justification
        mark.save(update_fields=["justification"])
    return mark


def preselection_unmark(*, candidature: Candidature, reviewer: User) -> None:
    _require_phase(candidature.edition, EditionPhase.PRESELECTION)
    PreselectionMark.objects.filter(candidature=candidature, reviewer=reviewer).delete()


# --- Phase 2: finalists ------------------------------------------------------------------------


def _require_board(by: User) -> None:
    if not (by.is_active and (by.is_staff or by.is_board_member)):
        raise ServiceError(_("Only the Board and the office choose the finalists."), code="role")


def _check_preselected(candidature: Candidature) -> None:
    if not candidature.preselection_marks.exists():
        raise ServiceError(
            _("Only candidatures preselected by the Advisory Board can be finalists."),
            code="not_preselected",
        )


def comment_add(*, candidature: Candidature, author: User, text: str) -> CandidatureComment:
    _require_board(author)
    _require_phase(candidature.edition, EditionPhase.FINALISTS)
    _check_preselected(candidature)
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Write a comment first."), field="text")
    if len(text) > COMMENT_MAX:
        raise ServiceError(
            _("Keep the comment under %(n)s characters.") % {"n": COMMENT_MAX}, field="text"
        )
    return CandidatureComment.objects.create(candidature=candidature, author=author, text=text)


def finalist_choose(*, candidature: Candidature, by: User) -> Finalist:
    """Makes a preselected candidature a finalist of its category: at most three per
    category (the slot's check constraint and the edition's lock make sure of it)."""
    _require_board(by)
    _check_running(candidature)
    _check_not_abstaining(by, candidature)
    with transaction.atomic():
        edition = PrizeEdition.objects.select_for_update().get(pk=candidature.edition_id)
        _require_phase(edition, EditionPhase.FINALISTS)
        _check_preselected(candidature)
        if Finalist.objects.filter(candidature=candidature).exists():
            raise ServiceError(_("This measure is already a finalist."), code="same_state")
        taken = set(
            Finalist.objects.filter(edition=edition, category=candidature.category).values_list(
                "slot", flat=True
            )
        )
        free = [slot for slot in (1, 2, 3) if slot not in taken]
        if not free:
            raise ServiceError(
                _("There are already three finalists in this category. Remove one first."),
                code="full",
            )
        same_city = _finalist_of_city(edition, candidature)
        if same_city is not None:
            raise _same_city_error(candidature, same_city)
        try:
            with transaction.atomic():
                finalist = Finalist.objects.create(
                    edition=edition,
                    category=candidature.category,
                    slot=free[0],
                    candidature=candidature,
                    city_id=candidature.city_id,
                    chosen_by=by,
                )
        except IntegrityError:
            # The edition's lock makes this rare: another transaction without it (an
            # import, the admin) chose the city's other measure meanwhile.
            same_city = _finalist_of_city(edition, candidature)
            if same_city is not None:
                raise _same_city_error(candidature, same_city) from None
            raise ServiceError(
                _("Someone chose a finalist at the same moment. Reload the page."),
                code="conflict",
            ) from None
    return finalist


def _finalist_of_city(edition: PrizeEdition, candidature: Candidature) -> Finalist | None:
    """The finalist the candidature's city already has in its category, if any."""
    return (
        Finalist.objects.filter(
            edition=edition, category=candidature.category, city_id=candidature.city_id
        )
        .select_related("candidature")
        .first()
    )


def _same_city_error(candidature: Candidature, finalist: Finalist) -> ServiceError:
    return ServiceError(
        _(
            "%(city)s is already a finalist of this category with “%(title)s”: the three "
            "finalists are three different cities. Remove that finalist first to choose "
            "this measure instead."
        )
        % {"city": candidature.city.name, "title": finalist.candidature.title},
        code="same_city",
    )


def finalist_remove(*, finalist: Finalist, by: User) -> None:
    _require_board(by)
    _require_phase(finalist.edition, EditionPhase.FINALISTS)
    Finalist.objects.filter(pk=finalist.pk).delete()


def finalists_notify(*, edition: PrizeEdition, by: User) -> int:
    """Emails every finalist city not yet told (after commit, one task per finalist)."""
    _require_board(by)
    _require_phase(edition, EditionPhase.FINALISTS, EditionPhase.VOTE)
    ids = list(
        Finalist.objects.filter(edition=edition, notified_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for finalist_id in ids:
        transaction.on_commit(lambda i=finalist_id: tasks.task_finalist_notify.delay(finalist_id=i))
    return len(ids)


def finalist_notify(*, finalist_id: int) -> bool:
    """Sends one finalist's email once; returns False when it was already sent."""
    with transaction.atomic():
        finalist = (
            Finalist.objects.select_for_update()
            .select_related("edition", "candidature__city")
            .filter(pk=finalist_id)
            .first()
        )
        if finalist is None or finalist.notified_at:
            return False
        city = finalist.candidature.city
        recipients = list(
            city.accounts.filter(is_active=True, role=AccountRole.PRIMARY).values_list(
                "user__email", flat=True
            )
        )
        if recipients:
            send_templated_email(
                template="prize/emails/finalist",
                to=recipients,
                context={"finalist": finalist, "city": city, "edition": finalist.edition},
                language=city.main_language,
            )
        finalist.notified_at = timezone.now()
        finalist.save(update_fields=["notified_at"])
    return True


def finalist_presenter_confirm(*, finalist: Finalist, by: User, name: str, email: str) -> Finalist:
    """The finalist city's primary account names who presents the measure."""
    city_id = finalist.candidature.city_id
    if not by.city_accounts.filter(
        city_id=city_id, role=AccountRole.PRIMARY, is_active=True
    ).exists():
        raise ServiceError(_("Only the city's primary account can confirm this."), code="role")
    _require_phase(finalist.edition, EditionPhase.FINALISTS, EditionPhase.VOTE)
    name = " ".join((name or "").split())[:200]
    email = (email or "").strip().lower()
    if not name:
        raise ServiceError(_("Give the presenter's name."), field="presenter_name")
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(
            _("Give a valid email address for the presenter."), field="presenter_email"
        ) from None
    Finalist.objects.filter(pk=finalist.pk).update(
        presenter_name=name, presenter_email=email, confirmed_at=timezone.now(), confirmed_by=by
    )
    finalist.refresh_from_db()
    return finalist


# --- Phase 3: the General Assembly vote ----------------------------------------------------------


def _ballot_create(*, edition, category: str, round: int, tie_break: str, by: User) -> Ballot:
    """A new open ballot with its own key pair (the private key goes to the key folder,
    outside the database) and its first history row."""
    try:
        public_key = sealing.keypair_new()
    except OSError:
        logger.exception("prize ballot key cannot be written to %s", sealing.key_dir())
        raise ServiceError(
            _("The ballot's key cannot be stored on the server (PRIZE_BALLOT_KEY_DIR)."),
            code="key_dir",
        ) from None
    ballot = Ballot.objects.create(
        edition=edition,
        category=category,
        round=round,
        tie_break=tie_break,
        opened_by=by,
        public_key=public_key,
    )
    BallotStateChange.objects.create(
        ballot=ballot, from_state="", to_state=BallotState.OPEN, changed_by=by
    )
    return ballot


def _ballot_state_set(*, ballot: Ballot, to_state: str, by: User) -> None:
    """The only change of an existing ballot's state (open to closed), with its row."""
    BallotStateChange.objects.create(
        ballot=ballot, from_state=ballot.state, to_state=to_state, changed_by=by
    )
    ballot.state = to_state


def _ballot_outcome_set(
    *, ballot: Ballot, to_outcome: str, by: User, winner: Finalist | None = None, note: str = ""
) -> None:
    """The only change of a ballot's outcome (counted, tie decided), with its row."""
    BallotOutcomeChange.objects.create(
        ballot=ballot,
        from_outcome=ballot.outcome,
        to_outcome=to_outcome,
        changed_by=by,
        reason=note,
    )
    ballot.outcome = to_outcome
    ballot.winner = winner
    ballot.save(update_fields=["outcome", "winner"])


def ballot_open(
    *, edition: PrizeEdition, category: str, by: User, tie_break: str = TieBreakRule.RUNOFF
) -> Ballot:
    """Opens the first ballot of a category, between all its finalists. The tie-break
    rule is fixed here and never changes afterwards."""
    _require_staff(by)
    if category not in SizeCategory.values:
        raise ServiceError(_("Unknown category."), code="invalid")
    if tie_break not in TieBreakRule.values:
        raise ServiceError(_("Choose how a tie is broken."), field="tie_break")
    with transaction.atomic():
        edition = PrizeEdition.objects.select_for_update().get(pk=edition.pk)
        _require_phase(edition, EditionPhase.VOTE)
        if Ballot.objects.filter(edition=edition, category=category).exists():
            raise ServiceError(
                _("The ballot of this category has already been opened."), code="same_state"
            )
        options = list(Finalist.objects.filter(edition=edition, category=category))
        if not options:
            raise ServiceError(_("This category has no finalists."), code="finalists")
        ballot = _ballot_create(
            edition=edition, category=category, round=1, tie_break=tie_break, by=by
        )
        ballot.options.set(options)
    logger.info("prize ballot=%s opened by=%s", ballot.pk, by.pk)
    return ballot


def ballot_runoff_open(*, ballot: Ballot, by: User) -> Ballot:
    """After a tie under the run-off rule: a new ballot restricted to the tied finalists."""
    _require_staff(by)
    with transaction.atomic():
        edition = PrizeEdition.objects.select_for_update().get(pk=ballot.edition_id)
        _require_phase(edition, EditionPhase.VOTE)
        ballot = Ballot.objects.get(pk=ballot.pk)
        if ballot.outcome != BallotOutcome.TIE or ballot.tie_break != TieBreakRule.RUNOFF:
            raise ServiceError(_("Only a tied ballot under the run-off rule has a run-off."))
        if Ballot.objects.filter(
            edition=edition, category=ballot.category, round__gt=ballot.round
        ).exists():
            raise ServiceError(_("The run-off has already been opened."), code="same_state")
        tied = tied_finalists(ballot=ballot)
        runoff = _ballot_create(
            edition=edition,
            category=ballot.category,
            round=ballot.round + 1,
            tie_break=ballot.tie_break,
            by=by,
        )
        runoff.options.set(tied)
    return runoff


def tied_finalists(*, ballot: Ballot) -> list[Finalist]:
    rows = selectors.tally(ballot=ballot)
    if not rows:
        return []
    top = rows[0]["votes"]
    return [row["finalist"] for row in rows if row["votes"] == top]


def ballot_close(*, ballot: Ballot, by: User) -> Ballot:
    """Closes the ballot and counts it: the only function that opens sealed votes.

    The FOR UPDATE lock waits for the votes being cast right now (they hold a share
    lock on the ballot, see `vote_cast`), so every vote is either in the count or
    refused. The votes are opened in memory with the ballot's private key (from the key
    folder, never the database), only the totals per finalist are stored, the sealed
    texts are emptied (the receipts stay, for "your vote is in the count"), and the key
    file is deleted once the count is committed. Writes the state and outcome history
    rows. A missing key or a vote that does not open refuses the count and leaves the
    ballot open."""
    _require_staff(by)
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if locked.state != BallotState.OPEN:
            raise ServiceError(_("This ballot is already closed."), code="same_state")
        n_voted = Participation.objects.filter(ballot=locked).count()
        sealed = list(SealedVote.objects.filter(ballot=locked).values_list("sealed", flat=True))
        if n_voted != len(sealed):  # pragma: no cover - both rows are written in one transaction
            logger.error(
                "prize ballot=%s participations=%s votes=%s", locked.pk, n_voted, len(sealed)
            )
            raise ServiceError(_("The count does not match the participation. Contact support."))
        votes = _open_votes(locked, sealed)
        options = list(locked.options.all())
        if set(votes) - {f.pk for f in options}:
            logger.error("prize ballot=%s a vote names a finalist not on the ballot", locked.pk)
            raise ServiceError(_("A vote does not open. Contact support."), code="seal")
        BallotTotal.objects.bulk_create(
            BallotTotal(ballot=locked, finalist=f, votes=votes.get(f.pk, 0)) for f in options
        )
        SealedVote.objects.filter(ballot=locked).update(sealed="")
        _ballot_state_set(ballot=locked, to_state=BallotState.CLOSED, by=by)
        locked.closed_at = timezone.now()
        locked.closed_by = by
        locked.eligible_count = selectors.eligible_cities().count()
        locked.save()
        tied = tied_finalists(ballot=locked)
        if len(tied) == 1:
            _ballot_outcome_set(
                ballot=locked, to_outcome=BallotOutcome.WINNER, winner=tied[0], by=by
            )
        else:
            _ballot_outcome_set(ballot=locked, to_outcome=BallotOutcome.TIE, by=by)
        public_key = locked.public_key
        transaction.on_commit(lambda: sealing.key_destroy(public_key))
    ballot.refresh_from_db()
    logger.info("prize ballot=%s closed by=%s outcome=%s", ballot.pk, by.pk, ballot.outcome)
    return ballot


def _open_votes(ballot: Ballot, sealed: list[str]):
    if not sealed:
        return {}
    try:
        return sealing.count(public_key=ballot.public_key, sealed=sealed)
    except sealing.KeyMissing:
        logger.error("prize ballot=%s private key missing from %s", ballot.pk, sealing.key_dir())
        raise ServiceError(
            _(
                "The ballot's key is not on the server (PRIZE_BALLOT_KEY_DIR): the votes "
                "cannot be counted. The ballot stays open."
            ),
            code="key_missing",
        ) from None
    except sealing.SealBroken:
        logger.error("prize ballot=%s a sealed vote does not open", ballot.pk)
        raise ServiceError(_("A vote does not open. Contact support."), code="seal") from None


def ballot_tie_decide(*, ballot: Ballot, finalist: Finalist, by: User, note: str = "") -> Ballot:
    """Records the Board's decision between the tied finalists (tie-break rule: Board)."""
    _require_board(by)
    with transaction.atomic():
        locked = Ballot.objects.select_for_update().get(pk=ballot.pk)
        if locked.outcome != BallotOutcome.TIE or locked.tie_break != TieBreakRule.BOARD:
            raise ServiceError(_("Only a tied ballot under the Board rule is decided so."))
        if finalist.pk not in {f.pk for f in tied_finalists(ballot=locked)}:
            raise ServiceError(_("Choose one of the tied finalists."), code="foreign")
        note = (note or "").strip()[:2000]
        locked.decided_by = by
        locked.decision_note = note
        locked.save(update_fields=["decided_by", "decision_note"])
        _ballot_outcome_set(
            ballot=locked,
            to_outcome=BallotOutcome.BOARD_DECIDED,
            winner=finalist,
            by=by,
            note=note,
        )
    ballot.refresh_from_db()
    return ballot


RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def receipt_code_new() -> str:
    """About 59 random bits, in groups easy to copy: 'K7QM-2WXP-R9TD'."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def _lock_ballot_shared(ballot_id: int) -> str | None:
    """Reads the ballot's state under a lock that concurrent voters share but that
    `ballot_close` (FOR UPDATE) must wait for: no vote slips in after the count."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT state FROM {Ballot._meta.db_table} WHERE id = %s FOR KEY SHARE",  # noqa: S608
                [ballot_id],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    # SQLite serialises writers anyway.
    return Ballot.objects.filter(pk=ballot_id).values_list("state", flat=True).first()


def vote_cast(*, ballot: Ballot, city: City, finalist_id, by: User, on_paper: bool = False) -> str:
    """Casts the city's vote and returns the receipt code (shown once, stored hashed).

    Who has voted (`Participation`) and what was voted (`SealedVote`, the choice sealed
    with the ballot's public key before it reaches the database) are written in one
    transaction: when two delegates of a city click at once, the database's
    unique constraint refuses the second participation and its choice is rolled back
    with it, so exactly one vote counts. Refuses a closed ballot, a city not in good
    standing, a person who is not the city's voter, a finalist not on this ballot, and
    any second vote (votes are never changed)."""
    if on_paper:
        _require_staff(by)
    elif not selectors.is_voter_for(by, city):
        raise ServiceError(
            _("Only the city's General Assembly delegate can vote for it."), code="role"
        )
    if city.membership_status != MembershipStatus.MEMBER:
        raise ServiceError(_("Only member cities in good standing can vote."), code="standing")
    try:
        finalist_pk = int(finalist_id)
    except (TypeError, ValueError):
        finalist_pk = None
    if finalist_pk is None or not ballot.options.filter(pk=finalist_pk).exists():
        raise ServiceError(_("Choose one of the finalists on this ballot."), field="finalist")
    code = receipt_code_new()
    sealed = sealing.seal(public_key=ballot.public_key, finalist_id=finalist_pk)
    try:
        with transaction.atomic():
            state = _lock_ballot_shared(ballot.pk)
            if state != BallotState.OPEN:
                raise ServiceError(_("This ballot is closed."), code="closed")
            Participation.objects.create(
                ballot_id=ballot.pk, city=city, cast_by=by, on_paper=on_paper
            )
            SealedVote.objects.create(
                ballot_id=ballot.pk, sealed=sealed, receipt_hash=selectors.receipt_hash(code)
            )
    except IntegrityError:
        raise ServiceError(
            _("%(city)s has already voted in this ballot. A vote cannot be changed.")
            % {"city": city.name},
            code="already_voted",
        ) from None
    # The log names the city but never the choice.
    logger.info("prize vote ballot=%s city=%s paper=%s", ballot.pk, city.pk, on_paper)
    return code
