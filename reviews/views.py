from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from eccar.errors import ServiceError
from eccar.views import (
    RulesPermissionMixin,
    ServiceActionView,
    bounded_int,
    posted_id,
    posted_version,
)
from reporting.enums import LANGUAGE_CHOICES, ReportState
from reporting.models import City, Report, ReportingCycle, User
from reporting.selectors.cycles import cycle_with_open_work
from reporting.selectors.reports import report_document
from reporting.views.reading import reading_context
from reporting.views.reports import ReportMixin, reading_language

from . import selectors, services
from .enums import LetterState, ReviewProgress, ReviewState
from .forms import parse_review_post
from .models import Assessment, Letter


class WorklistView(RulesPermissionMixin, View):
    permission_required = "reviews.view_worklist"

    def get(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        user = request.user
        can_assign = user.has_perm("reviews.assign")
        return render(
            request,
            "reviews/worklist.html",
            {
                "ReviewProgress": ReviewProgress,
                "cycle": cycle,
                "rows": selectors.worklist(cycle=cycle, user=user, with_reviewers=can_assign),
                "can_assign": can_assign,
                "cycle_switcher": selectors.cycle_switcher(user=user, cycle=cycle),
                "switch_url": "reviews:worklist",
                **selectors.conflict_form(user=user),
            },
        )


class WorklistCurrentView(RulesPermissionMixin, View):
    """/reviews/ leads to the work list of the cycle with work open for this person (a
    report under review), not simply the newest cycle."""

    permission_required = "reviews.view_worklist"

    def get(self, request):
        cycle = cycle_with_open_work(user=request.user)
        if cycle is None:
            messages.info(request, _("There is no reporting cycle yet."))
            return redirect("home")
        return redirect("reviews:worklist", year=cycle.year)


class ConflictDeclareView(ServiceActionView):
    """A reviewer declares a conflict with a city, or with every city of its country."""

    permission_required = "reviews.declare_conflict"
    success_message = gettext_lazy(
        "Conflict of interest recorded: you will not be assigned these reports."
    )

    def perform(self, request):
        services.conflicts_declare(
            reviewer=request.user,
            city=City.objects.filter(pk=posted_id(request, "city")).first(),
            reason=request.POST.get("reason", ""),
            whole_country=request.POST.get("whole_country") == "yes",
        )

    def get_success_url(self):
        return reverse("reviews:worklist", args=[self.kwargs["year"]])


class ReportReviewsView(RulesPermissionMixin, View):
    """Staff and the Board read every review of a report, drafts included."""

    permission_required = "reviews.read_reviews"

    def get(self, request, year, slug):
        report = selectors.report_with_latest_revision(year=year, slug=slug)
        reviews = (
            report.reviews.select_related("reviewer")
            .prefetch_related(
                Prefetch(
                    "assessments",
                    queryset=Assessment.objects.select_related("criterion"),
                    to_attr="assessment_list",
                )
            )
            .order_by("reviewer__email")
        )
        # The frozen revision the reviewers read, on this page: the Board may not open
        # the report's own page before it is published (a 404), so it reads it here.
        document = (
            report_document(report=report, user=request.user, revision=report.latest_revision)
            if report.latest_revision
            else {}
        )
        return render(
            request,
            "reviews/report_reviews.html",
            {
                **document,
                "report": report,
                "cycle": report.cycle,
                "city": report.city,
                "reviews": selectors.others_assessments(
                    reviews, measures=selectors.report_measures(report=report)
                ),
                "has_document": bool(document),
                "can_open_report": request.user.has_perm("reporting.read_report", report),
                "letter": Letter.objects.filter(report=report).first(),
            },
        )


class GeneralFeedbackView(RulesPermissionMixin, View):
    """The Board's general feedback of a cycle, versioned, beside the figures it draws on."""

    permission_required = "reviews.view_worklist"

    def get(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        versions = list(cycle.general_feedback.select_related("created_by"))
        return render(
            request,
            "reviews/general_feedback.html",
            {
                "cycle": cycle,
                "cycle_switcher": selectors.cycle_switcher(user=request.user, cycle=cycle),
                "switch_url": "reviews:general_feedback",
                "versions": versions,
                "latest": versions[0] if versions else None,
                "can_write": request.user.has_perm("reviews.write_general_feedback"),
                **selectors.cycle_overview(cycle=cycle),
            },
        )

    def post(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        if not request.user.has_perm("reviews.write_general_feedback"):
            return self.handle_no_permission()
        try:
            version = services.general_feedback_save(
                cycle=cycle,
                text=request.POST.get("text", ""),
                by=request.user,
                final=request.POST.get("final") == "yes",
            )
            messages.success(
                request,
                _("Version %(n)s is saved.") % {"n": version.version}
                + (
                    " " + _("It is final: letters sent from now on include it.")
                    if version.is_final
                    else ""
                ),
            )
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("reviews:general_feedback", year=year)


class AssignView(ServiceActionView):
    permission_required = "reviews.assign"

    def perform(self, request):
        report = get_object_or_404(
            Report, cycle__year=self.kwargs["year"], city__slug=self.kwargs["slug"]
        )
        reviewer = User.objects.filter(pk=posted_id(request, "reviewer"), is_reviewer=True).first()
        if reviewer is None:
            raise ServiceError(_("Choose a reviewer."))
        services.reviewer_assign(report=report, reviewer=reviewer, by=request.user)
        return _("%(name)s is assigned.") % {"name": reviewer}

    def get_success_url(self):
        return reverse("reviews:worklist", args=[self.kwargs["year"]])


class ReviewMixin(RulesPermissionMixin):
    permission_required = "reviews.review_report"

    def handle_no_permission(self):
        # Autosave must learn that the session ended rather than follow a redirect.
        if self.request.headers.get("X-Requested-With") == "fetch":
            if self.request.user.is_authenticated:
                return JsonResponse(
                    {"error": _("You can no longer change this review.")}, status=403
                )
            return JsonResponse({"error": _("Your session has ended. Log in again.")}, status=401)
        return super().handle_no_permission()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.report = selectors.report_for_review(
            user=request.user, year=kwargs["year"], slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.report


class ReviewView(ReviewMixin, View):
    """The frozen report beside the review form. The form posts everything at once; with
    JavaScript it autosaves the same way and gets JSON back."""

    def render_page(self, request, *, posted=None, errors=None, status=200, partly_saved=False):
        report = self.report
        own, others = selectors.reviews_visible_to(
            report=report, user=request.user, criteria=report.review_criteria
        )
        document = report_document(
            report=report,
            user=request.user,
            snapshot=report.latest_snapshot,
            target_language=reading_language(request, report),
        )
        measures = selectors.report_measures(report=self.report, snapshot=document["snapshot"])
        return render(
            request,
            "reviews/review.html",
            {
                **document,
                **reading_context(request, document),
                **selectors.review_form(
                    review=own,
                    measures=measures,
                    criteria=report.review_criteria,
                    commitments=report.commitment_titles,
                    posted=posted,
                    errors=errors,
                ),
                "review": own,
                "others": selectors.others_assessments(others, measures=measures),
                "letter": selectors.letter_of(self.report),
                "can_finalise": self.report.state == ReportState.SUBMITTED,
                "ReviewState": ReviewState,
                "partly_saved": partly_saved,
            },
            status=status,
        )

    def get(self, request, year, slug):
        return self.render_page(request)

    def post(self, request, year, slug):
        is_fetch = request.headers.get("X-Requested-With") == "fetch"
        data = parse_review_post(
            request.POST,
            measure_ids=list(self.report.measures.values_list("pk", flat=True)),
            criterion_ids=[criterion.pk for criterion in self.report.review_criteria],
        )
        labels = selectors.assessment_field_labels(
            report=self.report,
            keys=[tuple(map(int, name.split("-")[1:])) for name in data.errors] + data.unscored,
        )
        if data.errors:
            # Each message names its measure and criterion, so the field can be found.
            errors = {
                name: f"{labels.get(name, '')}: {message}" for name, message in data.errors.items()
            }
            message = _("Some scores need correcting; nothing was saved.")
            if is_fetch:
                return JsonResponse(
                    {"error": " ".join([message, *errors.values()]), "errors": errors}, status=400
                )
            messages.error(request, message)
            return self.render_page(request, posted=request.POST, errors=errors, status=400)
        # A comment typed before its score does not hold back the rest: everything else is
        # saved, and the reviewer is told which score is missing (the comment stays in the
        # page, and is saved with its score).
        unscored = {
            f"score-{m}-{c}": _("%(field)s: give a score to save your comment.")
            % {"field": labels[f"score-{m}-{c}"]}
            for m, c in data.unscored
        }
        changes = dict(data.texts)
        if data.commitment_feedback:
            changes["commitment_feedback"] = data.commitment_feedback
        try:
            review = services.review_save(
                report=self.report,
                reviewer=request.user,
                changes=changes,
                assessments=data.assessments,
                expected_version=posted_version(request),
            )
            if "finalise" in request.POST and not is_fetch:
                services.review_finalise(report=self.report, by=request.user)
                messages.success(request, _("The letter is ready for the office to send."))
            elif not is_fetch:
                messages.success(request, _("Your review is saved."))
        except ServiceError as error:
            if is_fetch:
                status = 409 if error.code == "conflict" else 400
                return JsonResponse({"error": error.message}, status=status)
            messages.error(request, error.message)
            if error.code == "incomplete":
                return redirect("reviews:review", year=year, slug=slug)
            return self.render_page(request, posted=request.POST, status=400)
        if is_fetch:
            return JsonResponse(
                {
                    "version": review.version,
                    "saved_at": timezone.localtime(review.updated_at).strftime("%H:%M"),
                    "warnings": unscored,
                }
            )
        if unscored:
            # The page again, with the comments typed and the missing scores marked.
            messages.warning(request, " ".join(unscored.values()))
            return self.render_page(
                request, posted=request.POST, errors=unscored, partly_saved=True
            )
        return redirect("reviews:review", year=year, slug=slug)


class LetterPreviewView(RulesPermissionMixin, View):
    """The letter as HTML, or as the PDF that will be sent (?format=pdf); with
    ?language=xx, its machine translation."""

    permission_required = "reviews.preview_letter"

    def dispatch(self, request, *args, **kwargs):
        # Anonymous visitors go to the login page whether or not a letter exists, so the
        # address does not tell them which cities have been evaluated.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.letter = get_object_or_404(
            Letter.objects.select_related("report__city", "report__cycle"),
            report__cycle__year=kwargs["year"],
            report__city__slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.letter.report

    def handle_no_permission(self):
        # Someone who may not see this draft letter learns nothing about it.
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()

    def get(self, request, year, slug):
        letter = self.letter
        language = request.GET.get("language", "")
        if language != letter.translation_language:
            language = ""
        if request.GET.get("format") == "pdf":
            response = HttpResponse(
                services.letter_render(letter=letter, language=language),
                content_type="application/pdf",
            )
            suffix = f"-{language}" if language else ""
            response["Content-Disposition"] = f'inline; filename="letter-{slug}-{year}{suffix}.pdf"'
            return response
        pdf_url = reverse("reviews:letter", args=[year, slug]) + "?format=pdf"
        return render(
            request,
            "reviews/letter_preview.html",
            {
                **services.letter_context(letter, language=language),
                "pdf_url": pdf_url + (f"&language={language}" if language else ""),
                "can_send": request.user.has_perm("reviews.send_letters"),
                "LetterState": LetterState,
                "translation_choices": [c for c in LANGUAGE_CHOICES if c[0] != "en"],
                "translation_language_name": services.language_name(letter.translation_language),
                "sending_problems": services.letter_sending_problems(),
            },
        )


class LetterTranslationView(ServiceActionView):
    permission_required = "reviews.send_letters"
    success_message = gettext_lazy("Saved.")

    def perform(self, request):
        letter = get_object_or_404(
            Letter, report__cycle__year=self.kwargs["year"], report__city__slug=self.kwargs["slug"]
        )
        services.letter_translation_request(
            letter=letter, language=request.POST.get("language", ""), by=request.user
        )

    def get_success_url(self):
        return reverse("reviews:letter", args=[self.kwargs["year"], self.kwargs["slug"]])


class FeedbackView(ReportMixin, View):
    """The city reads the Board's feedback once the letter is sent, and downloads it."""

    permission_required = "reviews.read_feedback"

    def has_permission(self):
        # Without a sent letter there is nothing to read, whoever asks.
        self.letter = Letter.objects.filter(report=self.report, state=LetterState.SENT).first()
        if self.letter is None:
            raise Http404
        return super().has_permission()

    def handle_no_permission(self):
        # Feedback a city did not publish is "not yours" like everything else: a 404.
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()

    def get(self, request, slug, year):
        which = request.GET.get("download")
        if which in ("letter", "translation"):
            file = self.letter.pdf if which == "letter" else self.letter.pdf_translation
            if not file:
                raise Http404
            suffix = f"-{self.letter.translation_language}" if which == "translation" else ""
            return FileResponse(
                file.open("rb"),
                as_attachment=True,
                filename=f"ECCAR-feedback-{year}-{slug}{suffix}.pdf",
                content_type="application/pdf",
            )
        return render(
            request,
            "reviews/feedback.html",
            {
                **services.letter_context(self.letter),
                "can_publish": request.user.has_perm("reporting.manage_publication", self.report),
            },
        )


class OutboxCurrentView(RulesPermissionMixin, View):
    """/reviews/outbox/ leads to the outbox of the cycle with a letter to send."""

    permission_required = "reviews.send_letters"

    def get(self, request):
        cycle = selectors.outbox_cycle(user=request.user)
        if cycle is None:
            messages.info(request, _("There is no reporting cycle yet."))
            return redirect("home")
        return redirect("reviews:outbox", year=cycle.year)


class OutboxView(RulesPermissionMixin, View):
    """The cycle's letters. Sending (one, all, or again after an interruption) goes
    through a confirmation page (?confirm=all, ?confirm=<id>, ?resend=<id>) that names
    every letter and recipient; only its form, with `confirmed`, mails anything."""

    permission_required = "reviews.send_letters"

    def get(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        if "confirm" in request.GET or "resend" in request.GET:
            return self.confirmation(request, cycle)
        return render(
            request,
            "reviews/outbox.html",
            {
                "LetterState": LetterState,
                "cycle": cycle,
                "letters": selectors.outbox_letters(cycle=cycle),
                "cycle_switcher": selectors.cycle_switcher(
                    user=request.user, cycle=cycle, letters=True
                ),
                "switch_url": "reviews:outbox",
                "general_final": cycle.general_feedback.filter(is_final=True).exists(),
                "sending_problems": services.letter_sending_problems(),
            },
        )

    def confirmation(self, request, cycle):
        resend = "resend" in request.GET
        raw = request.GET.get("resend" if resend else "confirm", "")
        letter_id = None if raw == "all" and not resend else (bounded_int(raw) or 0)
        if resend:
            letters = selectors.letters_interrupted(cycle=cycle, letter_id=letter_id)
        else:
            letters = selectors.letters_to_send(cycle=cycle, letter_id=letter_id)
        return render(
            request,
            "reviews/letter_send_confirm.html",
            {
                "cycle": cycle,
                "resend": resend,
                "letter_id": letter_id,
                "rows": selectors.letter_recipients(letters),
                "general_final": cycle.general_feedback.filter(is_final=True).exists(),
                "sending_problems": services.letter_sending_problems(),
            },
        )

    def post(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        if not request.POST.get("confirmed"):
            # A send button without the confirmation page (an old form, a script) shows
            # the page first; nothing is mailed.
            if request.POST.get("resend"):
                query = f"resend={posted_id(request, 'resend')}"
            elif request.POST.get("letter"):
                query = f"confirm={posted_id(request, 'letter')}"
            else:
                query = "confirm=all"
            return redirect(reverse("reviews:outbox", kwargs={"year": year}) + "?" + query)
        try:
            if request.POST.get("resend"):
                services.letter_resend(cycle=cycle, letter_id=posted_id(request, "resend"))
                messages.success(request, _("The letter is being sent again."))
            else:
                n = services.letters_send(
                    cycle=cycle,
                    letter_id=posted_id(request, "letter") if request.POST.get("letter") else None,
                )
                messages.success(
                    request,
                    ngettext("%(n)s letter is being sent.", "%(n)s letters are being sent.", n)
                    % {"n": n},
                )
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("reviews:outbox", year=year)
