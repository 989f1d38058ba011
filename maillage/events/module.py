from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="events",
    label="Événements",
    description="Job datings, forums, salons en ligne, webconférences, découverte des métiers.",
    url_name="events:event_list",
    order=95,
    can_open="maillage.events.dashboard:can_open",
    demo="maillage.events.demo.seed:seed",
    demo_after=("companies", "jobs"),
    retention="maillage.events.retention:purge",
    personal_data=True,
    dashboard="maillage.events.dashboard:cards",
    api="maillage.events.api:register",
    indicators="maillage.events.indicators:indicators",
    tasks="maillage.events.tasks",
    for_metier="maillage.events.metier:for_metier",
    # Professionals land on the events they organise; everyone else (a job seeker…) on the public agenda.
    extra={"landing": "maillage.events.dashboard:landing"},
    public_links="maillage.events.dashboard:public_links",
)
