"""Pages of a city's report as a whole: overview, start, submission, return, PDF,
publication, translation and language; the blank questionnaire. Every view reaches
the report through `selectors.reports.report_get_for_user`, so another city's draft is
a 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from eccar.errors import ServiceError
from eccar.pdf import render_pdf
from eccar.views import RulesPermissionMixin, ServiceActionView, bounded_int
from reporting.enums import LANGUAGE_CHOICES, CyclePhase, ReportState
from reporting.forms.reports import ReportReturnForm
from reporting.models import Questionnaire, ReportingCycle
from reporting.rules import (
    EDITABLE_STATES,
    city_in_good_standing,
    is_city_account,
    is_city_primary,
)
from reporting.selectors.accounts import city_get_for_user
from reporting.selectors.machine_translation import translation_enabled
from reporting.selectors.progress import report_task_list
from reporting.selectors.questionnaire import commitments_for, questionnaire_structure
from reporting.selectors.reports import (
    reminders_sent,
    report_deadline,
    report_deadline_extended,
    report_document,
    report_for_city,
    report_get_for_user,
    report_history,
    report_page_get_for_user,
    report_pdf,
    report_reading_document,
    report_return_notice,
    report_revisions,
)
from reporting.services.content import report_language_set, report_prefill_from_previous
from reporting.services.reports import (
    report_publish,
    report_return_to_draft,
    report_start,
    report_start_update,
    report_submit,
    report_withdraw_publication,
    submission_refusal,
    translation_rerun,
)
from reporting.views.reading import reading_context


def report_url(report, name="report_detail", **kwargs):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year, **kwargs}
    )


class ReportMixin(RulesPermissionMixin):
    permission_required = "reporting.read_report"
    # The scoping selector; a page that shows more of the report loads it in the same query.
    get_report = staticmethod(report_get_for_user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.report = self.get_report(user=request.user, slug=kwargs["slug"], year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.report

    def get_permission_denied_message(self):
        # The 403 page names the reason (templates/403.html shows it).
        return refusal_reason(
            self.request.user, getattr(self, "report", None), self.permission_required
        )


# The permissions that change a report, and what each refusal says.
_WRITE_PERMISSIONS = {"reporting.edit_report", "reporting.submit_report"}


def refusal_reason(user, report, permission) -> str:
    """Why `user` may not do `permission` on `report`, in words for the 403 page; ""
    when there is nothing more to say than "not allowed"."""
    if report is None or permission not in _WRITE_PERMISSIONS:
        return ""
    if report.state not in EDITABLE_STATES:
        return _("This report has been submitted and can no longer be changed.")
    if not is_city_account(user, report):
        return _("Only the accounts of %(city)s can change this report.") % {
            "city": report.city.name
        }
    if not city_in_good_standing(user, report):
        return _(
            "Your city's membership is suspended: its report cannot be changed until the "
            "coalition's office restores it."
        )
    if permission == "reporting.submit_report" and not is_city_primary(user, report):
        return _("Only your city's primary account can submit the report.")
    return ""


def reading_language(request, report) -> str:
    """The reader's choice between the original and their interface language, taken from
    ?read= and remembered in the session for the next report pages."""

    choice = request.GET.get("read")
    if choice in ("original", "translated"):
        request.session["report_reading"] = choice
    if request.session.get("report_reading", "translated") == "original":
        return ""
    return (get_language() or "en").split("-")[0]


class ReportStartView(RulesPermissionMixin, View):
    permission_required = "reporting.start_report"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.city = city_get_for_user(user=request.user, slug=kwargs["slug"])
        self.cycle = get_object_or_404(ReportingCycle, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.city

    def get(self, request, slug, year):
        # A bookmarked or reloaded address: the report if it exists, else the page with
        # the Start button. Nothing is created by a GET.
        report = report_for_city(city=self.city, cycle=self.cycle)
        if report is not None:
            return redirect(report_url(report))
        messages.info(request, _("Start your report with the button on this page."))
        return redirect("home")

    def post(self, request, slug, year):
        if self.cycle.current_phase not in (CyclePhase.REGISTRATION, CyclePhase.REPORTING):
            messages.error(request, _("This cycle is not open for reporting."))
            return redirect("home")
        report = report_start(city=self.city, cycle=self.cycle, by=request.user)
        if request.POST.get("prefill") == "yes":
            copied = report_prefill_from_previous(report=report, by=request.user)
            if copied:
                messages.info(
                    request,
                    ngettext(
                        "%(n)s answer was copied from your last report. Please confirm or "
                        "change it.",
                        "%(n)s answers were copied from your last report. Please confirm or "
                        "change each of them.",
                        copied,
                    )
                    % {"n": copied},
                )
        return redirect(report_url(report))


class ReportDetailView(ReportMixin, View):
    # The report comes with its attachment, translation status and latest frozen revision.
    get_report = staticmethod(report_page_get_for_user)

    def get(self, request, slug, year):
        report = self.report
        user = request.user
        context = {
            "report": report,
            "report_states": ReportState,
            "can_edit": user.has_perm("reporting.edit_report", report),
            "can_submit": user.has_perm("reporting.submit_report", report),
            "can_return": user.has_perm("reporting.return_report", report),
            "can_publish": user.has_perm("reporting.manage_publication", report),
            "history": list(report_history(report=report)),
            "attachment": getattr(report, "attachment", None),
            "can_rerun_translation": user.has_perm("reporting.rerun_translation", report),
            "translation_status": getattr(report, "translation", None),
            "translation_enabled": translation_enabled(),
        }
        context.update(
            report_deadline_extended(report),
            return_notice=report_return_notice(report=report, history=context["history"]),
        )
        if user.has_perm("reporting.read_revisions", report):
            context["revisions"] = report_revisions(report=report)
        if report.questionnaire is None:
            return render(request, "reporting/report_detail.html", context)
        revision = bounded_int(request.GET.get("revision", ""), digits=4)
        if revision is not None and context.get("revisions") is not None:
            # An earlier frozen revision (the first submission, an update), read-only.
            snapshot = get_object_or_404(report.snapshots, revision=revision)
            context.update(
                report_document(
                    report=report,
                    user=user,
                    snapshot=snapshot,
                    target_language=reading_language(request, report),
                ),
                can_edit=False,
                can_submit=False,
                reading_revision=revision,
            )
            context.update(reading_context(request, context))
        elif context["can_edit"]:
            # The language the city writes in matters only to machine translation.
            if context["translation_enabled"]:
                context["language_choices"] = LANGUAGE_CHOICES
            # A refused upload, shown at the file field (set by content.AttachmentView).
            context["attachment_error"] = request.session.pop("attachment_error", None)
            tasks = report_task_list(report=report)
            context.update(tasks=tasks, carried_over=tasks.carried_over)
        else:
            # The latest submitted revision (or the live answers before any), read from
            # the database on every request: a withdrawal or a corrected wording shows
            # at once. The PDF reads the same document.
            context.update(
                report_reading_document(
                    report=report,
                    user=user,
                    target_language=reading_language(request, report),
                )
            )
            context.update(reading_context(request, context))
        return render(request, "reporting/report_detail.html", context)


class ReportSubmitView(ReportMixin, View):
    permission_required = "reporting.submit_report"

    def handle_no_permission(self):
        # A second click, or a colleague's tab, after the report went in: not an error.
        report, user = getattr(self, "report", None), self.request.user
        if (
            self.request.method == "POST"
            and report is not None
            and report.state not in EDITABLE_STATES
            and is_city_primary(user, report)
        ):
            messages.info(self.request, _("This report has already been submitted."))
            return redirect(report_url(report))
        return super().handle_no_permission()

    def get(self, request, slug, year):
        tasks = report_task_list(report=self.report)
        return render(
            request,
            "reporting/report_submit.html",
            {
                "report": self.report,
                "tasks": tasks,
                "missing": tasks.missing,
                "deadline": report_deadline(self.report),
                # What would refuse the submission besides missing answers (the deadline
                # of a first submission): said here, before anyone presses Submit.
                "refusal": submission_refusal(report=self.report, by=request.user),
            },
        )

    def post(self, request, slug, year):
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the submission."))
            return redirect(report_url(self.report, "report_submit"))
        try:
            report_submit(report=self.report, by=request.user)
        except ServiceError as error:
            if error.code == "same_state":
                return redirect(report_url(self.report))
            messages.error(request, error.message)
            return redirect(report_url(self.report, "report_submit"))
        messages.success(
            request,
            _("Thank you: your report is submitted. A confirmation with the PDF is on its way."),
        )
        return redirect(report_url(self.report))


class ReportSuccessMixin:
    """For a ServiceActionView on a report: back to the report's page."""

    def get_success_url(self):
        return report_url(self.report)


