from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="territories",
    label="Territoires",
    description="Périmètre de la Maison de l'Emploi, EPCI et communes, carte.",
    url_name="territories:perimeter",
    order=10,
    dashboard="maillage.territories.dashboard:cards",
    can_open="maillage.territories.policies:can_open",
    api="maillage.territories.api:register",
)
