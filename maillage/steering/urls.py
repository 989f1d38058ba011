from django.contrib.auth.decorators import login_required
from django.urls import path

from .views import fse, funding, partners, plan, programmes, public, reports

app_name = "steering"


def p(route, view, name):
    return path(route, login_required(view), name=name)


urlpatterns = [
    p("", plan.plan, "plan"),
    path("tableau-de-bord-public/", public.dashboard, name="public_dashboard"),
    p("axes/nouveau/", plan.axis_create, "axis_create"),
    p("actions/nouvelle/", plan.action_edit, "action_create"),
    p("actions/<int:pk>/", plan.action_detail, "action_detail"),
    p("actions/<int:pk>/modifier/", plan.action_edit, "action_edit"),
    p("actions/<int:pk>/indicateurs/ajouter/", plan.indicator_add, "indicator_add"),
    p("indicateurs/<int:pk>/retirer/", plan.indicator_delete, "indicator_delete"),
    p("actions/<int:pk>/jalons/ajouter/", plan.milestone_add, "milestone_add"),
    p("actions/<int:pk>/temps/ajouter/", plan.time_add, "time_add"),
    p("actions/<int:pk>/financements/ajouter/", plan.funding_line_add, "funding_line_add"),
    p("membres/", partners.member_list, "member_list"),
    p("membres/nouveau/", partners.member_edit, "member_create"),
    p("membres/<int:pk>/modifier/", partners.member_edit, "member_edit"),
    p("conventions/", partners.convention_list, "convention_list"),
    p("conventions/nouvelle/", partners.convention_edit, "convention_create"),
    p("conventions/<int:pk>/", partners.convention_detail, "convention_detail"),
    p("conventions/<int:pk>/modifier/", partners.convention_edit, "convention_edit"),
    p("conventions/<int:pk>/documents/ajouter/", partners.document_add, "document_add"),
    p("documents/<int:pk>/", partners.document_download, "document_download"),
    p("conventions/<int:pk>/engagements/ajouter/", partners.commitment_add, "commitment_add"),
    p("instances/", partners.committee_list, "committee_list"),
    p("instances/nouvelle/", partners.committee_edit, "committee_create"),
    p("instances/<int:pk>/", partners.committee_detail, "committee_detail"),
    p("instances/<int:pk>/modifier/", partners.committee_edit, "committee_edit"),
    p("instances/<int:pk>/membres/ajouter/", partners.committee_member_add, "committee_member_add"),
    p("instances/<int:committee_pk>/reunions/nouvelle/", partners.meeting_edit, "meeting_create"),
    p("reunions/<int:pk>/", partners.meeting_detail, "meeting_detail"),
    p("reunions/<int:pk>/modifier/", partners.meeting_edit, "meeting_edit"),
    p("suivi-des-decisions/", partners.follow_up_list, "follow_up_list"),
    p("suivi-des-decisions/<int:pk>/etat/", partners.follow_up_status, "follow_up_status"),
    p("financements/", funding.funding, "funding"),
    p("financeurs/nouveau/", funding.funder_edit, "funder_create"),
    p("financeurs/<int:pk>/modifier/", funding.funder_edit, "funder_edit"),
    p("financeurs/<int:pk>/justification/", funding.justification, "justification"),
    p("fse/", fse.fse_home, "fse_home"),
    p("fse/actions/<int:action_pk>/participants/nouveau/", fse.fse_entry, "fse_create"),
    p("fse/participants/<int:pk>/", fse.fse_detail, "fse_detail"),
    p("fse/participants/<int:pk>/entree/", fse.fse_entry, "fse_entry"),
    p("fse/participants/<int:pk>/sortie/", fse.fse_exit, "fse_exit"),
    p("fse/participants/<int:pk>/six-mois/", fse.fse_followup, "fse_followup"),
    p("fse/indicateurs-communs/", fse.fse_export, "fse_export"),
    p("programmes/", programmes.programme_list, "programme_list"),
    p("programmes/nouveau/", programmes.programme_edit, "programme_create"),
    p("programmes/<int:pk>/", programmes.programme_detail, "programme_detail"),
    p("programmes/<int:pk>/modifier/", programmes.programme_edit, "programme_edit"),
    p("programmes/<int:pk>/promotions/ajouter/", programmes.cohort_add, "cohort_add"),
    p("promotions/<int:cohort_pk>/parcours/ajouter/", programmes.participant_add, "participant_add"),
    p("parcours/<int:pk>/etapes/ajouter/", programmes.step_add, "step_add"),
    p("rapports/", reports.report_list, "report_list"),
    p("rapports/rediger/", reports.report_start, "report_start"),
    p("rapports/<int:pk>/", reports.report_detail, "report_detail"),
    p("rapports/<int:pk>/valider/", reports.report_validate, "report_validate"),
    p("rapports/<int:pk>/nouvelle-version/", reports.report_new_version, "report_new_version"),
    p("rapports/<int:pk>/pdf/", reports.report_pdf_download, "report_pdf"),
    p("rapports/<int:pk>/tableur/", reports.report_xlsx, "report_xlsx"),
]
