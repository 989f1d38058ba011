from maillage.kernel.plugins import ModuleSpec

MODULE = ModuleSpec(
    key="reconversion",
    label="Passerelles métiers",
    description="Reconversions par compétences transférables.",
    url_name="reconversion:explorer",
    order=80,
    demo="maillage.reconversion.demo:seed",
    demo_after=("jobs",),
    api="maillage.reconversion.api:register",
    public_links="maillage.reconversion.dashboard:public_links",
)
