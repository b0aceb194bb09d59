"""Pages of the ECCAR Prize. Thin: load what the user may reach (404 otherwise), call
one service, show its message."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from eccar.errors import ServiceError
from eccar.views import (
    RulesPermissionMixin,
    ServiceActionView,
    posted_id,
    safe_next_url,
)
from reporting.enums import SizeCategory
from reporting.models import City
from reviews.models import Criterion

from . import selectors, services
from .enums import BallotOutcome, BallotState, EditionPhase, TieBreakRule
from .forms import (
    BallotOpenForm,
    CandidatureFilterForm,
    CommentForm,
    PhaseForm,
    PreselectionForm,
    PresenterForm,
    VerifyForm,
)
from .models import Ballot, Candidature, Finalist, PrizeEdition

RECEIPT_SESSION_KEY = "prize_receipt"


# The prize's lifecycles, for templates that compare a state:
# {% if ballot.state == BallotState.OPEN %} rather than a string literal.
TEMPLATE_ENUMS = {
    "EditionPhase": EditionPhase,
    "BallotState": BallotState,
    "BallotOutcome": BallotOutcome,
    "TieBreakRule": TieBreakRule,
}


def _render(request, template: str, context: dict):
    if "edition" in context and "editions" not in context:
        # The edition switcher of every page that belongs to an edition: loaded with the
        # edition itself where EditionMixin did (editions are one a year: a short list).
        context["editions"] = getattr(request, "_prize_editions", [])
    return render(request, template, {**TEMPLATE_ENUMS, **context})


class ConfirmedActionMixin:
    """An irreversible action asks first, without JavaScript: GET (or a POST without
    `confirm=yes`) renders `prize/confirm.html`, which says what will happen and posts
    the same fields back with `confirm=yes`; only that POST calls the service.

    Subclasses give `confirm_context(request)` (title, what happens, the fields to post
    back, the button); it may raise ServiceError when the action no longer applies,
    which goes back with its message. `needs_second_confirmation` names a checkbox the
    page adds and the POST must carry (closing a ballot below its quorum)."""

    def confirm_context(self, request) -> dict:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def confirm_cancel_url(self) -> str:
        return self.get_success_url()

    def confirm_page(self, request, *, error: str = ""):
        try:
            context = self.confirm_context(request)
        except ServiceError as refused:
            messages.error(request, refused.message)
            return redirect(self.confirm_cancel_url())
        return _render(
            request,
            "prize/confirm.html",
            {
                "edition": self.edition,
                "action_url": request.path,
                "cancel_url": self.confirm_cancel_url(),
                "error": error,
                "second": self.second_confirmation(request),
                "fields": {},
                **context,
            },
        )

    def get(self, request, *args, **kwargs):
        return self.confirm_page(request)

    def post(self, request, *args, **kwargs):
        if request.POST.get("confirm") != "yes":
            return self.confirm_page(request)
        second = self.second_confirmation(request)
        if second and request.POST.get(second["name"]) != "yes":
            return self.confirm_page(request, error=second["missing"])
        return super().post(request, *args, **kwargs)

    def second_confirmation(self, request) -> dict | None:
        """The extra checkbox the action needs now ({name, label, missing}), or None."""
        return None


class EditionMixin(RulesPermissionMixin):
    """Loads the edition named by the year in the address."""

    permission_required = "prize.view_prize"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Every edition in one query: the page's own and the switcher's list.
            editions = list(PrizeEdition.objects.select_related("cycle").order_by("-year"))
            self.edition = next((e for e in editions if e.year == kwargs["year"]), None)
            if self.edition is None:
                raise Http404
            request._prize_editions = editions
        return super().dispatch(request, *args, **kwargs)

    def category_or_404(self, category: str) -> str:
        if category not in SizeCategory.values:
            raise Http404
        return category

    def edition_url(self) -> str:
        return reverse("prize:edition", kwargs={"year": self.edition.year})


class IndexView(RulesPermissionMixin, View):
    """The current edition and the archive of past editions."""

    permission_required = "prize.view_prize"

    def get(self, request):
        return _render(
            request,
            "prize/index.html",
            {
                "current": PrizeEdition.objects.exclude(phase=EditionPhase.RESULTS).order_by(
                    "-year"
                ),
                "archive": selectors.archive(),
            },
        )


class EditionView(EditionMixin, View):
    def get(self, request, year):
        edition = self.edition
        ballots = list(
            edition.ballots.select_related("winner__candidature__city").order_by(
                "category", "round"
            )
        )
        user = request.user
        categories = []
        for category, label in SizeCategory.choices:
            categories.append(
                {
                    "category": category,
                    "label": label,
                    "finalists": selectors.finalists(edition=edition, category=category),
                    "ballots": [
                        selectors.ballot_summary(ballot=b)
                        for b in ballots
                        if b.category == category
                    ],
                    "winner": selectors.category_winner(edition=edition, category=category),
                }
            )
        my_cities = City.objects.filter(accounts__user=user, accounts__is_active=True).distinct()
        return _render(
            request,
            "prize/edition.html",
            {
                "edition": edition,
                "categories": categories,
                "history": edition.phase_changes.select_related("changed_by")
                if (user.is_staff or user.is_board_member)
                else [],
                "phase_form": PhaseForm(initial={"to_phase": edition.phase}),
                "open_form": BallotOpenForm(),
                "my_cities": my_cities,
                "n_candidatures": edition.candidatures.count(),
                # Offered only while a finalist city has not been told yet.
                "to_notify": any(not f.notified_at for cat in categories for f in cat["finalists"]),
            },
        )


class PhaseView(EditionMixin, ServiceActionView):
    permission_required = "prize.manage"

    def perform(self, request):
        form = PhaseForm(request.POST)
        if not form.is_valid():
            raise ServiceError(_("Choose a phase."))
        services.edition_phase_set(
            edition=self.edition,
            to_phase=form.cleaned_data["to_phase"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        return _("The edition is now in “%(phase)s”.") % {"phase": self.edition.phase_label}

    def get_success_url(self):
        return self.edition_url()


class BuildView(EditionMixin, ServiceActionView):
    permission_required = "prize.manage"

    def perform(self, request):
        n = services.candidatures_build(edition=self.edition)
        return ngettext("%(n)s new candidature.", "%(n)s new candidatures.", n) % {"n": n}

    def get_success_url(self):
        return self.edition_url()


# --- Phase 1 ------------------------------------------------------------------------------


class CandidatureListView(EditionMixin, View):
    permission_required = "prize.view_candidatures"

    def get(self, request, year, category):
        category = self.category_or_404(category)
        filters = CandidatureFilterForm(request.GET)
        cleaned = filters.cleaned_data if filters.is_valid() else {}
        table = selectors.candidature_table(
            edition=self.edition,
            category=category,
            user=request.user,
            sort=request.GET.get("sort", "total"),
            descending=request.GET.get("dir", "desc") != "asc",
            query=cleaned.get("q", ""),
            preselected_only=cleaned.get("preselected", False),
            page=request.GET.get("page"),
        )
        params = request.GET.copy()
        params.pop("page", None)
        return _render(
            request,
            "prize/candidatures.html",
            {
                "edition": self.edition,
                "category": category,
                "category_label": SizeCategory(category).label,
                "other_category": SizeCategory.SMALL
                if category == SizeCategory.LARGE
                else SizeCategory.LARGE,
                "can_mark": request.user.is_reviewer
                and self.edition.phase == EditionPhase.PRESELECTION,
                "filters": filters,
                "page_params": params.urlencode(),
                **table,
            },
        )


class CandidatureActionMixin(EditionMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.edition = get_object_or_404(PrizeEdition, year=kwargs["year"])
            self.candidature = get_object_or_404(
                Candidature.objects.select_related("city", "edition"),
                pk=kwargs["pk"],
                edition=self.edition,
            )
        return super(EditionMixin, self).dispatch(request, *args, **kwargs)


class PreselectView(CandidatureActionMixin, ServiceActionView):
    permission_required = "prize.preselect"

    def perform(self, request):
        if request.POST.get("action") == "unmark":
            services.preselection_unmark(candidature=self.candidature, reviewer=request.user)
            return _("Your preselection is withdrawn.")
        services.preselection_mark(
            candidature=self.candidature,
            reviewer=request.user,
            justification=request.POST.get("justification", ""),
        )
        return _("“%(title)s” is preselected.") % {"title": self.candidature.title}

    def get_success_url(self):
        # Back to the page, sort and filters the reviewer was on.
        return safe_next_url(
            self.request,
            reverse(
                "prize:candidatures",
                kwargs={"year": self.edition.year, "category": self.candidature.category},
            ),
        )


class CandidatureView(EditionMixin, View):
    """One candidature as the Advisory Board and the Board read it before they choose:
    the measure and the city's level-1 profile as submitted, the reviewers' scores per
    criterion with how many scored, the preselections and the discussion."""

    permission_required = "prize.view_candidatures"

    def get(self, request, year, pk):
        candidature = get_object_or_404(
            Candidature.objects.select_related(
                "city", "report__city", "report__cycle", "report__questionnaire", "finalist"
            ).prefetch_related("preselection_marks__reviewer", "comments__author"),
            pk=pk,
            edition=self.edition,
        )
        candidature.edition = self.edition
        user = request.user
        criteria = list(
            Criterion.objects.filter(cycle_id=self.edition.cycle_id).order_by("order", "pk")
        )
        scores = selectors.candidature_scores(candidatures=[candidature], criteria=criteria)
        abstains = candidature.city_id in selectors.abstaining_city_ids(user)
        marks = list(candidature.preselection_marks.all())
        choice = selectors.finalist_choice(edition=self.edition, category=candidature.category)
        return _render(
            request,
            "prize/candidature.html",
            {
                "edition": self.edition,
                "candidature": candidature,
                "scores": scores[candidature.pk],
                "reading": selectors.candidature_reading(candidature=candidature, user=user),
                "abstains": abstains,
                "marks": marks,
                "own_mark": next((m for m in marks if m.reviewer_id == user.pk), None),
                "can_mark": user.is_reviewer
                and self.edition.phase == EditionPhase.PRESELECTION
                and not abstains
                and not candidature.is_withdrawn,
                "can_choose": user.has_perm("prize.choose_finalists")
                and choice.can_choose(candidature, abstains=abstains, marks=marks),
                "choice_blocked": choice.blocked_reason(candidature)
                if self.edition.phase == EditionPhase.FINALISTS
                else "",
                "can_finalists": user.has_perm("prize.choose_finalists"),
            },
        )


# --- Phase 2 ------------------------------------------------------------------------------


class FinalistsView(EditionMixin, View):
    permission_required = "prize.choose_finalists"

    def get(self, request, year, category):
        category = self.category_or_404(category)
        candidatures = selectors.preselected(edition=self.edition, category=category)
        abstaining = selectors.abstaining_city_ids(request.user)
        choice = selectors.finalist_choice(edition=self.edition, category=category)
        chosen = choice.chosen
        criteria = list(
            Criterion.objects.filter(cycle_id=self.edition.cycle_id).order_by("order", "pk")
        )
        scores = selectors.candidature_scores(
            candidatures=candidatures + [f.candidature for f in chosen], criteria=criteria
        )
        rows = []
        for c in candidatures:
            abstains = c.city_id in abstaining
            rows.append(
                {
                    "candidature": c,
                    "abstains": abstains,
                    "scores": scores[c.pk],
                    "can_choose": choice.can_choose(
                        c, abstains=abstains, marks=c.preselection_marks.all()
                    ),
                    "blocked": "" if abstains else choice.blocked_reason(c),
                }
            )
        return _render(
            request,
            "prize/finalists.html",
            {
                "edition": self.edition,
                "category": category,
                "category_label": SizeCategory(category).label,
                "criteria": criteria,
                "rows": rows,
                "chosen": [{"finalist": f, "scores": scores[f.candidature_id]} for f in chosen],
                "needed": min(3, len(candidatures)),
                "can_choose": self.edition.phase == EditionPhase.FINALISTS,
                "comment_form": CommentForm(),
                "preselection_form": PreselectionForm(),
            },
        )


class FinalistsActionMixin(CandidatureActionMixin):
    """A Board action on a preselected candidature; back to its category's finalists."""

    permission_required = "prize.choose_finalists"

    def get_success_url(self):
        return reverse(
            "prize:finalists",
            kwargs={"year": self.edition.year, "category": self.candidature.category},
        )


