from django.urls import path

from . import following, telling, views

app_name = "board"

urlpatterns = [
    path("", views.home, name="home"),
    path("i/<slug:slug>/", views.incident_detail, name="incident"),
    path("i/<slug:slug>/search/", views.search, name="search"),
    path("i/<slug:slug>/missing/new/", views.post_create, name="post-create"),
    path("i/<slug:slug>/safe/", views.safe_create, name="safe-create"),
    path("i/<slug:slug>/found/new/", views.found_create, name="found-create"),
    path("p/<uuid:uid>/", views.post_detail, name="post-detail"),
    path("p/<uuid:uid>/poster/", views.post_poster, name="post-poster"),
    path("r/<uuid:uid>/", views.report_detail, name="report-detail"),
    path("manage/p/<uuid:uid>/<str:token>/", views.post_manage, name="post-manage"),
    path("manage/p/<uuid:uid>/<str:token>/photo/", views.post_add_photo, name="post-add-photo"),
    path("manage/p/<uuid:uid>/<str:token>/status/", views.post_status, name="post-status"),
    path("manage/p/<uuid:uid>/<str:token>/delete/", views.post_delete, name="post-delete"),
    path("stop/<uuid:uid>/<str:token>/", views.post_stop_alerts, name="post-stop-alerts"),
    path("manage/r/<uuid:uid>/<str:token>/", views.report_manage, name="report-manage"),
    path("manage/r/<uuid:uid>/<str:token>/delete/", views.report_delete, name="report-delete"),
    path("review/<uuid:uid>/<str:token>/", views.match_review, name="match-review"),
    path("manage/<str:kind>/<uuid:uid>/<str:token>/keep/", views.record_keep, name="record-keep"),
    path(
        "manage/<str:kind>/<uuid:uid>/<str:token>/restore/",
        views.record_undelete,
        name="record-undelete",
    ),
    path("manage/r/<uuid:uid>/<str:token>/tell/", telling.report_tell, name="report-tell"),
    path("follow/<str:kind>/<uuid:uid>/", following.follow, name="follow"),
    path("follow/yes/<uuid:uid>/<str:token>/", following.follow_confirm, name="follow-confirm"),
    path("follow/stop/<uuid:uid>/<str:token>/", following.follow_leave, name="follow-leave"),
    path(
        "manage/p/<uuid:uid>/<str:token>/following/",
        following.post_following,
        name="post-following",
    ),
]
