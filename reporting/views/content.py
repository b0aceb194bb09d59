"""Editing a report's content: the section and measure forms, measures, autosave and
the attachment."""

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from eccar.errors import ServiceError
from eccar.views import PostOnlyMixin, ServiceActionView, posted_id, posted_version
from reporting.answer_formats import is_email_question, is_year_question, year_range
from reporting.answers import date_example, date_for_input, length_guidance
from reporting.enums import QuestionType, SectionLevel
from reporting.models import Attachment, Measure, Question
from reporting.selectors.progress import progress_from_answers, report_task_list
from reporting.selectors.questionnaire import commitments_for, questionnaire_structure
from reporting.selectors.reports import answers_by_key, question_is_shown
from reporting.services.content import (
    ConflictError,
    answer_save,
    attachment_delete,
    attachment_upload,
    measure_add,
    measure_delete,
    measure_move,
    section_save,
)
from reporting.views.reports import ReportMixin, report_url

# The session key of an attachment's refusal, read once by the overview's file field.
ATTACHMENT_ERROR_KEY = "attachment_error"


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
        return questionnaire_structure(
            questionnaire=self.report.questionnaire, level=SectionLevel.OVERVIEW
        )

    def render_form(self, request, *, posted=None, errors=None, status=200):
        sections = self.get_sections()
        measure = self.get_measure()
        answers = answers_by_key(report=self.report, measure_ids=[measure.pk] if measure else [])
        owner = measure.pk if measure else None
        blocks = []
        progress = progress_from_answers(sections, answers, owner)
        for section in sections:
            fields = []
            for question in section.questions.all():
                answer = answers.get((question.pk, owner))
                key = (question.pk, owner)
                if posted and errors and key in errors:
                    value = posted.getlist(f"a-{question.pk}")
                else:
                    value = _as_list(answer.value if answer else None)
                    if question.type == QuestionType.DATE:
                        value = [date_for_input(v) for v in value]
                fields.append(
                    {
                        "question": question,
                        "answer": answer,
                        "value": value,
                        "version": answer.version if answer else 0,
                        "error": errors.get(key) if errors else None,
                        "shown": question_is_shown(question, answers, owner),
                        "guidance": length_guidance(question.help_text)
                        if question.type == QuestionType.LONG_TEXT
                        else None,
                        # The input's kind, so phones offer the right keyboard and
                        # browsers their saved address; the server still decides.
                        "email": is_email_question(question),
                        "years": year_range(question) if is_year_question(question) else None,
                    }
                )
            blocks.append({"section": section, "fields": fields, "progress": progress[section.pk]})
        all_sections = self.get_all_sections() if measure is None else []
        if measure is None:
            # The section menu's marks, from the level-1 answers loaded above.
            nav_progress = progress_from_answers(all_sections, answers, None)
            all_sections = [{"section": s, "progress": nav_progress[s.pk]} for s in all_sections]
        context = {
            "report": self.report,
            "measure": measure,
            "blocks": blocks,
            "errors": [
                {"field": f, "error": f["error"]} for b in blocks for f in b["fields"] if f["error"]
            ],
            "commitments": commitments_for(self.report.questionnaire),
            "autosave_url": report_url(self.report, "autosave"),
            "all_sections": all_sections,
            "current_section": sections[0] if measure is None and sections else None,
            "date_example": date_example(),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(request)

    def post(self, request, *args, **kwargs):
        questions = [q for s in self.get_sections() for q in s.questions.all()]
        try:
            result = section_save(
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
        # Back to the field just saved, not to the top of a long page.
        return redirect(request.path + _saved_anchor(request, result["saved"], questions))

    def next_url(self):
        return report_url(self.report)


def _saved_anchor(request, saved, questions) -> str:
    """The anchor ("#input-<id>") of the field the person was on: the one the page's
    script names (`focus`), else the last answer this save changed, else none."""
    ids = {question.pk for question in questions}
    focus = posted_id(request, "focus")
    if focus in ids:
        return f"#input-{focus}"
    changed = [
        answer.question_id
        for answer in saved
        if answer.pk and answer.version != posted_version(request, f"v-{answer.question_id}")
    ]
    return f"#input-{changed[-1]}" if changed else ""


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


class SectionEditView(AnswerFormMixin, View):
    def get_sections(self):
        if not hasattr(self, "_sections"):
            all_sections = questionnaire_structure(
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
            self._sections = questionnaire_structure(
                questionnaire=self.report.questionnaire, level=SectionLevel.MEASURE
            )
        return self._sections

    def next_url(self):
        return report_url(self.report, "measure_list")


class MeasureListView(ReportMixin, View):
    def get(self, request, slug, year):
        tasks = report_task_list(report=self.report)
        return render(
            request,
            "reporting/measure_list.html",
            {
                "report": self.report,
                "tasks": tasks,
                "measures": [row.measure for row in tasks.measures],
                # After submission the measures are read on the report's page, never
                # through an edit page that would refuse.
                "can_edit": request.user.has_perm("reporting.edit_report", self.report),
            },
        )


class MeasureAddView(ReportMixin, ServiceActionView):
    permission_required = "reporting.edit_report"

    def perform(self, request):
        self.measure = measure_add(report=self.report, by=request.user)

    def get_success_url(self):
        if getattr(self, "measure", None) is None:
            return report_url(self.report)
        return report_url(self.report, "measure_edit", measure_id=self.measure.pk)


class MeasureDeleteView(ReportMixin, ServiceActionView):
    permission_required = "reporting.edit_report"

    def perform(self, request):
        measure = get_object_or_404(Measure, pk=self.kwargs["measure_id"], report=self.report)
        measure_delete(measure=measure, by=request.user)
        return _("The measure “%(title)s” is removed.") % {"title": measure}

    def get_success_url(self):
        return report_url(self.report, "measure_list")


class MeasureMoveView(ReportMixin, ServiceActionView):
    permission_required = "reporting.edit_report"

    def perform(self, request):
        measure = get_object_or_404(Measure, pk=self.kwargs["measure_id"], report=self.report)
        measure_move(measure=measure, direction=request.POST.get("direction", ""), by=request.user)

    def get_success_url(self):
        return report_url(self.report, "measure_list")


class AutosaveView(ReportMixin, PostOnlyMixin, View):
    """Saves one answer and answers in JSON. 409 carries the colleague's version."""

    permission_required = "reporting.edit_report"

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            return JsonResponse({"error": _("This report can no longer be changed.")}, status=403)
        return JsonResponse({"error": _("Your session has ended. Log in again.")}, status=401)

    def post(self, request, slug, year):
        # posted_id's length cap: int() of a few thousand digits is a 500, not a 400.
        question_id, measure_id = posted_id(request, "question"), posted_id(request, "measure")
        if not question_id or (request.POST.get("measure") and not measure_id):
            return JsonResponse({"error": _("Unknown question.")}, status=400)
        # Its choices are read by the validation only when it has some.
        question = (
            Question.objects.select_related("section")
            .filter(pk=question_id, questionnaire_id=self.report.questionnaire_id)
            .first()
        )
        measure = None
        if measure_id:
            measure = Measure.objects.filter(pk=measure_id, report=self.report).first()
            if measure is None:
                return JsonResponse({"error": _("Unknown measure.")}, status=400)
        if question is None:
            return JsonResponse({"error": _("Unknown question.")}, status=400)
        try:
            answer = answer_save(
                report=self.report,
                question=question,
                measure=measure,
                raw=request.POST.getlist("value"),
                expected_version=posted_version(request),
                by=request.user,
            )
        except ConflictError as error:
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
                attachment_delete(report=self.report, by=request.user)
                messages.success(request, _("The attachment is removed."))
            else:
                upload = request.FILES.get("file")
                if upload is None:
                    raise ServiceError(_("Choose a file to upload."), field="file")
                attachment_upload(
                    report=self.report,
                    uploaded_file=upload,
                    by=request.user,
                    replace=request.POST.get("replace") == "yes",
                )
                messages.success(request, _("The attachment is saved."))
        except ServiceError as error:
            messages.error(request, error.message)
            # Shown again at the file field by the overview (once), which the address
            # scrolls to.
            request.session[ATTACHMENT_ERROR_KEY] = error.message
            return redirect(report_url(self.report) + "#id_file")
        return redirect(report_url(self.report))
