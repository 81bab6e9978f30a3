from django.urls import path

from . import views

app_name = "pfif"

urlpatterns = [
    path("<slug:slug>/export.xml", views.export, name="export"),
    path("<slug:slug>/feed.atom", views.feed, name="feed"),
    path("<slug:slug>/import", views.import_, name="import"),
]