class CommentView(FinalistsActionMixin, ServiceActionView):
    success_message = _("Your comment is added.")

    def perform(self, request):
        services.comment_add(
            candidature=self.candidature, author=request.user, text=request.POST.get("text", "")
        )


class FinalistChooseView(FinalistsActionMixin, ServiceActionView):
    def perform(self, request):
        services.finalist_choose(candidature=self.candidature, by=request.user)
        return _("“%(title)s” is a finalist.") % {"title": self.candidature.title}


class FinalistRemoveView(EditionMixin, ServiceActionView):
    permission_required = "prize.choose_finalists"
    success_message = _("The finalist is removed.")

    def perform(self, request):
        self.finalist = get_object_or_404(Finalist, pk=self.kwargs["pk"], edition=self.edition)
        services.finalist_remove(finalist=self.finalist, by=request.user)

    def get_success_url(self):
        return reverse(
            "prize:finalists",
            kwargs={"year": self.edition.year, "category": self.finalist.category},
        )


class FinalistsNotifyView(EditionMixin, ServiceActionView):
    permission_required = "prize.choose_finalists"

    def perform(self, request):
        n = services.finalists_notify(edition=self.edition, by=request.user)
        return ngettext(
            "%(n)s finalist city is being notified.",
            "%(n)s finalist cities are being notified.",
            n,
        ) % {"n": n}

    def get_success_url(self):
        return self.edition_url()


