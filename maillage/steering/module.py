from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="steering",
    label="Pilotage",
    description="Plan d'action, conventions, instances, financements, FSE+, programmes, rapport d'activité.",
    url_name="steering:plan",
    order=90,
    can_open="maillage.steering.policies:can_open",
    demo="maillage.steering.demo:seed",
    demo_after=("clauses", "companies", "jobs", "events", "directory", "observatory"),
    retention="maillage.steering.retention:purge",
    personal_data=True,
    dashboard="maillage.steering.dashboard:cards",
    api="maillage.steering.api:register",
    indicators="maillage.steering.indicators:indicators",
    tasks="maillage.steering.tasks",
)
