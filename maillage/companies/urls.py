from django.urls import path

from .views import agreements, establishments, needs, prospecting, relations

app_name = "companies"

urlpatterns = [
    path("", establishments.establishment_list, name="establishment_list"),
    path("synthese/", establishments.overview, name="overview"),
    path("nouveau/", establishments.establishment_form, name="establishment_create"),
    path("<int:pk>/", establishments.establishment_detail, name="establishment_detail"),
    path("<int:pk>/modifier/", establishments.establishment_form, name="establishment_update"),
    path("<int:pk>/export.xlsx", establishments.establishment_export, name="establishment_export"),
    path("suggestions/communes/", establishments.commune_suggestions, name="commune_suggestions"),
    path("suggestions/metiers/", establishments.appellation_suggestions, name="appellation_suggestions"),
    # Contacts and interactions
    path("<int:establishment_pk>/contacts/nouveau/", relations.contact_form, name="contact_create"),
    path("contacts/<int:pk>/modifier/", relations.contact_form, name="contact_update"),
    path("contacts/<int:pk>/supprimer/", relations.contact_delete, name="contact_delete"),
    path("<int:establishment_pk>/echanges/nouveau/", relations.interaction_form, name="interaction_create"),
    path("echanges/<int:pk>/modifier/", relations.interaction_form, name="interaction_update"),
    path("echanges/<int:pk>/relance-faite/", relations.follow_up_done, name="follow_up_done"),
    path("relances/", relations.followups_due, name="followups_due"),
    # Recruitment needs and plans
    path("besoins/", needs.need_list, name="need_list"),
    path("<int:establishment_pk>/besoins/nouveau/", needs.need_form, name="need_create"),
    path("besoins/<int:pk>/modifier/", needs.need_form, name="need_update"),
    path("besoins/<int:pk>/etat/", needs.need_status, name="need_status"),
    path("<int:establishment_pk>/plans/nouveau/", needs.plan_create, name="plan_create"),
    path("plans/<int:pk>/", needs.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/modifier/", needs.plan_form, name="plan_update"),
    path("plans/<int:plan_pk>/actions/nouvelle/", needs.plan_action_form, name="plan_action_create"),
    path("plans/actions/<int:pk>/modifier/", needs.plan_action_form, name="plan_action_update"),
    path("plans/actions/<int:pk>/supprimer/", needs.plan_action_delete, name="plan_action_delete"),
    # Agreements
    path("conventions/", agreements.agreement_list, name="agreement_list"),
    path("conventions/nouvelle/", agreements.agreement_form, name="agreement_create"),
    path("conventions/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("conventions/<int:pk>/modifier/", agreements.agreement_form, name="agreement_update"),
    path(
        "conventions/<int:agreement_pk>/actions/nouvelle/",
        agreements.agreement_action_form,
        name="agreement_action_create",
    ),
    path("conventions/actions/<int:pk>/modifier/", agreements.agreement_action_form, name="agreement_action_update"),
    path("conventions/<int:agreement_pk>/comites/nouveau/", agreements.meeting_form, name="meeting_create"),
    path("conventions/comites/<int:pk>/modifier/", agreements.meeting_form, name="meeting_update"),
    # Prospecting
    path("prospection/", prospecting.prospecting_view, name="prospecting"),
]