# --- A city's own candidatures ----------------------------------------------------------------


class CityMixin(EditionMixin):
    """A city's page: only its own accounts (and staff) reach it; anyone else a 404."""

    permission_required = "prize.view_prize"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.city = get_object_or_404(City, slug=kwargs["slug"])
            if not (
                request.user.is_staff
                or self.city.accounts.filter(user=request.user, is_active=True).exists()
            ):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return reverse("prize:city", kwargs={"year": self.edition.year, "slug": self.city.slug})


WITHDRAW_PHASES = (EditionPhase.PREPARATION, EditionPhase.PRESELECTION, EditionPhase.FINALISTS)


class CityView(CityMixin, View):
    def get(self, request, year, slug):
        candidatures = (
            Candidature.objects.filter(edition=self.edition, city=self.city)
            .select_related("report", "finalist")
            .order_by("pk")
        )
        return _render(
            request,
            "prize/city.html",
            {
                "edition": self.edition,
                "city": self.city,
                "candidatures": candidatures,
                "is_primary": request.user.has_perm("prize.manage_city_candidatures", self.city),
                "can_withdraw": self.edition.phase in WITHDRAW_PHASES,
                "presenter_form": PresenterForm(),
            },
        )


class WithdrawView(CityMixin, ConfirmedActionMixin, ServiceActionView):
    def dispatch(self, request, *args, **kwargs):
        self.candidature = None
        return super().dispatch(request, *args, **kwargs)

    def load(self):
        if self.candidature is None:
            self.candidature = get_object_or_404(
                Candidature.objects.select_related("edition", "finalist"),
                pk=self.kwargs["pk"],
                edition=self.edition,
                city=self.city,
            )
        return self.candidature

    def confirm_context(self, request):
        candidature = self.load()
        if not request.user.has_perm("prize.manage_city_candidatures", self.city):
            raise PermissionDenied
        if candidature.is_withdrawn:
            raise ServiceError(_("This measure was already withdrawn."))
        if self.edition.phase not in WITHDRAW_PHASES:
            raise ServiceError(_("Measures can no longer be withdrawn: the vote has started."))
        happens = [
            _("“%(title)s” takes no further part in the %(edition)s.")
            % {"title": candidature.title, "edition": self.edition},
            _("The Advisory Board and the Board see it as withdrawn by the city."),
            _("This cannot be undone: a withdrawn measure cannot be put back in the running."),
        ]
        if hasattr(candidature, "finalist"):
            happens.insert(1, _("It is a finalist: its place is freed for another city's measure."))
        return {
            "title": _("Withdraw “%(title)s” from the prize?") % {"title": candidature.title},
            "happens": happens,
            "button": _("Withdraw from the prize"),
            "danger": True,
        }

    def perform(self, request):
        candidature = self.load()
        services.candidature_withdraw(candidature=candidature, by=request.user)
        return _("“%(title)s” is withdrawn from the prize.") % {"title": candidature.title}


