from django.urls import path

from . import views

app_name = "pfif"

urlpatterns = [
    path("peers/", views.peers, name="peers"),
    path("peers/<int:pk>/toggle", views.peer_toggle, name="peer-toggle"),
    path("<slug:slug>/export.xml", views.export, name="export"),
    path("<slug:slug>/feed.atom", views.feed, name="feed"),
    path("<slug:slug>/import", views.import_, name="import"),
]
