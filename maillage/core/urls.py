from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("sources-et-licences/", views.sources, name="sources"),
    path("modules/<slug:key>/", views.module_placeholder, name="module"),
    path("taches/", views.task_list, name="task_list"),
    path("taches/demonstration/", views.task_demo_start, name="task_demo_start"),
    path("taches/<int:pk>/", views.task_detail, name="task_detail"),
]
