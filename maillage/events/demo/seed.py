"""Demo: a season of employment events in the Eure (fictional events, real communes and offers of
the jobs demo). Idempotent (events found by title) and deterministic (seeded)."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Organisation, OrganisationKind, User
from maillage.kernel import plugins
from maillage.people.models import Person
from maillage.territories.models import Commune

from ..choices import (
    ApplicationDecision,
    AttendanceMode,
    EventKind,
    EventStatus,
    Modality,
    NotRetainedReason,
    PartnerRole,
    Situation,
    SlotChannel,
)
from ..models import (
    Event,
    EventPartner,
    InterviewSlot,
    Outcome,
    PreselectionQuestion,
    Registrant,
    Registration,
    SatisfactionResponse,
    Stand,
    StandApplication,
    StandOffer,
)
from ..services.stands import DEFAULT_CHECKLIST

SEED = 2706
FIRST = [
    "Léa",
    "Hugo",
    "Inès",
    "Lucas",
    "Manon",
    "Nathan",
    "Chloé",
    "Yanis",
    "Camille",
    "Théo",
    "Sarah",
    "Enzo",
    "Aïcha",
    "Mathis",
    "Zoé",
    "Karim",
    "Maëlle",
    "Jules",
    "Fatou",
    "Romain",
]
LAST = [
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lecomte",
    "Hébert",
    "Lemoine",
]
PUBLICS = ["demandeurs", "jeunes", "seniors", "rsa", "qpv", "reconversion", "", ""]

# title, kind, days from today, start, end, modality, on site, remote, commune, sector, stands, publics
SEASON = [
    (
        "Job dating de la logistique – Val-de-Reuil",
        EventKind.JOB_DATING,
        -75,
        "09:00",
        "12:30",
        Modality.ON_SITE,
        120,
        0,
        "27701",
        "H",
        3,
        ["tous"],
    ),
    (
        "Forum de l'emploi d'Évreux – automne",
        EventKind.FORUM,
        -50,
        "09:30",
        "17:00",
        Modality.ON_SITE,
        600,
        0,
        "27229",
        "",
        6,
        ["tous"],
    ),
    (
        "Webconférence : les métiers de l'aide à domicile",
        EventKind.WEBCONFERENCE,
        -30,
        "14:00",
        "15:30",
        Modality.REMOTE,
        0,
        200,
        None,
        "",
        0,
        ["demandeurs", "reconversion"],
    ),
    (
        "Visite de découverte : une usine pharmaceutique",
        EventKind.DISCOVERY_VISIT,
        -20,
        "09:30",
        "12:00",
        Modality.ON_SITE,
        15,
        0,
        "27229",
        "C",
        0,
        ["jeunes"],
    ),
    (
        "Réunion d'information : la création d'entreprise",
        EventKind.INFO_MEETING,
        -10,
        "14:00",
        "16:00",
        Modality.BOTH,
        30,
        50,
        "27375",
        "",
        0,
        ["tous"],
    ),
    (
        "Salon en ligne de l'industrie de l'Eure",
        EventKind.ONLINE_FAIR,
        12,
        "09:00",
        "17:00",
        Modality.REMOTE,
        0,
        800,
        None,
        "C",
        4,
        ["tous"],
    ),
    (
        "Job dating du BTP – Saint-André-de-l'Eure",
        EventKind.JOB_DATING,
        20,
        "09:00",
        "12:00",
        Modality.ON_SITE,
        80,
        0,
        "27507",
        "F",
        3,
        ["demandeurs", "jeunes"],
    ),
    (
        "Session de recrutement : agents de production",
        EventKind.RECRUITMENT_SESSION,
        28,
        "13:30",
        "17:00",
        Modality.ON_SITE,
        40,
        0,
        "27375",
        "C",
        1,
        ["tous"],
    ),
    (
        "Forum de l'alternance – Louviers",
        EventKind.FORUM,
        60,
        "10:00",
        "16:00",
        Modality.BOTH,
        300,
        200,
        "27375",
        "",
        5,
        ["jeunes"],
    ),
    (
        "Webconférence : se reconvertir dans le transport",
        EventKind.WEBCONFERENCE,
        45,
        "18:00",
        "19:00",
        Modality.REMOTE,
        0,
        150,
        None,
        "H",
        0,
        ["reconversion", "seniors"],
    ),
]
# Métiers the Eure's employers recruit for (ROME 4.0 fiches): offers created for the events.
EVENT_FICHES = ["N1103", "H2913", "F1703", "H2102", "K2204", "J1501", "N4101", "G1603", "H3302", "D1507"]
QUESTIONS = [
    ("Avez-vous le permis B ?", True, True),
    ("Pouvez-vous travailler en horaires postés (2x8) ?", True, False),
    ("Avez-vous une habilitation CACES ?", True, False),
]


def _t(text):
    return time.fromisoformat(text)


def seed(stdout=None) -> None:
    mde = Organisation.objects.filter(kind=OrganisationKind.MDE).order_by("pk").first()
    if mde is None or not Commune.objects.filter(code="27229").exists():
        if stdout:
            stdout.write("  Événements : pas d'organisation MDE ou de communes, rien à faire.")
        return
    from maillage.companies.selectors import establishments_for

    rng = random.Random(SEED)
    actor = User.objects.filter(email="charge.mission@demo.maillage.fr").first()
    if actor is None:
        if stdout:
            stdout.write("  Événements : pas de compte de démonstration (chargé de mission), rien à faire.")
        return
    partners = list(
        Organisation.objects.filter(
            kind__in=[
                OrganisationKind.FRANCE_TRAVAIL,
                OrganisationKind.MISSION_LOCALE,
                OrganisationKind.CAP_EMPLOI,
                OrganisationKind.PLIE,
            ]
        ).order_by("pk")
    )
    pool = list(establishments_for(actor).filter(commune__departement_id="27").order_by("pk")[:200])
    linked = next((e for e in pool if e.organisation_id and e.organisation.kind == OrganisationKind.COMPANY), None)
    with_offers = pool
    today = timezone.localdate()
    created = 0
    for (
        title,
        kind,
        days,
        start,
        end,
        modality,
        on_site,
        remote,
        commune,
        sector,
        n_stands,
        publics,
    ) in SEASON:
        if Event.objects.filter(title=title).exists():
            continue
        with transaction.atomic():
            event = _event(
                title,
                kind,
                _on_a_working_day(today + timedelta(days=days)),
                start,
                end,
                modality,
                on_site,
                remote,
                commune,
                sector,
                publics,
                mde,
                actor,
                rng,
            )
            for partner in rng.sample(partners, min(2, len(partners))):
                EventPartner.objects.get_or_create(
                    event=event,
                    organisation=partner,
                    role=rng.choice([PartnerRole.PRESCRIBER, PartnerRole.CO_ORGANISER]),
                )
            stands = []
            if n_stands and with_offers:
                candidates = _in_sector(with_offers, sector, n_stands)
                chosen = rng.sample(candidates, min(n_stands, len(candidates)))
                if linked and kind == EventKind.ONLINE_FAIR and linked not in chosen:
                    chosen[0] = linked
                stands = [_stand(event, est, rng, actor) for est in chosen]
            _people(event, stands, rng, past=days < 0)
            created += 1
    _register_demo_candidate()
    if stdout:
        stdout.write(f"  Événements : {created} événements de la saison créés.")


def _register_demo_candidate() -> None:
    """The demo job seeker registered from her account to the next online fair, so that « Mes inscriptions »
    and her home card can be tried. She is whoever a demo offers as ``"job_seeker"`` (the documented hook
    ``kernel.plugins.demo_persona``; the jobs demo's seamstress): this demo never looks for her by her names or
    another module's e-mail domain. Her existing person is reused (never a second file for her), and no e-mail
    is sent."""
    from ..services.registrations import take_place

    persona = plugins.demo_persona("job_seeker")
    account, person = (persona.account, persona.person) if persona else (None, None)
    event = (
        Event.objects.filter(
            kind=EventKind.ONLINE_FAIR, status=EventStatus.PUBLISHED, start_date__gte=timezone.localdate()
        )
        .order_by("start_date", "pk")
        .first()
    )
    if person is None or event is None or Registrant.objects.filter(user=account).exists():
        return
    with transaction.atomic():
        registrant, _created = Registrant.objects.get_or_create(
            person=person, defaults={"consent_at": timezone.now(), "user": account}
        )
        if registrant.user_id is None:
            registrant.user = account
            registrant.save(update_fields=["user"])
        mode = event.modes()[0]
        take_place(event.pk, mode)
        Registration.objects.get_or_create(event=event, registrant=registrant, defaults={"mode": mode})


def _event(title, kind, day, start, end, modality, on_site, remote, commune, sector, publics, mde, actor, rng):
    event = Event(
        title=title,
        kind=kind,
        start_date=day,
        start_time=_t(start),
        end_time=_t(end),
        modality=modality,
        capacity_on_site=on_site,
        capacity_remote=remote,
        commune=Commune.objects.filter(code=commune).first() if commune else None,
        address="Halle des expositions" if commune == "27229" else "",
        sector=sector,
        multisectoral=not sector,
        publics=publics,
        objectives=["recruter"]
        if kind in (EventKind.JOB_DATING, EventKind.FORUM, EventKind.ONLINE_FAIR, EventKind.RECRUITMENT_SESSION)
        else ["decouvrir_metiers"],
        applications_open=day - timedelta(days=40),
        applications_close=day,
        organiser=mde,
        status=EventStatus.PUBLISHED,
        created_by=actor,
        description=f"{title}. Venez rencontrer les employeurs du territoire, avec votre CV.",
        join_url="https://visio.example.org/salon-industrie-27" if modality != Modality.ON_SITE else "",
        replay_url="https://video.example.org/replay-aide-domicile" if kind == EventKind.WEBCONFERENCE else "",
    )
    event.full_clean()
    event.save()
    from ..models import ChecklistItem

    for position, (label, before) in enumerate(DEFAULT_CHECKLIST):
        ChecklistItem.objects.create(
            event=event,
            label=label,
            position=position,
            due_date=day - timedelta(days=before),
            done_at=timezone.now() if day - timedelta(days=before) < timezone.localdate() else None,
        )
    return event


def _on_a_working_day(day: date) -> date:
    """Events take place Monday to Friday (the demo's fair fell on a Sunday)."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


# NAF rév. 2 divisions (two first digits) of each section A..N, the events' sectors.
SECTION_DIVISIONS = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43), "G": (45, 47),
    "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68), "M": (69, 75), "N": (77, 82),
}  # fmt: skip


