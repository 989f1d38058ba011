from django.urls import path

from . import views

app_name = "referentials"

urlpatterns = [
    path("", views.fiche_list, name="fiche_list"),
]
