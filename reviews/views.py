from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, RulesPermissionMixin
from reporting.models import Report, ReportingCycle, User
from reporting.selectors import report_document

from . import selectors, services
from .models import Letter


class WorklistView(RulesPermissionMixin, View):
    permission_required = "reviews.view_worklist"

    def get(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        return render(
            request,
            "reviews/worklist.html",
            {
                "cycle": cycle,
                "rows": selectors.worklist(cycle=cycle, user=request.user),
                "reviewers": User.objects.filter(is_reviewer=True, is_active=True).order_by("email")
                if request.user.has_perm("reviews.assign")
                else [],
            },
        )


class AssignView(RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "reviews.assign"

    def post(self, request, year, slug):
        report = get_object_or_404(Report, cycle__year=year, city__slug=slug)
        reviewer = User.objects.filter(
            pk=request.POST.get("reviewer") or 0, is_reviewer=True
        ).first()
        try:
            if reviewer is None:
                raise ServiceError(_("Choose a reviewer."))
            services.reviewer_assign(report=report, reviewer=reviewer, by=request.user)
            messages.success(request, _("%(name)s is assigned.") % {"name": reviewer})
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("reviews:worklist", year=year)


class ReviewMixin(RulesPermissionMixin):
    permission_required = "reviews.review_report"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        # Reviewers reach only reports assigned to them: anything else is a 404.
        self.report = get_object_or_404(
            Report.objects.select_related("city", "cycle", "questionnaire"),
            cycle__year=kwargs["year"],
            city__slug=kwargs["slug"],
            assignments__reviewer=request.user,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.report


class ReviewView(ReviewMixin, View):
    def get(self, request, year, slug):
        from django.utils.translation import get_language

        snapshot = self.report.snapshots.order_by("-revision").first()
        own, others = selectors.reviews_visible_to(report=self.report, user=request.user)
        return render(
            request,
            "reviews/review.html",
            {
                **report_document(
                    report=self.report,
                    revision=snapshot.revision if snapshot else None,
                    target_language=(get_language() or "en").split("-")[0],
                ),
                "review": own,
                "others": others,
                "letter": Letter.objects.filter(report=self.report).first(),
            },
        )

    def post(self, request, year, slug):
        version = request.POST.get("version", "")
        try:
            services.review_save(
                report=self.report,
                reviewer=request.user,
                changes={f: request.POST.get(f, "") for f in services.REVIEW_TEXT_FIELDS},
                expected_version=int(version) if version.isdigit() else None,
            )
            if "finalise" in request.POST:
                services.review_finalise(report=self.report, by=request.user)
                messages.success(request, _("The letter is ready for the office to send."))
            else:
                messages.success(request, _("Your review is saved."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect("reviews:review", year=year, slug=slug)


class LetterPreviewView(RulesPermissionMixin, View):
    """The letter as HTML, or as the PDF that will be sent (?format=pdf)."""

    permission_required = "reviews.view_worklist"

    def get(self, request, year, slug):
        letter = get_object_or_404(
            Letter.objects.select_related("report__city", "report__cycle"),
            report__cycle__year=year,
            report__city__slug=slug,
        )
        if not (
            request.user.is_staff
            or request.user.is_board_member
            or letter.report.assignments.filter(reviewer=request.user).exists()
        ):
            return HttpResponse(status=404)
        if request.GET.get("format") == "pdf":
            response = HttpResponse(
                services.letter_render(letter=letter), content_type="application/pdf"
            )
            response["Content-Disposition"] = f'inline; filename="letter-{slug}-{year}.pdf"'
            return response
        return render(
            request,
            "reviews/letter_preview.html",
            {
                **services.letter_context(letter),
                "pdf_url": reverse("reviews:letter", args=[year, slug]) + "?format=pdf",
            },
        )


class OutboxView(RulesPermissionMixin, View):
    permission_required = "reviews.send_letters"

    def get(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        letters = Letter.objects.filter(report__cycle=cycle).select_related("report__city")
        return render(
            request,
            "reviews/outbox.html",
            {
                "cycle": cycle,
                "letters": letters.order_by("state", "report__city__name"),
                "general_final": cycle.general_feedback.filter(is_final=True).exists(),
            },
        )

    def post(self, request, year):
        from .tasks import task_letter_send

        cycle = get_object_or_404(ReportingCycle, year=year)
        letters = Letter.objects.filter(report__cycle=cycle, state__in=["ready", "failed"])
        if request.POST.get("letter"):
            letters = letters.filter(pk=request.POST.get("letter") or 0)
        ids = list(letters.values_list("pk", flat=True))
        for letter_id in ids:
            transaction.on_commit(lambda i=letter_id: task_letter_send.delay(letter_id=i))
        messages.success(request, _("%(n)s letters are being sent.") % {"n": len(ids)})
        return redirect("reviews:outbox", year=year)