def naf_section(naf: str) -> str:
    """« 43.32A » → « F » (construction); "" when the code is missing or outside A..N."""
    digits = (naf or "")[:2]
    if not digits.isdigit():
        return ""
    division = int(digits)
    return next((letter for letter, (low, high) in SECTION_DIVISIONS.items() if low <= division <= high), "")


def _in_sector(establishments, sector, wanted: int):
    """The establishments of the event's sector when there are enough of them, else all."""
    if not sector:
        return establishments
    same = [e for e in establishments if naf_section(e.naf) == sector]
    return same if len(same) >= wanted else establishments


def _stand_appellations(establishment, fallback_fiches, actor) -> list:
    """What a firm recruits for on its stand: its own open needs first (a building firm does not
    recruit nurses at a job dating), else the trades its sector hires most (La Bonne Boite), else the
    fair's usual trades."""
    from maillage.companies.selectors import needs_for, trades_hired_by
    from maillage.referentials.models import Appellation

    needs = needs_for(actor).filter(establishment=establishment, appellation__isnull=False)
    chosen = [need.appellation for need in needs[:2]]
    for code in trades_hired_by(establishment.naf, limit=4):
        if len(chosen) == 2:
            break
        main = Appellation.objects.filter(is_main=True).order_by("fiche__code")
        appellation = main.filter(fiche_id=code).first() or main.filter(fiche__code_rome_parent=code).first()
        if appellation is not None and appellation not in chosen:
            chosen.append(appellation)
    return chosen or list(Appellation.objects.filter(fiche_id__in=fallback_fiches, is_main=True).order_by("code")[:2])


