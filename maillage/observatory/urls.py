from django.urls import path

from . import views

app_name = "observatory"
urlpatterns = [
    path("", views.home, name="home"),
    path("territoire/", views.choose, name="choose"),
    path("diagnostic/<str:kind>/", views.diagnostic, name="diagnostic"),
    path("diagnostic/<str:kind>/<str:code>/", views.diagnostic, name="diagnostic"),
    path("carte/<str:kind>/", views.map_geojson, name="map"),
    path("carte/<str:kind>/<str:code>/", views.map_geojson, name="map"),
    path("export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("export/<str:kind>/<str:code>.<str:fmt>", views.export, name="export"),
    path("commentaires/", views.comment, name="comment"),
    path("metiers/", views.metier_search, name="metier_search"),
    path("metiers/fap2021-rome/", views.fap_rome_table, name="fap_rome"),
    path("metiers/<str:kind>/<str:code>/", views.metier_page, name="metier"),
    path("tensions/", views.tension, name="tension"),
    path("donnees/", views.datasets, name="datasets"),
    path("donnees/import/", views.import_upload, name="import_upload"),
    path("donnees/import/colonnes/", views.import_mapping, name="import_mapping"),
    path("donnees/import/erreurs/", views.import_report, name="import_report"),
    path("donnees/import/erreurs.csv", views.import_errors, name="import_errors"),
    path("diagnostics/", views.document_list, name="document_list"),
    path("diagnostics/<int:pk>/", views.document_detail, name="document_detail"),
    path("diagnostics/<int:pk>/v<int:number>/valider/", views.version_validate, name="version_validate"),
    path("diagnostics/<int:pk>/v<int:number>.<str:fmt>", views.version_export, name="version_export"),
    path("public/", views.public_list, name="public_list"),
    path("public/<int:pk>/", views.public_document, name="public_document"),
    path("gpect/", views.project_list, name="project_list"),
    path("gpect/<int:pk>/", views.project_detail, name="project_detail"),
    path("gpect/actions/<int:pk>/", views.action_edit, name="action_edit"),
    path("branches/", views.branch_list, name="branch_list"),
    path("branches/<int:pk>/", views.branch_detail, name="branch_detail"),
]
