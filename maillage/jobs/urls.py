from django.urls import path

from .views import applications, candidates, offers, registration

app_name = "jobs"

urlpatterns = [
    path("", offers.offer_list, name="offer_list"),
    path("nouvelle/", offers.offer_create, name="offer_create"),
    path("import/", offers.offer_import, name="offer_import"),
    path("import/rapport/<str:name>/", offers.offer_import_report, name="offer_import_report"),
    path("<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("<int:pk>/modifier/", offers.offer_edit, name="offer_edit"),
    path("<int:pk>/candidats/", offers.offer_matches, name="offer_matches"),
    path("<int:pk>/postuler/", offers.offer_apply, name="offer_apply"),
    path("depuis-besoin/<int:need_id>/", offers.offer_from_need, name="offer_from_need"),
    path("suggestions/metier/", offers.suggest_offer_job, name="suggest_offer_job"),
    path("suggestions/competences/", offers.suggest_job_skills, name="suggest_job_skills"),
    path("suggestions/competences-candidat/", candidates.candidate_skill_suggestions, name="candidate_skills"),
    path("recherche-metiers/", offers.appellation_search, name="appellation_search"),
    path("candidats/", candidates.candidate_list, name="candidate_list"),
    path("candidats/nouveau/", candidates.candidate_create, name="candidate_create"),
    path("candidats/<int:pk>/", candidates.candidate_detail, name="candidate_detail"),
    path("candidats/<int:pk>/modifier/", candidates.candidate_edit, name="candidate_edit"),
    path("candidats/<int:pk>/offres/", candidates.candidate_matches, name="candidate_matches"),
    path("candidats/<int:pk>/export/", candidates.candidate_export, name="candidate_export"),
    path("candidats/<int:pk>/anonymiser/", candidates.candidate_anonymise, name="candidate_anonymise"),
    path("inscription/", registration.register, name="register"),
    path("inscription/envoyee/", registration.register_sent, name="register_sent"),
    path("inscription/confirmer/<str:uidb64>/<str:token>/", registration.register_confirm, name="register_confirm"),
    path("mon-profil/", candidates.my_profile, name="my_profile"),
    path("candidatures/", applications.application_list, name="application_list"),
    path("candidatures/<int:pk>/", applications.application_detail, name="application_detail"),
    path("statistiques/", applications.statistics, name="statistics"),
]
