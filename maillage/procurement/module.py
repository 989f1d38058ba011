from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="procurement",
    label="Marchés publics",
    description="Données DECP, radar des marchés clausables.",
    url_name="procurement:radar",
    order=50,
    can_open="maillage.procurement.policies:can_view_radar",
    demo="maillage.procurement.demo:seed",
    demo_after=("clauses",),
    api="maillage.procurement.api:register",
    tasks="maillage.procurement.tasks",
)
