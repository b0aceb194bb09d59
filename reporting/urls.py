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
