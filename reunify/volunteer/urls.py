from django.urls import path

from . import doors, views

app_name = "moderation"

urlpatterns = [
    path("flag/<str:kind>/<uuid:uid>/", views.flag_create, name="flag"),
    path("volunteer/login/", views.LoginView.as_view(), name="login"),
    path("volunteer/logout/", views.logout, name="logout"),
    path("volunteer/", views.dashboard, name="dashboard"),
    path("volunteer/flags/", views.flags, name="flags"),
    path("volunteer/flags/<str:kind>/<uuid:uid>/", views.flag_decide, name="flag-decide"),
    path("volunteer/held/", views.held, name="held"),
    path("volunteer/misused/<uuid:photo_uid>/", views.misused_add, name="misused-add"),
    path("volunteer/matches/", views.matches, name="matches"),
    path("volunteer/matches/<uuid:uid>/", views.match_decide, name="match-decide"),
    path("volunteer/duplicates/", views.duplicates, name="duplicates"),
    path("volunteer/duplicates/scan/", views.duplicates_scan, name="duplicates-scan"),
    path("volunteer/duplicates/<int:pk>/", views.duplicate_decide, name="duplicate-decide"),
    path("volunteer/deceased/", views.deceased, name="deceased"),
    path("volunteer/deceased/<uuid:uid>/", views.deceased_decide, name="deceased-decide"),
    path("volunteer/incidents/", views.incidents, name="incidents"),
    path("volunteer/incidents/<int:pk>/", views.incident_update, name="incident-update"),
    path(
        "volunteer/incidents/intake-only/",
        views.incidents_intake_only,
        name="incidents-intake-only",
    ),
    path("volunteer/people/", views.volunteers, name="volunteers"),
    path(
        "volunteer/people/<int:pk>/deactivate/",
        views.volunteer_deactivate,
        name="volunteer-deactivate",
    ),
    path("volunteer/audit/", views.audit, name="audit"),
    path("volunteer/api-keys/", views.api_keys, name="api-keys"),
    path("volunteer/api-keys/<int:pk>/revoke/", views.api_key_revoke_view, name="api-key-revoke"),
    path("volunteer/api-keys/<int:pk>/rotate/", views.api_key_rotate_view, name="api-key-rotate"),
    path("volunteer/doors/", doors.doors, name="doors"),
    path("volunteer/doors/<int:pk>/", doors.doors_settings, name="doors-settings"),
    path("volunteer/doors/offer/<uuid:uid>/", doors.offer_decide, name="offer-decide"),
]
