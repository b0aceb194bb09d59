from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("cities/", views.CityListView.as_view(), name="city_list"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city_detail"),
    path(
        "cities/<slug:slug>/accounts/invite/",
        views.CityAccountInviteView.as_view(),
        name="account_invite",
    ),
    path(
        "cities/<slug:slug>/accounts/<int:account_id>/deactivate/",
        views.CityAccountDeactivateView.as_view(),
        name="account_deactivate",
    ),
    path(
        "accounts/invitation/<str:token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("request-access/", views.AccessRequestCreateView.as_view(), name="access_request"),
    path("request-access/sent/", views.AccessRequestDoneView.as_view(), name="access_request_done"),
    path(
        "office/access-requests/",
        views.AccessRequestListView.as_view(),
        name="access_request_list",
    ),
    path(
        "office/access-requests/<int:pk>/decide/",
        views.AccessRequestDecideView.as_view(),
        name="access_request_decide",
    ),
]

from . import report_views as rv  # noqa: E402

REPORT = "cities/<slug:slug>/reports/<int:year>/"
urlpatterns += [
    path(REPORT, rv.ReportDetailView.as_view(), name="report_detail"),
    path(REPORT + "start/", rv.ReportStartView.as_view(), name="report_start"),
    path(REPORT + "sections/<slug:code>/", rv.SectionEditView.as_view(), name="section_edit"),
    path(REPORT + "measures/", rv.MeasureListView.as_view(), name="measure_list"),
    path(REPORT + "measures/add/", rv.MeasureAddView.as_view(), name="measure_add"),
    path(REPORT + "measures/<int:measure_id>/", rv.MeasureEditView.as_view(), name="measure_edit"),
    path(
        REPORT + "measures/<int:measure_id>/delete/",
        rv.MeasureDeleteView.as_view(),
        name="measure_delete",
    ),
    path(
        REPORT + "measures/<int:measure_id>/move/",
        rv.MeasureMoveView.as_view(),
        name="measure_move",
    ),
    path(REPORT + "autosave/", rv.AutosaveView.as_view(), name="autosave"),
    path(REPORT + "attachment/", rv.AttachmentView.as_view(), name="attachment"),
    path(REPORT + "submit/", rv.ReportSubmitView.as_view(), name="report_submit"),
    path(REPORT + "return/", rv.ReportReturnView.as_view(), name="report_return"),
    path(REPORT + "pdf/", rv.ReportPdfView.as_view(), name="report_pdf"),
]
urlpatterns += [
    path(REPORT + "publication/", rv.ReportPublicationView.as_view(), name="report_publication"),
    path("help/", rv.HelpIndexView.as_view(), name="help"),
    path("help/<slug:slug>/", rv.HelpIndexView.as_view(), name="help_page"),
    path("questionnaire/<int:year>/", rv.BlankQuestionnaireView.as_view(), name="questionnaire"),
    path(
        "questionnaire/<int:year>/pdf/",
        rv.BlankQuestionnaireView.as_view(),
        {"fmt": "pdf"},
        name="questionnaire_pdf",
    ),
]

from . import membership_views as mv  # noqa: E402

urlpatterns += [
    path("join/", mv.JoinView.as_view(), name="join"),
    path("join/sent/", mv.JoinSentView.as_view(), name="join_sent"),
    path("office/applications/", mv.ApplicationListView.as_view(), name="application_list"),
    path(
        "office/applications/<int:pk>/",
        mv.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "office/applications/<int:pk>/document/",
        mv.ApplicationDocumentView.as_view(),
        name="application_document",
    ),
    path("cities/<slug:slug>/membership/", mv.MembershipChangeView.as_view(), name="membership"),
    path("members/", mv.DirectoryView.as_view(), name="directory"),
    path("members/public/", mv.PublicMemberListView.as_view(), name="public_members"),
]
urlpatterns += [
    path(REPORT + "translate/", rv.ReportTranslateView.as_view(), name="report_translate"),
    path(REPORT + "language/", rv.ReportLanguageView.as_view(), name="report_language"),
]