def _stand(event, establishment, rng, actor):
    """A stand with the establishment's published offers, or offers created for the event."""
    from maillage.jobs.selectors.offers import offers_for

    from ..services.stands import create_offer_for_stand

    stand = Stand.objects.create(
        event=event,
        establishment=establishment,
        presentation=f"{establishment.name} recrute sur le territoire et présente ses métiers.",
        recruiters=rng.choice(["Julie Morel (RH)", "Karim Benali (responsable d'atelier)", "Sophie Lenoir (RH)"]),
    )
    offers = list(offers_for(actor).filter(establishment=establishment, status="publiee")[:3])
    for position, offer in enumerate(offers):
        StandOffer.objects.create(stand=stand, offer=offer, position=position)
    if not offers:
        fiches = rng.sample(EVENT_FICHES, 2)
        appellations = _stand_appellations(establishment, fiches, actor)
        for appellation in appellations:
            create_offer_for_stand(
                user=actor,
                stand=stand,
                data={
                    "title": f"{appellation.label} H/F",
                    "appellation": appellation,
                    "contract_type": rng.choice(["CDI", "CDD", "MIS"]),
                    "positions": rng.randint(1, 4),
                    "commune": event.commune or establishment.commune,
                    "status": "publiee",
                },
            )
    rome = set()
    for so in stand.offers.select_related("offer"):
        rome.add(so.offer.rome_code)
        text, expected, eliminatory = rng.choice(QUESTIONS)
        PreselectionQuestion.objects.create(
            stand_offer=so, text=text, expected_answer=expected, is_eliminatory=eliminatory
        )
    start = timezone.make_aware(datetime.combine(event.start_date, event.start_time))
    channel = SlotChannel.VIDEO if event.modality == Modality.REMOTE else SlotChannel.ON_SITE
    for i in range(8):
        InterviewSlot.objects.create(
            stand=stand,
            starts_at=start + timedelta(minutes=20 * i),
            duration_minutes=20,
            channel=channel,
            recruiter=stand.recruiters.split(" (")[0],
            video_url="https://visio.example.org/entretien" if channel == SlotChannel.VIDEO else "",
        )
    codes = sorted(set(event.rome_codes) | {c for c in rome if c})[:30]
    Event.objects.filter(pk=event.pk).update(rome_codes=codes)
    return stand


