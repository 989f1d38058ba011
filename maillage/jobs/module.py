from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="jobs",
    label="Offres et reconversion",
    description="Offres, candidats, rapprochement, passerelles.",
    url_name="jobs:offer_list",
    order=70,
    dashboard="maillage.jobs.dashboard:cards",
    can_open="maillage.jobs.policies:can_use_module",
    demo="maillage.jobs.demo:seed",
    demo_after=("organisations", "companies", "procurement"),
    demo_personas="maillage.jobs.demo:personas",
    retention="maillage.jobs.retention:purge",
    personal_data=True,
    api="maillage.jobs.api:register",
    indicators="maillage.jobs.indicators:indicators",
    for_metier="maillage.jobs.metier:for_metier",
    public_links="maillage.jobs.dashboard:public_links",
)
