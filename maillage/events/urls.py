from django.contrib.auth.decorators import login_required
from django.urls import path

from .views import public, staff, stands

app_name = "events"

L = login_required

urlpatterns = [
    # Public pages (no account).
    path("agenda/", public.calendar, name="calendar"),
    path("agenda.ics", public.calendar_ics, name="calendar_ics"),
    path("agenda/<int:pk>/", public.event_page, name="public_event"),
    path("agenda/<int:pk>.ics", public.event_ics, name="public_event_ics"),
    path("mes-inscriptions/", L(public.my_registrations), name="my_registrations"),
    path("mon-inscription/<str:token>/", public.manage_registration, name="manage_registration"),
    path("mon-inscription/<str:token>/annuler/", public.cancel_registration, name="cancel_registration"),
    path("mon-inscription/<str:token>/candidater/<int:stand_offer_id>/", public.apply, name="apply"),
    path("mon-inscription/<str:token>/entretien/", public.book_slot, name="book_slot"),
    path("mon-inscription/<str:token>/entretien/<int:slot_id>/annuler/", public.cancel_slot, name="cancel_slot"),
    path("mon-inscription/<str:token>/satisfaction/", public.satisfaction, name="satisfaction"),
    path("desinscription/<str:token>/", public.unsubscribe, name="unsubscribe"),
    # Staff, partners and companies.
    path("", L(staff.event_list), name="event_list"),
    path("nouveau/", L(staff.event_form), name="event_create"),
    path("bilan/<int:year>/", L(staff.yearly), name="yearly"),
    path("<int:pk>/", L(staff.event_detail), name="event_detail"),
    path("<int:pk>/modifier/", L(staff.event_form), name="event_edit"),
    path("<int:pk>/partenaires/", L(staff.add_partner), name="add_partner"),
    path("<int:pk>/preparation/<int:item_id>/", L(staff.toggle_checklist), name="toggle_checklist"),
    path("<int:pk>/stands/", L(staff.add_stand), name="add_stand"),
    path("<int:pk>/invitations/", L(staff.invitations), name="invitations"),
    path("<int:pk>/inscrits/", L(staff.registrants), name="registrants"),
    path("<int:pk>/inscrits/<int:registration_id>/pointer/", L(staff.check_in), name="check_in"),
    path("<int:pk>/inscrits/sur-place/", L(staff.register_walk_in), name="walk_in"),
    path("<int:pk>/inscrits/pour-une-personne/", L(staff.register_on_behalf), name="on_behalf"),
    path("<int:pk>/badges.pdf", L(staff.badges), name="badges"),
    path("<int:pk>/bilan.<str:fmt>", L(staff.report), name="report"),
    path("pointage/<str:token>/", L(staff.check_in_by_code), name="check_in_code"),
    path("stands/<int:pk>/", L(stands.stand_detail), name="stand_detail"),
    path("stands/<int:pk>/presentation/", L(stands.edit_stand), name="edit_stand"),
    path("stands/<int:pk>/offres/", L(stands.add_existing_offer), name="add_existing_offer"),
    path("stands/<int:pk>/offres/nouvelle/", L(stands.create_offer), name="create_offer"),
    path("stands/<int:pk>/offres/<int:stand_offer_id>/questions/", L(stands.add_question), name="add_question"),
    path("stands/<int:pk>/creneaux/", L(stands.add_slots), name="add_slots"),
    path("stands/<int:pk>/candidatures/<int:application_id>/decision/", L(stands.decide), name="decide"),
    path("stands/<int:pk>/candidatures/<int:application_id>/suite/", L(stands.record_outcome), name="outcome"),
    path("stands/<int:pk>/satisfaction/", L(stands.company_satisfaction), name="company_satisfaction"),
]
