from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.PrivacyNoticeView.as_view(), name="notice"),
    # A person's own data
    path("account/data/", views.MyDataView.as_view(), name="my_data"),
    path(
        "account/data/download.json",
        views.MyDataDownloadView.as_view(),
        {"fmt": "json"},
        name="my_data_json",
    ),
    path(
        "account/data/summary/",
        views.MyDataDownloadView.as_view(),
        {"fmt": "html"},
        name="my_data_summary",
    ),
    path("account/data/erasure/", views.ErasureRequestView.as_view(), name="erasure_request"),
    # The office
    path("office/personal-data/", views.OfficeView.as_view(), name="office"),
    path("office/personal-data/people/<int:pk>/", views.PersonView.as_view(), name="person"),
    path(
        "office/personal-data/people/<int:pk>/data.json",
        views.PersonDataView.as_view(),
        {"fmt": "json"},
        name="person_json",
    ),
    path(
        "office/personal-data/people/<int:pk>/summary/",
        views.PersonDataView.as_view(),
        {"fmt": "html"},
        name="person_summary",
    ),
    path(
        "office/personal-data/people/<int:pk>/anonymise/",
        views.PersonAnonymiseView.as_view(),
        name="person_anonymise",
    ),
    path(
        "office/personal-data/erasure/<int:pk>/",
        views.ErasureDecideView.as_view(),
        name="erasure_decide",
    ),
    path(
        "cities/<slug:slug>/contacts/clear/",
        views.CityContactsClearView.as_view(),
        name="contacts_clear",
    ),
]
