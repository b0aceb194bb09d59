"""Pages of a city's report: overview, section and measure forms, autosave,
attachment, submission. Every view reaches the report through
`selectors.report_get_for_user`, so another city's draft is a 404."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, RulesPermissionMixin, posted_version

from . import report_services, selectors, services
from .enums import CyclePhase, SectionLevel
from .models import Attachment, Measure, Question, ReportingCycle


def report_url(report, name="report_detail", **kwargs):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year, **kwargs}
    )


class ReportMixin(RulesPermissionMixin):
    permission_required = "reporting.read_report"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.report = selectors.report_get_for_user(
            user=request.user, slug=kwargs["slug"], year=kwargs["year"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.report


def _translation_status(report):
    from .models import ReportTranslationStatus

    return ReportTranslationStatus.objects.filter(report=report).first()


def _translation_enabled() -> bool:
    from eccar.translation import get_backend

    return get_backend() is not None


def _reading_language(request, report) -> str:
    """The reader's choice between the original and their interface language, taken from
    ?read= and remembered in the session for the next report pages."""
    from django.utils.translation import get_language

    choice = request.GET.get("read")
    if choice in ("original", "translated"):
        request.session["report_reading"] = choice
    if request.session.get("report_reading", "translated") == "original":
        return ""
    return (get_language() or "en").split("-")[0]


class ReportStartView(RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "reporting.start_report"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.city = selectors.city_get_for_user(user=request.user, slug=kwargs["slug"])
        self.cycle = get_object_or_404(ReportingCycle, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.city

    def post(self, request, slug, year):
        if self.cycle.current_phase not in (CyclePhase.REGISTRATION, CyclePhase.REPORTING):
            messages.error(request, _("This cycle is not open for reporting."))
            return redirect("home")
        report = services.report_start(city=self.city, cycle=self.cycle, by=request.user)
        if request.POST.get("prefill") == "yes":
            copied = report_services.report_prefill_from_previous(report=report, by=request.user)
            if copied:
                messages.info(
                    request,
                    _(
                        "%(n)s answers were copied from your last report. Please confirm or "
                        "change each of them."
                    )
                    % {"n": copied},
                )
        return redirect(report_url(report))


def _frozen_document(*, report, target_language: str) -> dict:
    """The latest submitted revision (or the live answers before any), rendered from the
    database on every request: a withdrawal or a corrected wording shows at once."""
    latest = report.snapshots.order_by("-revision").first()
    document = selectors.report_document(
        report=report,
        revision=latest.revision if latest else None,
        target_language=target_language,
    )
    return {"snapshot": latest, **document}


class ReportDetailView(ReportMixin, View):
    def get(self, request, slug, year):
        report = self.report
        user = request.user
        context = {
            "report": report,
            "can_edit": user.has_perm("reporting.edit_report", report),
            "can_submit": user.has_perm("reporting.submit_report", report),
            "can_return": user.has_perm("reporting.return_report", report),
            "can_publish": user.has_perm("reporting.manage_publication", report),
            "history": selectors.report_history(report=report),
            "attachment": Attachment.objects.filter(report=report).first(),
            "can_rerun_translation": user.has_perm("reporting.rerun_translation", report),
            "translation_status": _translation_status(report),
            "translation_enabled": _translation_enabled(),
        }
        if report.questionnaire is None:
            return render(request, "reporting/report_detail.html", context)
        if context["can_edit"]:
            from .membership_forms import LANGUAGE_CHOICES

            context["language_choices"] = LANGUAGE_CHOICES
            context.update(selectors.report_progress(report=report))
            context["carried_over"] = report.answers.filter(carried_over=True).count()
        else:
            context.update(
                _frozen_document(
                    report=report,
                    target_language=_reading_language(request, report),
                )
            )
            context["reading_original"] = not context["target_language"]
        return render(request, "reporting/report_detail.html", context)


def _items_from_post(request, questions, measure):
    """What a form sent, per question: raw values and the version the editor loaded."""
    items = []
    for question in questions:
        field = f"a-{question.pk}"
        if field not in request.POST and f"{field}-present" not in request.POST:
            continue
        items.append(
            {
                "question": question,
                "measure": measure,
                "raw": request.POST.getlist(field),
                "expected_version": posted_version(request, f"v-{question.pk}"),
            }
        )
    return items


class AnswerFormMixin(ReportMixin):
    """Shared by the section form (level 1) and the measure form (level 2)."""

    permission_required = "reporting.edit_report"
    template_name = "reporting/answer_form.html"

    def get_sections(self):
        raise NotImplementedError

    def get_measure(self):
        return None

    def get_all_sections(self):
        """The level-1 sections for the section navigation."""
        return selectors.questionnaire_structure(
            questionnaire=self.report.questionnaire, level=SectionLevel.OVERVIEW
        )

    def render_form(self, request, *, posted=None, errors=None, status=200):
        sections = self.get_sections()
        measure = self.get_measure()
        answers = selectors.answers_by_key(
            report=self.report, measure_ids=[measure.pk] if measure else []
        )
        owner = measure.pk if measure else None
        blocks = []
        for section in sections:
            fields = []
            for question in section.questions.all():
                answer = answers.get((question.pk, owner))
                key = (question.pk, owner)
                fields.append(
                    {
                        "question": question,
                        "answer": answer,
                        "value": posted.getlist(f"a-{question.pk}")
                        if posted and errors and key in errors
                        else _as_list(answer.value if answer else None),
                        "version": answer.version if answer else 0,
                        "error": errors.get(key) if errors else None,
                        "shown": selectors.question_is_shown(question, answers, owner),
                    }
                )
            blocks.append({"section": section, "fields": fields})
        context = {
            "report": self.report,
            "measure": measure,
            "blocks": blocks,
            "errors": [
                {"field": f, "error": f["error"]} for b in blocks for f in b["fields"] if f["error"]
            ],
            "commitments": selectors.commitments_for(self.report.questionnaire),
            "autosave_url": report_url(self.report, "autosave"),
            "all_sections": self.get_all_sections() if measure is None else [],
            "current_section": sections[0] if measure is None and sections else None,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(request)

    def post(self, request, *args, **kwargs):
        questions = [q for s in self.get_sections() for q in s.questions.all()]
        try:
            result = report_services.section_save(
                report=self.report,
                items=_items_from_post(request, questions, self.get_measure()),
                by=request.user,
            )
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect(report_url(self.report))
        if result["errors"]:
            return self.render_form(
                request, posted=request.POST, errors=result["errors"], status=400
            )
        messages.success(
            request, _("Saved at %(time)s.") % {"time": timezone.localtime().strftime("%H:%M")}
        )
        if "save_next" in request.POST:
            return redirect(self.next_url())
        return redirect(request.path)

    def next_url(self):
        return report_url(self.report)


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


class SectionEditView(AnswerFormMixin, View):
    def get_sections(self):
        if not hasattr(self, "_sections"):
            all_sections = selectors.questionnaire_structure(
                questionnaire=self.report.questionnaire, level=SectionLevel.OVERVIEW
            )
            self._all = all_sections
            self._sections = [s for s in all_sections if s.code == self.kwargs["code"]]
            if not self._sections:
                raise Http404
        return self._sections

    def get_all_sections(self):
        self.get_sections()  # loads the whole level-1 structure once
        return self._all

    def next_url(self):
        codes = [s.code for s in self._all]
        index = codes.index(self.kwargs["code"])
        if index + 1 < len(codes):
            return report_url(self.report, "section_edit", code=codes[index + 1])
        return report_url(self.report, "measure_list")


class MeasureEditView(AnswerFormMixin, View):
    def get_measure(self):
        if not hasattr(self, "_measure"):
            self._measure = get_object_or_404(
                Measure, pk=self.kwargs["measure_id"], report=self.report
            )
        return self._measure

    def get_sections(self):
        if not hasattr(self, "_sections"):
            self.get_measure()
            self._sections = selectors.questionnaire_structure(
                questionnaire=self.report.questionnaire, level=SectionLevel.MEASURE
            )
        return self._sections

    def next_url(self):
        return report_url(self.report, "measure_list")


class MeasureListView(ReportMixin, View):
    def get(self, request, slug, year):
        measures = list(self.report.measures.order_by("order", "pk"))
        return render(
            request,
            "reporting/measure_list.html",
            {
                "report": self.report,
                "measures": measures,
                "can_edit": request.user.has_perm("reporting.edit_report", self.report),
            },
        )


class MeasureAddView(ReportMixin, PostOnlyMixin, View):
    permission_required = "reporting.edit_report"

    def post(self, request, slug, year):
        measure = report_services.measure_add(report=self.report, by=request.user)
        return redirect(report_url(self.report, "measure_edit", measure_id=measure.pk))


class MeasureDeleteView(ReportMixin, PostOnlyMixin, View):
    permission_required = "reporting.edit_report"

    def post(self, request, slug, year, measure_id):
        measure = get_object_or_404(Measure, pk=measure_id, report=self.report)
        report_services.measure_delete(measure=measure, by=request.user)
        messages.success(request, _("The measure “%(title)s” is removed.") % {"title": measure})
        return redirect(report_url(self.report, "measure_list"))


class MeasureMoveView(ReportMixin, PostOnlyMixin, View):
    permission_required = "reporting.edit_report"

    def post(self, request, slug, year, measure_id):
        measure = get_object_or_404(Measure, pk=measure_id, report=self.report)
        try:
            report_services.measure_move(
                measure=measure, direction=request.POST.get("direction", ""), by=request.user
            )
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect(report_url(self.report, "measure_list"))


class AutosaveView(ReportMixin, PostOnlyMixin, View):
    """Saves one answer and answers in JSON. 409 carries the colleague's version."""

    permission_required = "reporting.edit_report"

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            return JsonResponse({"error": _("This report can no longer be changed.")}, status=403)
        return JsonResponse({"error": _("Your session has ended. Log in again.")}, status=401)

    def post(self, request, slug, year):
        question_id = request.POST.get("question", "")
        measure_id = request.POST.get("measure", "")
        if not question_id.isdecimal() or (measure_id and not measure_id.isdecimal()):
            return JsonResponse({"error": _("Unknown question.")}, status=400)
        question = (
            Question.objects.select_related("section")
            .prefetch_related("choices")
            .filter(pk=int(question_id), questionnaire_id=self.report.questionnaire_id)
            .first()
        )
        measure = None
        if measure_id:
            measure = Measure.objects.filter(pk=int(measure_id), report=self.report).first()
            if measure is None:
                return JsonResponse({"error": _("Unknown measure.")}, status=400)
        if question is None:
            return JsonResponse({"error": _("Unknown question.")}, status=400)
        try:
            answer = report_services.answer_save(
                report=self.report,
                question=question,
                measure=measure,
                raw=request.POST.getlist("value"),
                expected_version=posted_version(request),
                by=request.user,
            )
        except report_services.ConflictError as error:
            return JsonResponse(
                {
                    "error": error.message,
                    "conflict": True,
                    "their_value": error.answer.value,
                    "version": error.answer.version,
                },
                status=409,
            )
        except ServiceError as error:
            return JsonResponse({"error": error.message}, status=400)
        return JsonResponse(
            {
                "version": answer.version,
                "saved_at": timezone.localtime(answer.updated_at or timezone.now()).strftime(
                    "%H:%M"
                ),
            }
        )


