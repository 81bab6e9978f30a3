from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("found/", views.upload, name="upload"),
    path("found/preview/", views.preview, name="preview"),
]
