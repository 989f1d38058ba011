"""The world of the permission matrix: two territories, two companies, one user per role.

Home side: EPCI A (Évreux), company A (its establishment, the lot it holds, its offer), buyer A,
the MDE and its facilitator. Far side: EPCI B, company B, a PLIE facilitator scoped to EPCI B.
Each module's ``tests/<module>/matrix.py`` adds its own objects with ``build(world)``.
"""

from types import SimpleNamespace

from maillage.accounts.models import OrganisationKind, Role
from maillage.kernel.models import MdeSettings
from maillage.kernel.tasks import start_task_run
from tests.factories import EpciFactory, MembershipFactory, OrganisationFactory, user_with_role
from tests.jobs.factories import make_referential


class World(SimpleNamespace):
    def user(self, role: str):
        return self.users[role]


def build_world(modules) -> World:
    ref = make_referential()
    epci_a = EpciFactory(code="200071454", name="CA Évreux Portes de Normandie")
    epci_b = EpciFactory(code="200089456", name="CA Seine-Eure")
    for commune in (ref.communes.evreux, ref.communes.vernon):
        commune.epci = epci_a
        commune.save()
    for commune in (ref.communes.louviers, ref.communes.rouen):
        commune.epci = epci_b
        commune.save()
    commune_a, commune_b = ref.communes.evreux, ref.communes.louviers
    mde_settings = MdeSettings.current()
    mde_settings.perimeter.set([epci_a, epci_b])

    mde = OrganisationFactory(name="Maison de l'Emploi", kind=OrganisationKind.MDE)
    plie = OrganisationFactory(name="PLIE Seine-Eure", kind=OrganisationKind.PLIE)
    france_travail = OrganisationFactory(name="France Travail Évreux", kind=OrganisationKind.FRANCE_TRAVAIL)
    company_a = OrganisationFactory(name="Maçonnerie Normande", kind=OrganisationKind.COMPANY, siret="40000000000011")
    company_b = OrganisationFactory(name="Bâtiments de Seine", kind=OrganisationKind.COMPANY, siret="40000000000029")
    buyer_a = OrganisationFactory(name="Ville d'Évreux", kind=OrganisationKind.BUYER, siret="21270229400014")
    funder = OrganisationFactory(name="Conseil départemental", kind=OrganisationKind.FUNDER)

    users = {
        "anonymous": None,
        "admin": user_with_role(Role.ADMIN, organisation=mde),
        "facilitator": user_with_role(Role.FACILITATOR, organisation=mde, epcis=[epci_a]),
        "charge_mission": user_with_role(Role.CHARGE_MISSION, organisation=mde),
        "partner": user_with_role(Role.PARTNER, organisation=france_travail),
        "company": user_with_role(Role.COMPANY_MEMBER, organisation=company_a),
        "buyer": user_with_role(Role.VIEWER, organisation=buyer_a),
        "elu": user_with_role(Role.VIEWER, organisation=funder),
        "other_company": user_with_role(Role.COMPANY_MEMBER, organisation=company_b),
        "other_epci": user_with_role(Role.FACILITATOR, organisation=plie, epcis=[epci_b]),
        "candidate": None,  # set by the jobs module (a job seeker's own account)
    }
    world = World(
        ref=ref,
        epci_a=epci_a,
        epci_b=epci_b,
        commune_a=commune_a,
        commune_b=commune_b,
        mde=mde,
        plie=plie,
        france_travail=france_travail,
        company_a=company_a,
        company_b=company_b,
        buyer_a=buyer_a,
        funder=funder,
        users=users,
        fiche=ref_fiche(),
        membership=users["partner"].memberships.get(),
        other_membership=MembershipFactory(organisation=funder, role=Role.VIEWER),
        task_run=start_task_run("demo", "Tâche de l'administrateur", user=users["admin"]),
    )
    owners: dict[str, str] = {}
    for module in modules:
        build = getattr(module, "build", None)
        if build is not None:
            before = {name: id(value) for name, value in vars(world).items()}
            build(world)
            _claim(owners, module.__name__, before, vars(world))
    if world.users["candidate"] is None:
        world.users["candidate"] = user_with_role(Role.VIEWER, kind=OrganisationKind.ASSOCIATION)
    return world


def ref_fiche():
    from maillage.referentials.models import RomeFiche

    return RomeFiche.objects.get(code="H2605")


def _claim(owners: dict[str, str], module: str, before: dict[str, int], after: dict) -> None:
    """A module's objects never replace another module's under the same name (« meeting » of the
    companies' committees and of steering's once did: the rows then named the wrong object, and passed
    on SQLite only because both ids were 1)."""
    for name, value in after.items():
        if name in before and before[name] == id(value):
            continue
        assert name not in owners, f"world.{name} posé par {owners[name]} puis remplacé par {module}"
        owners[name] = module
