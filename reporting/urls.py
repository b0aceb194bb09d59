from django.urls import path

from .views import accounts, cities, content, home, membership, reports

app_name = "reporting"

REPORT = "cities/<slug:slug>/reports/<int:year>/"

urlpatterns = [
    # Cities and their accounts
    path("cities/", cities.CityListView.as_view(), name="city_list"),
    path("cities/<slug:slug>/", cities.CityDetailView.as_view(), name="city_detail"),
    path(
        "cities/<slug:slug>/accounts/invite/",
        cities.CityAccountInviteView.as_view(),
        name="account_invite",
    ),
    path(
        "cities/<slug:slug>/accounts/<int:account_id>/deactivate/",
        cities.CityAccountDeactivateView.as_view(),
        name="account_deactivate",
    ),
    # Getting access
    path(
        "accounts/invitation/<str:token>/",
        accounts.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("request-access/", accounts.AccessRequestCreateView.as_view(), name="access_request"),
    path(
        "request-access/sent/",
        accounts.AccessRequestDoneView.as_view(),
        name="access_request_done",
    ),
    path(
        "office/access-requests/",
        accounts.AccessRequestListView.as_view(),
        name="access_request_list",
    ),
    path(
        "office/access-requests/<int:pk>/decide/",
        accounts.AccessRequestDecideView.as_view(),
        name="access_request_decide",
    ),
    path(
        "office/cycles/<int:year>/reminders/",
        reports.ReminderListView.as_view(),
        name="reminder_list",
    ),
    # A city's report
    path(REPORT, reports.ReportDetailView.as_view(), name="report_detail"),
    path(REPORT + "start/", reports.ReportStartView.as_view(), name="report_start"),
    path(REPORT + "submit/", reports.ReportSubmitView.as_view(), name="report_submit"),
    path(REPORT + "return/", reports.ReportReturnView.as_view(), name="report_return"),
    path(REPORT + "pdf/", reports.ReportPdfView.as_view(), name="report_pdf"),
    path(
        REPORT + "publication/",
        reports.ReportPublicationView.as_view(),
        name="report_publication",
    ),
    path(REPORT + "translate/", reports.ReportTranslateView.as_view(), name="report_translate"),
    path(REPORT + "language/", reports.ReportLanguageView.as_view(), name="report_language"),
    # Its content
    path(REPORT + "sections/<slug:code>/", content.SectionEditView.as_view(), name="section_edit"),
    path(REPORT + "measures/", content.MeasureListView.as_view(), name="measure_list"),
    path(REPORT + "measures/add/", content.MeasureAddView.as_view(), name="measure_add"),
    path(
        REPORT + "measures/<int:measure_id>/",
        content.MeasureEditView.as_view(),
        name="measure_edit",
    ),
    path(
        REPORT + "measures/<int:measure_id>/delete/",
        content.MeasureDeleteView.as_view(),
        name="measure_delete",
    ),
    path(
        REPORT + "measures/<int:measure_id>/move/",
        content.MeasureMoveView.as_view(),
        name="measure_move",
    ),
    path(REPORT + "autosave/", content.AutosaveView.as_view(), name="autosave"),
    path(REPORT + "attachment/", content.AttachmentView.as_view(), name="attachment"),
    # The manual and the blank questionnaire
    path("help/", home.HelpIndexView.as_view(), name="help"),
    path("help/<slug:slug>/", home.HelpIndexView.as_view(), name="help_page"),
    path(
        "questionnaire/<int:year>/",
        reports.BlankQuestionnaireView.as_view(),
        name="questionnaire",
    ),
    path(
        "questionnaire/<int:year>/pdf/",
        reports.BlankQuestionnaireView.as_view(),
        {"fmt": "pdf"},
        name="questionnaire_pdf",
    ),
    # Membership
    path("join/", membership.JoinView.as_view(), name="join"),
    path("join/sent/", membership.JoinSentView.as_view(), name="join_sent"),
    path("office/applications/", membership.ApplicationListView.as_view(), name="application_list"),
    path(
        "office/applications/<int:pk>/",
        membership.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "office/applications/<int:pk>/document/",
        membership.ApplicationDocumentView.as_view(),
        name="application_document",
    ),
    path(
        "cities/<slug:slug>/membership/",
        membership.MembershipChangeView.as_view(),
        name="membership",
    ),
    path("members/", membership.DirectoryView.as_view(), name="directory"),
    path("members/public/", membership.PublicMemberListView.as_view(), name="public_members"),
]
