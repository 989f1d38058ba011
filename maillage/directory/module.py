"""The directory of programmes (dispositifs) and referrals: declared once for the shell (kernel contract)."""

from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="directory",
    label="Annuaire et orientation",
    description="Structures et dispositifs du territoire (schéma data·inclusion), éligibilité, orientations.",
    url_name="directory:search",
    order=110,
    demo="maillage.directory.demo:seed",
    demo_after=("accounts",),
    retention="maillage.directory.retention:purge",
    personal_data=True,
    dashboard="maillage.directory.dashboard:cards",
    api="maillage.directory.api:register",
    indicators="maillage.directory.indicators:indicators",
    tasks="maillage.directory.tasks",
    public_links="maillage.directory.dashboard:public_links",
)