class PresenterView(CityMixin, ServiceActionView):
    success_message = _("Thank you: the presenter is confirmed.")

    def perform(self, request):
        finalist = get_object_or_404(
            Finalist.objects.select_related("edition", "candidature"),
            pk=self.kwargs["pk"],
            edition=self.edition,
            candidature__city=self.city,
        )
        services.finalist_presenter_confirm(
            finalist=finalist,
            by=request.user,
            name=request.POST.get("presenter_name", ""),
            email=request.POST.get("presenter_email", ""),
        )


# --- Phase 3: the vote ------------------------------------------------------------------------


class BallotOpenView(EditionMixin, ServiceActionView):
    permission_required = "prize.manage"
    success_message = _("The ballot is open.")
    opened = None

    def perform(self, request):
        form = BallotOpenForm(request.POST)
        if not form.is_valid():
            raise ServiceError(_("Choose a category and a tie-break rule."))
        self.opened = services.ballot_open(
            edition=self.edition,
            category=form.cleaned_data["category"],
            tie_break=form.cleaned_data["tie_break"],
            by=request.user,
        )

    def get_success_url(self):
        if self.opened is None:
            return self.edition_url()
        return reverse("prize:ballot", kwargs={"year": self.edition.year, "pk": self.opened.pk})


class BallotMixin(EditionMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.ballot = get_object_or_404(
                Ballot.objects.select_related("edition__cycle", "winner__candidature__city"),
                pk=kwargs["pk"],
                edition__year=kwargs["year"],
            )
            self.edition = self.ballot.edition
        return super(EditionMixin, self).dispatch(request, *args, **kwargs)

    def ballot_url(self) -> str:
        return reverse("prize:ballot", kwargs={"year": self.edition.year, "pk": self.ballot.pk})

    def back(self):
        return redirect(self.ballot_url())

    get_success_url = ballot_url


class BallotView(BallotMixin, View):
    def get(self, request, year, pk):
        ballot = self.ballot
        user = request.user
        voter_cities = selectors.voter_cities(user=user, ballot=ballot)
        context = {
            "edition": self.edition,
            "ballot": ballot,
            "options": ballot.options.select_related("candidature__city").order_by("slot"),
            "voter_cities": voter_cities,
            "can_vote": ballot.state == BallotState.OPEN
            and any(not row["has_voted"] for row in voter_cities),
            "summary": selectors.ballot_summary(ballot=ballot),
            "tied": services.tied_finalists(ballot=ballot)
            if ballot.outcome == BallotOutcome.TIE
            else [],
            # Offered only while it can apply: a tie under the run-off rule, during the
            # vote, before the run-off was opened.
            "can_runoff": user.is_staff
            and ballot.outcome == BallotOutcome.TIE
            and ballot.tie_break == TieBreakRule.RUNOFF
            and self.edition.phase == EditionPhase.VOTE
            and not Ballot.objects.filter(
                edition=self.edition, category=ballot.category, round__gt=ballot.round
            ).exists(),
        }
        if user.is_staff:
            context["paper_cities"] = selectors.eligible_cities().exclude(
                pk__in=ballot.participations.values("city_id")
            )
            context["voted_cities"] = ballot.participations.select_related("city").order_by(
                "city__name"
            )
        return _render(request, "prize/ballot.html", context)


class VoteView(BallotMixin, ConfirmedActionMixin, ServiceActionView):
    """Casting a vote asks first: the ballot's form posts here without `confirm`, the
    confirmation page names the city and the finalist and posts them back. The choice
    travels in POST bodies only, never in an address (nor in a log)."""

    permission_required = "prize.view_prize"
    voted = False

    def get(self, request, *args, **kwargs):
        # Nothing to confirm without a choice: back to the ballot.
        return self.back()

    def voter_city(self, request):
        voter_ids = selectors.voter_city_ids(request.user)
        city_id = posted_id(request, "city")
        if not request.POST.get("city") and len(voter_ids) == 1:
            city_id = next(iter(voter_ids))
        city = City.objects.filter(pk=city_id).first()
        if city is None or city.pk not in voter_ids:
            raise ServiceError(_("You cannot vote on behalf of this city."))
        return city

    def confirm_context(self, request):
        city = self.voter_city(request)
        if self.ballot.state != BallotState.OPEN:
            raise ServiceError(_("This ballot is closed."))
        finalist = (
            self.ballot.options.select_related("candidature__city")
            .filter(pk=posted_id(request, "finalist"))
            .first()
        )
        if finalist is None:
            raise ServiceError(_("Choose one of the finalists on this ballot."))
        return {
            "title": _("Cast the vote of %(city)s?") % {"city": city.name},
            "happens": [
                _("%(city)s votes for %(finalist)s: “%(title)s”.")
                % {
                    "city": city.name,
                    "finalist": finalist.candidature.city.name,
                    "title": finalist.candidature.title,
                },
                _("The vote is secret and cannot be changed afterwards."),
                _("You get a receipt code, shown once, to check that the vote is counted."),
            ],
            "fields": {"city": city.pk, "finalist": finalist.pk},
            "button": _("Cast the vote"),
        }

    def perform(self, request):
        city = self.voter_city(request)
        code = services.vote_cast(
            ballot=self.ballot,
            city=city,
            finalist_id=request.POST.get("finalist"),
            by=request.user,
        )
        # The code is shown once, on the next page, and then forgotten.
        request.session[RECEIPT_SESSION_KEY] = {
            "ballot": self.ballot.pk,
            "city": city.name,
            "code": code,
        }
        self.voted = True

    def get_success_url(self):
        if not self.voted:
            return self.ballot_url()
        return reverse("prize:receipt", kwargs={"year": self.edition.year, "pk": self.ballot.pk})


class ReceiptView(BallotMixin, View):
    def get(self, request, year, pk):
        receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
        if not receipt or receipt.get("ballot") != self.ballot.pk:
            return self.back()
        return _render(
            request,
            "prize/receipt.html",
            {
                "edition": self.edition,
                "ballot": self.ballot,
                "code": receipt["code"],
                "city_name": receipt["city"],
                "fingerprint": selectors.receipt_hash(receipt["code"])[:16],
            },
        )


class PaperVoteView(BallotMixin, ServiceActionView):
    permission_required = "prize.manage"

    def perform(self, request):
        city = selectors.eligible_cities().filter(pk=posted_id(request, "city")).first()
        if city is None:
            raise ServiceError(_("Choose a member city in good standing."))
        code = services.vote_cast(
            ballot=self.ballot,
            city=city,
            finalist_id=request.POST.get("finalist"),
            by=request.user,
            on_paper=True,
        )
        return _("The paper vote of %(city)s is recorded. Receipt code: %(code)s") % {
            "city": city.name,
            "code": code,
        }


class BallotCloseView(BallotMixin, ConfirmedActionMixin, ServiceActionView):
    """Closing counts the votes and ends the ballot for good: the page shows the
    turnout first, and below the quorum (PRIZE_BALLOT_QUORUM_PERCENT) asks again."""

    permission_required = "prize.manage"
    success_message = _("The ballot is closed and counted.")

    def turnout(self) -> dict:
        if not hasattr(self, "_turnout"):
            self._turnout = selectors.ballot_turnout(
                ballot=self.ballot, quorum_percent=settings.PRIZE_BALLOT_QUORUM_PERCENT
            )
        return self._turnout

    def confirm_context(self, request):
        if self.ballot.state != BallotState.OPEN:
            raise ServiceError(_("This ballot is already closed."))
        turnout = self.turnout()
        happens = [
            turnout["sentence"],
            _("No city can vote in this ballot any more; the votes are counted now."),
            _("The count is shown to the members, and this cannot be undone."),
        ]
        return {
            "title": _("Close the ballot and count?"),
            "happens": happens,
            "button": _("Close the ballot and count"),
            "danger": True,
            "turnout": turnout,
        }

    def second_confirmation(self, request):
        if self.ballot.state != BallotState.OPEN or not self.turnout()["below_quorum"]:
            return None
        return {
            "name": "below_quorum",
            "label": _("Close although fewer than %(quorum)s%% of the member cities have voted.")
            % {"quorum": settings.PRIZE_BALLOT_QUORUM_PERCENT},
            "missing": _(
                "Fewer member cities than the quorum have voted: tick the box to close "
                "the ballot all the same."
            ),
        }

    def perform(self, request):
        services.ballot_close(ballot=self.ballot, by=request.user)


class RunoffView(BallotMixin, ServiceActionView):
    permission_required = "prize.manage"
    success_message = _("The run-off is open.")
    runoff = None

    def perform(self, request):
        self.runoff = services.ballot_runoff_open(ballot=self.ballot, by=request.user)

    def get_success_url(self):
        ballot = self.runoff or self.ballot
        return reverse("prize:ballot", kwargs={"year": self.edition.year, "pk": ballot.pk})


class TieDecideView(BallotMixin, ServiceActionView):
    permission_required = "prize.choose_finalists"
    success_message = _("The Board's decision is recorded.")

    def perform(self, request):
        finalist = self.ballot.options.filter(pk=posted_id(request, "finalist")).first()
        if finalist is None:
            raise ServiceError(_("Choose one of the tied finalists."))
        services.ballot_tie_decide(
            ballot=self.ballot,
            finalist=finalist,
            by=request.user,
            note=request.POST.get("note", ""),
        )


class AuditView(BallotMixin, View):
    permission_required = "prize.view_audit"

    def get(self, request, year, pk):
        if self.ballot.state != BallotState.CLOSED:
            messages.error(request, _("The audit report is available once the ballot is closed."))
            return self.back()
        report = selectors.audit(ballot=self.ballot)
        return _render(
            request,
            "prize/audit.html",
            {"edition": self.edition, "summary": report, **report},
        )


class VerifyView(RulesPermissionMixin, View):
    """Members check that a receipt code is in the count. A POST (the code stays out of
    addresses and logs) that changes nothing."""

    permission_required = "prize.view_prize"

    def get(self, request):
        return _render(request, "prize/verify.html", {"form": VerifyForm()})

    def post(self, request):
        form = VerifyForm(request.POST)
        result = None
        if form.is_valid():
            ballot = selectors.receipt_verify(code=form.cleaned_data["code"])
            result = {"found": ballot is not None, "ballot": ballot}
        return _render(request, "prize/verify.html", {"form": form, "result": result})
