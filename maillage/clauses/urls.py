from django.urls import path

from . import views

app_name = "clauses"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Operations, markets, lots, sizing
    path("operations/", views.operation_list, name="operation_list"),
    path("operations/nouvelle/", views.operation_form, name="operation_create"),
    path("operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("operations/<int:pk>/modifier/", views.operation_form, name="operation_edit"),
    path("operations/<int:pk>/suivre/", views.operation_follow, name="operation_follow"),
    path("operations/<int:pk>/cloturer/", views.operation_close, name="operation_close"),
    path("operations/<int:pk>/bilan/", views.operation_bilan, name="operation_bilan"),
    path("operations/<int:operation_pk>/marches/nouveau/", views.market_form, name="market_create"),
    path("marches/<int:pk>/", views.market_detail, name="market_detail"),
    path("marches/<int:pk>/modifier/", views.market_form, name="market_edit"),
    path("marches/<int:market_pk>/lots/nouveau/", views.lot_form, name="lot_create"),
    path("lots/", views.lot_list, name="lot_list"),
    path("lots/<int:pk>/", views.lot_detail, name="lot_detail"),
    path("lots/<int:pk>/modifier/", views.lot_form, name="lot_edit"),
    path("lots/<int:pk>/dimensionnement/", views.sizing, name="lot_sizing"),
    path("lots/<int:pk>/entreprises/", views.lot_company, name="lot_company"),
    path("lots/<int:pk>/clauses/", views.lot_clause, name="lot_clause"),
    path("lots/<int:pk>/heures/", views.lot_hours, name="lot_hours"),
    path("lots/<int:pk>/relance/", views.lot_remind, name="lot_remind"),
    path("lots/<int:pk>/candidats/", views.lot_candidates, name="lot_candidates"),
    path("candidats/<int:candidate_pk>/lots/", views.candidate_lots, name="candidate_lots"),
    path("entreprises/autocompletion/", views.company_autocomplete, name="company_autocomplete"),
    path("lots/<int:pk>/rouvrir/", views.lot_reopen, name="lot_reopen"),
    path("lots/<int:pk>/avenant/", views.lot_amend, name="lot_amend"),
    path("lots/<int:pk>/accord-cadre/", views.lot_framework, name="lot_framework"),
    path("lots/<int:pk>/calendrier/", views.lot_schedule, name="lot_schedule"),
    path("lots/<int:pk>/attestation/<int:company_pk>/", views.attestation, name="attestation"),
    path("calculateur/", views.sizing, name="sizing"),
    # Participants
    path("participants/", views.participant_list, name="participant_list"),
    path("participants/nouveau/", views.participant_create, name="participant_create"),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("participants/<int:pk>/modifier/", views.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/rattacher/", views.participant_attach, name="participant_attach"),
    path("participants/<int:pk>/donnees.json", views.participant_export, name="participant_export"),
    path("participants/<int:pk>/eligibilite/", views.eligibility_add, name="eligibility_add"),
    path("eligibilites/<int:pk>/piece/", views.eligibility_proof, name="eligibility_proof"),
    path("participants/<int:pk>/contrat/", views.contract_add, name="contract_add"),
    path("partages/", views.share_requests, name="share_requests"),
    path("partages/<int:pk>/decider/", views.share_decide, name="share_decide"),
    path("participants/<int:pk>/sortie/", views.outcome_add, name="outcome_add"),
    # Hours
    path("declarations/", views.statement_queue, name="statement_queue"),
    path("declarations/<int:pk>/valider/", views.statement_validate, name="statement_validate"),
    path("declarations/<int:pk>/rejeter/", views.statement_reject, name="statement_reject"),
    path("declarations/<int:pk>/justificatif/", views.statement_proof, name="statement_proof"),
    path("espace-entreprise/", views.company_space, name="company_space"),
    path("espace-entreprise/lots/<int:pk>/", views.company_lot, name="company_lot"),
    # Imports
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/confirmer/", views.import_confirm, name="import_confirm"),
    # Reports
    path("bilans/", views.bilan_year, name="bilan_year"),
    path("bilans/consolidation/", views.consolidation, name="consolidation"),
    path("sorties/", views.outcomes_due, name="outcomes_due"),
    # Coordination and catalogues
    path("coordination/", views.coverage, name="coverage"),
    path("coordination/carte.geojson", views.coverage_geojson, name="coverage_geojson"),
    path("coordination/couverture/nouvelle/", views.coverage_form, name="coverage_create"),
    path("coordination/couverture/<int:pk>/", views.coverage_form, name="coverage_edit"),
    path("parametres/<str:key>/", views.catalogue_list, name="catalogue_list"),
    path("parametres/<str:key>/nouveau/", views.catalogue_form, name="catalogue_create"),
    path("parametres/<str:key>/<int:pk>/", views.catalogue_form, name="catalogue_edit"),
]
