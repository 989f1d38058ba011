from django.urls import path

from . import views

app_name = "referentials"

urlpatterns = [
    path("", views.fiche_list, name="fiche_list"),
    path("fiches/autocompletion/", views.fiche_autocomplete, name="fiche_autocomplete"),
    path("fiches/<str:code>/", views.fiche_detail, name="fiche_detail"),
    path("appellations/", views.appellation_search, name="appellation_search"),
    path("appellations/autocompletion/", views.appellation_autocomplete, name="appellation_autocomplete"),
    path("naf/autocompletion/", views.naf_autocomplete, name="naf_autocomplete"),
    path("cpv/autocompletion/", views.cpv_autocomplete, name="cpv_autocomplete"),
]
