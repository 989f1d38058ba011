from django.urls import path

from . import views

app_name = "clauses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("marches/<int:pk>/", views.market_detail, name="market_detail"),
    path("operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("lots/<int:pk>/", views.lot_detail, name="lot_detail"),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
]
