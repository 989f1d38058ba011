from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("", views.radar, name="radar"),
    path("carte.geojson", views.radar_map, name="radar_map"),
    path("reglages/", views.radar_settings, name="settings"),
    path("marches/", views.contract_list, name="contract_list"),
    path("marches/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("marches/<int:pk>/suivre/", views.contract_follow, name="contract_follow"),
    path("prospects/", views.prospects, name="prospects"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/rapport.csv", views.import_report, name="import_report"),
]
