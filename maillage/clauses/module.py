from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="clauses",
    label="Clauses sociales",
    description="Dimensionnement, heures d'insertion, bilans.",
    url_name="clauses:dashboard",
    order=40,
    dashboard="maillage.clauses.dashboard:cards",
    can_open="maillage.clauses.policies:can_use_module",
    demo="maillage.clauses.demo:seed",
    demo_after=("organisations", "companies"),
    retention="maillage.clauses.retention:purge",
    personal_data=True,
    api="maillage.clauses.api:register",
    indicators="maillage.clauses.indicators:indicators",
    tasks="maillage.clauses.tasks",
)
