from django.urls import path

from . import views

app_name = "territories"

urlpatterns = [
    path("", views.perimeter, name="perimeter"),
    path("perimetre.geojson", views.perimeter_geojson, name="perimeter_geojson"),
    path("communes/", views.commune_search, name="commune_search"),
    path("epci/autocompletion/", views.epci_autocomplete, name="epci_autocomplete"),
    path("epci/<str:code>/", views.epci_detail, name="epci_detail"),
]
