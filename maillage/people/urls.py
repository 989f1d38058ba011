from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("doublons/", views.duplicates, name="duplicates"),
    path("doublons/fusionner/", views.merge, name="merge"),
]