def _people(event, stands, rng, past: bool):
    capacity = {AttendanceMode.ON_SITE: event.capacity_on_site, AttendanceMode.REMOTE: event.capacity_remote}
    wanted = int(
        (event.capacity_on_site + event.capacity_remote) * rng.uniform(0.35, 0.7)
        if past
        else (event.capacity_on_site + event.capacity_remote) * rng.uniform(0.1, 0.3)
    )
    wanted = min(wanted, 160)
    communes = list(Commune.objects.filter(departement_id="27").exclude(epci__isnull=True).order_by("-population")[:25])
    counts = {AttendanceMode.ON_SITE: 0, AttendanceMode.REMOTE: 0}
    modes = event.modes()
    for i in range(wanted):
        mode = modes[i % len(modes)]
        if counts[mode] >= capacity[mode]:
            continue
        first, last = rng.choice(FIRST), rng.choice(LAST)
        commune = rng.choice(communes) if communes else None
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            commune=commune,
            email=f"{first}.{last}.{event.pk}.{i}@exemple.org".lower().replace(" ", ""),
        )
        public = rng.choice(PUBLICS)
        registrant = Registrant.objects.create(
            person=person,
            consent_at=timezone.now(),
            public=public,
            invitations_consent=rng.random() < 0.4,
            follow_up=rng.random() < 0.3,
        )
        present = past and rng.random() < 0.72
        registration = Registration.objects.create(
            event=event,
            registrant=registrant,
            mode=mode,
            public=public,
            epci_code=commune.epci_id if commune else "",
            checked_in_at=timezone.make_aware(datetime.combine(event.start_date, event.start_time))
            if present
            else None,
        )
        counts[mode] += 1
        if not stands or not (present or not past):
            if past and present and rng.random() < 0.3:
                SatisfactionResponse.objects.create(
                    event=event,
                    respondent="candidat",
                    registration=registration,
                    score=rng.choice([3, 4, 4, 5, 5]),
                    useful=True,
                )
            continue
        stand = rng.choice(stands)
        offers = list(stand.offers.all())
        if not offers:
            continue
        so = rng.choice(offers)
        decision = ApplicationDecision.PENDING
        reason = ""
        if past:
            decision = rng.choice([ApplicationDecision.RETAINED, ApplicationDecision.NOT_RETAINED])
            reason = rng.choice(NotRetainedReason.values[:5]) if decision == ApplicationDecision.NOT_RETAINED else ""
        StandApplication.objects.get_or_create(
            stand_offer=so, registrant=registrant, defaults={"decision": decision, "reason": reason}
        )
        if decision == ApplicationDecision.RETAINED:
            hired = rng.random() < 0.45
            Outcome.objects.create(
                registrant=registrant,
                stand_offer=so,
                interviewed=True,
                hired=hired,
                contract_type=rng.choice(["CDI", "CDD", "MIS", "ALT"]) if hired else "",
                hired_on=event.start_date + timedelta(days=rng.randint(7, 30)) if hired else None,
                situation_1m=rng.choice([Situation.IN_POST] * 4 + [Situation.LEFT]) if hired else "",
                situation_3m=(
                    rng.choice([Situation.IN_POST] * 3 + [Situation.OTHER_JOB, Situation.LEFT])
                    if hired and event.start_date < date.today() - timedelta(days=60)
                    else ""
                ),
            )
    Event.objects.filter(pk=event.pk).update(
        registered_on_site=counts[AttendanceMode.ON_SITE], registered_remote=counts[AttendanceMode.REMOTE]
    )
    for stand in stands:
        if past and rng.random() < 0.7:
            SatisfactionResponse.objects.create(
                event=event, respondent="entreprise", stand=stand, score=rng.choice([3, 4, 5]), useful=True
            )
