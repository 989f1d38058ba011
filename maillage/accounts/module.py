from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="organisations",
    label="Partenaires",
    description="Organisations du territoire et leurs membres.",
    url_name="accounts:organisation_list",
    order=30,
    can_open="maillage.accounts.policies:can_open_organisations",
    demo="maillage.accounts.demo:seed",
    retention="maillage.accounts.retention:purge",
    personal_data=True,
    api="maillage.accounts.api:register",
)
