from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="referentials",
    label="Métiers et référentiels",
    description="ROME 4.0 (fiches, appellations, compétences), NAF, CPV.",
    url_name="referentials:fiche_list",
    order=20,
    api="maillage.referentials.api:register",
)
