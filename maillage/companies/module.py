from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="companies",
    label="Relations entreprises",
    description="Établissements, besoins, PSE.",
    url_name="companies:establishment_list",
    order=60,
    can_open="maillage.companies.policies:can_use_module",
    demo="maillage.companies.demo:seed",
    demo_after=("organisations",),
    retention="maillage.companies.retention:purge",
    personal_data=True,
    dashboard="maillage.companies.dashboard:cards",
    api="maillage.companies.api:register",
    indicators="maillage.companies.indicators:indicators",
)
