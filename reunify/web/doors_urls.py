from django.urls import path

from . import doors

app_name = "doors"

urlpatterns = [
    path("i/<slug:slug>/doors/", doors.doors_list, name="list"),
    path("i/<slug:slug>/doors/new/", doors.offer_create, name="offer-create"),
    path("doors/<uuid:uid>/", doors.offer_detail, name="offer"),
    path("doors/<uuid:uid>/flag/", doors.offer_flag_create, name="flag"),
    path("doors/manage/<uuid:uid>/<str:token>/", doors.offer_manage, name="manage"),
    path("doors/answer/<uuid:uid>/<str:token>/", doors.offer_answer, name="answer"),
]