class AttachmentView(ReportMixin, View):
    """GET streams the file to allowed readers; POST uploads or deletes it."""

    def get(self, request, slug, year):
        attachment = get_object_or_404(Attachment, report=self.report)
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response

    def post(self, request, slug, year):
        if not request.user.has_perm("reporting.edit_report", self.report):
            return self.handle_no_permission()
        try:
            if request.POST.get("action") == "delete":
                report_services.attachment_delete(report=self.report, by=request.user)
                messages.success(request, _("The attachment is removed."))
            else:
                upload = request.FILES.get("file")
                if upload is None:
                    raise ServiceError(_("Choose a file to upload."))
                report_services.attachment_upload(
                    report=self.report, uploaded_file=upload, by=request.user
                )
                messages.success(request, _("The attachment is saved."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect(report_url(self.report))


class ReportSubmitView(ReportMixin, View):
    permission_required = "reporting.submit_report"

    def handle_no_permission(self):
        # A second click, or a colleague's tab, after the report went in: not an error.
        from .rules import EDITABLE_STATES, is_city_primary

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
        progress = selectors.report_progress(report=self.report)
        return render(
            request,
            "reporting/report_submit.html",
            {
                "report": self.report,
                **progress,
                "deadline": report_services.report_deadline(self.report),
            },
        )

    def post(self, request, slug, year):
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the submission."))
            return redirect(report_url(self.report, "report_submit"))
        try:
            report_services.report_submit(report=self.report, by=request.user)
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


class ReportReturnView(ReportMixin, PostOnlyMixin, View):
    permission_required = "reporting.return_report"

    def post(self, request, slug, year):
        try:
            report_services.report_return_to_draft(
                report=self.report, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The report is back in draft; the city can edit it."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect(report_url(self.report))


class ReportPdfView(ReportMixin, View):
    def get(self, request, slug, year):
        from .notifications import report_pdf

        pdf = report_pdf(self.report)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="ECCAR-report-{self.report.cycle}-{self.report.city.slug}.pdf"'
        )
        return response


class ReportPublicationView(ReportMixin, PostOnlyMixin, View):
    """After feedback: start an update, publish (with or without the feedback), withdraw."""

    permission_required = "reporting.manage_publication"

    def post(self, request, slug, year):
        action = request.POST.get("action")
        try:
            if action == "update":
                report_services.report_start_update(report=self.report, by=request.user)
                messages.success(
                    request, _("You can now update your report; submit it again when done.")
                )
            elif action == "publish":
                report_services.report_publish(
                    report=self.report,
                    by=request.user,
                    with_feedback=request.POST.get("with_feedback") == "yes",
                    with_contacts=request.POST.get("with_contacts") == "yes",
                )
                messages.success(
                    request, _("Your report is published: every member city can read it.")
                )
            elif action == "withdraw":
                report_services.report_withdraw_publication(report=self.report, by=request.user)
                messages.success(request, _("Your report is no longer published."))
            else:
                raise ServiceError(_("Unknown action."))
        except ServiceError as error:
            messages.error(request, error.message)
        return redirect(report_url(self.report))


class HelpIndexView(View):
    def get(self, request, slug=None):
        from .models import HelpPage

        pages = list(HelpPage.objects.order_by("order", "pk"))
        page = None
        if slug:
            page = next((p for p in pages if p.slug == slug), None)
            if page is None:
                raise Http404
        elif pages:
            page = pages[0]
        cycle = selectors.cycle_current()
        return render(
            request, "reporting/help.html", {"pages": pages, "page": page, "cycle": cycle}
        )


class BlankQuestionnaireView(View):
    """The whole questionnaire, unanswered, to prepare offline: a printable page or a PDF."""

    def get(self, request, year, fmt="html"):
        from django.contrib.auth.views import redirect_to_login

        from .models import Questionnaire

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        questionnaire = get_object_or_404(Questionnaire, cycle__year=year, is_active=True)
        context = {
            "questionnaire": questionnaire,
            "cycle": questionnaire.cycle,
            "sections": selectors.questionnaire_structure(questionnaire=questionnaire),
            "commitments": selectors.commitments_for(questionnaire),
        }
        if fmt == "pdf":
            from django.utils.translation import get_language

            from eccar.pdf import render_pdf

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


class ReportTranslateView(ReportMixin, PostOnlyMixin, View):
    """Staff run the report's translation again (after a quota or an outage)."""

    permission_required = "reporting.rerun_translation"

    def post(self, request, slug, year):
        from eccar.translation import get_backend

        from .tasks import task_report_translate

        if get_backend() is None:
            messages.error(request, _("Machine translation is not configured (DEEPL_AUTH_KEY)."))
        else:
            task_report_translate.delay(report_id=self.report.pk)
            messages.success(request, _("The translation of this report has been started."))
        return redirect(report_url(self.report))


class ReportLanguageView(ReportMixin, PostOnlyMixin, View):
    """The city says which language it writes in (defaults to the city's main language)."""

    permission_required = "reporting.edit_report"

    def post(self, request, slug, year):
        from .membership_forms import LANGUAGE_CHOICES
        from .translations import translation_schedule

        language = request.POST.get("language", "")
        if language not in dict(LANGUAGE_CHOICES):
            messages.error(request, _("Unknown language. Please choose one from the list."))
        elif language != self.report.source_language:
            type(self.report).objects.filter(pk=self.report.pk).update(source_language=language)
            translation_schedule(report=self.report)
            messages.success(request, _("The language of the report is saved."))
        return redirect(report_url(self.report))
