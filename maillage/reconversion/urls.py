from django.urls import path

from . import views

app_name = "reconversion"

urlpatterns = [
    path("", views.explorer_home, name="explorer"),
    path("metier/<str:code>/", views.fiche_transitions, name="fiche"),
    path("metier/<str:code>/vers/<str:target>/", views.transition_detail, name="transition"),
]