class ReportReturnView(ReportMixin, View):
    """The office returns a submitted report to draft on one page, which is also the
    confirmation: it says what will happen (the city's accounts are emailed and
    notified, the report reopens until the date given) and asks for the reason and
    that date together."""

    permission_required = "reporting.return_report"
    template_name = "reporting/report_return.html"

    def render_form(self, request, form, status=200):
        accounts = self.report.city.accounts.filter(is_active=True).select_related("user")
        return render(
            request,
            self.template_name,
            {"report": self.report, "form": form, "accounts": accounts},
            status=status,
        )

    def get(self, request, slug, year):
        return self.render_form(request, ReportReturnForm(report=self.report))

    def post(self, request, slug, year):
        form = ReportReturnForm(request.POST, report=self.report)
        if form.is_valid():
            try:
                report_return_to_draft(
                    report=self.report,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    resubmit_until=form.cleaned_data["resubmit_until"],
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "The report is back in draft; the city's accounts have been told and "
                        "can submit it again until %(date)s."
                    )
                    % {"date": date_format(form.cleaned_data["resubmit_until"])},
                )
                return redirect(report_url(self.report))
        return self.render_form(request, form, status=400)


class ReportPdfView(ReportMixin, View):
    """The report as its page shows it to this reader (revision and contacts)."""

    get_report = staticmethod(report_page_get_for_user)

    def get(self, request, slug, year):
        pdf = report_pdf(self.report, user=request.user)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="ECCAR-report-{self.report.cycle}-{self.report.city.slug}.pdf"'
        )
        return response


