from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="observatory",
    label="Observatoire",
    description="Indicateurs, diagnostic territorial partagé, tensions locales, GPECT.",
    url_name="observatory:home",
    order=60,
    can_open="maillage.observatory.policies:can_open",
    demo="maillage.observatory.demo:seed",
    demo_after=(),
    dashboard="maillage.observatory.dashboard:cards",
    api="maillage.observatory.api:register",
    indicators="maillage.observatory.indicators:indicators",
    # No personal data (statistics only, ``personal_data`` left False): the hook deletes the import's files.
    retention="maillage.observatory.retention:purge",
)
