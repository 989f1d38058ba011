from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="referentials",
    label="Métiers et référentiels",
    description="ROME 4.0 (fiches, appellations, compétences), NAF, CPV.",
    url_name="referentials:fiche_list",
    order=20,
    can_open="maillage.referentials.policies:can_open",
    api="maillage.referentials.api:register",
)