class ReportPublicationView(ReportMixin, ReportSuccessMixin, ServiceActionView):
    """After feedback: start an update, publish (with or without the feedback), withdraw."""

    permission_required = "reporting.manage_publication"

    def perform(self, request):
        action = request.POST.get("action")
        if action == "update":
            report_start_update(report=self.report, by=request.user)
            return _("You can now update your report; submit it again when done.")
        if action == "publish":
            report_publish(
                report=self.report,
                by=request.user,
                with_feedback=request.POST.get("with_feedback") == "yes",
                with_contacts=request.POST.get("with_contacts") == "yes",
            )
            return _("Your report is published: every member city can read it.")
        if action == "withdraw":
            report_withdraw_publication(report=self.report, by=request.user)
            return _("Your report is no longer published.")
        raise ServiceError(_("Unknown action."))


class ReportTranslateView(ReportMixin, ReportSuccessMixin, ServiceActionView):
    """Staff run the report's translation again (after a quota or an outage)."""

    permission_required = "reporting.rerun_translation"
    success_message = _lazy("The translation of this report has been started.")

    def perform(self, request):
        translation_rerun(report=self.report)


class ReportLanguageView(ReportMixin, ReportSuccessMixin, ServiceActionView):
    """The city says which language it writes in (defaults to the city's main language)."""

    permission_required = "reporting.edit_report"

    def perform(self, request):
        changed = report_language_set(
            report=self.report, language=request.POST.get("language", ""), by=request.user
        )
        return _("The language of the report is saved.") if changed else None


class ReminderListView(RulesPermissionMixin, View):
    """The office reads which deadline reminders went to whom, per cycle."""

    permission_required = "reporting.view_reminders"

    def get(self, request, year):
        cycle = get_object_or_404(ReportingCycle, year=year)
        return render(
            request,
            "reporting/reminder_list.html",
            {
                "cycle": cycle,
                "cycles": ReportingCycle.objects.order_by("-year").values_list("year", flat=True),
                "reminders": reminders_sent(cycle=cycle),
            },
        )


class BlankQuestionnaireView(View):
    """The whole questionnaire, unanswered, to prepare offline: a printable page or a PDF."""

    def get(self, request, year, fmt="html"):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        questionnaire = get_object_or_404(Questionnaire, cycle__year=year, is_active=True)
        context = {
            "questionnaire": questionnaire,
            "cycle": questionnaire.cycle,
            "sections": questionnaire_structure(questionnaire=questionnaire),
            "commitments": commitments_for(questionnaire),
        }
        if fmt == "pdf":
            pdf = render_pdf(
                template="reporting/pdf/questionnaire.html",
                context=context,
                language=get_language(),
            )
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="ECCAR-questionnaire-{year}-{get_language()}.pdf"'
            )
            return response
        return render(request, "reporting/questionnaire_print.html", context)
