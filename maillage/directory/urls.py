from django.urls import path

from . import views, views_import, views_referrals

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
    path("guides/", views.guide, name="guide"),
    path("services/<int:pk>/", views.service_detail, name="service_detail"),
    path("services/<int:pk>/conditions/", views.service_rules, name="service_rules"),
    path("services/<int:service_pk>/orienter/", views_referrals.referral_create, name="referral_create"),
    path("structures/", views.structure_list, name="structure_list"),
    path("structures/nouvelle/", views.structure_edit, name="structure_create"),
    path("structures/<int:pk>/", views.structure_detail, name="structure_detail"),
    path("structures/<int:pk>/modifier/", views.structure_edit, name="structure_edit"),
    path("structures/<int:pk>/verifiee/", views.structure_checked, name="structure_checked"),
    path("structures/<int:structure_pk>/services/nouveau/", views.service_edit, name="service_create"),
    path("structures/<int:structure_pk>/services/<int:pk>/modifier/", views.service_edit, name="service_edit"),
    path("orientations/", views_referrals.referral_list, name="referral_list"),
    path("orientations/chiffres/", views.counts, name="counts"),
    path("orientations/<int:pk>/", views_referrals.referral_detail, name="referral_detail"),
    path("orientations/<int:pk>/reponse/", views_referrals.referral_answer, name="referral_answer"),
    path("pieces-jointes/<int:pk>/", views_referrals.attachment_download, name="attachment_download"),
    path("imports/", views_import.import_list, name="import_list"),
    path("imports/correspondance/<str:token>/", views_import.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/", views_import.import_detail, name="import_detail"),
    path("imports/<int:pk>/rapport.csv", views_import.import_report, name="import_report"),
]
