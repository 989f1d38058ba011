"""The job module's exports, declared once: offers, ranked candidates of an offer, applications, candidates."""

from maillage.kernel.exports import Column, Table, iso_date, yes_no

OFFERS = Table(
    "offres",
    "Offres",
    [
        Column("Intitulé", "title"),
        Column("Appellation ROME", lambda o: o.appellation.label if o.appellation_id else ""),
        Column("Code ROME", "rome_code"),
        Column("Contrat", "get_contract_type_display"),
        Column("Lieu", lambda o: o.commune.name if o.commune_id else o.place_label),
        Column("Employeur", "employer_label"),
        Column("Tension", "is_shortage", yes_no),
        Column("Méconnu", "is_little_known", yes_no),
        Column("Source", "get_source_display"),
        Column("État", "get_status_display"),
        Column("Candidatures", lambda o: o.application_count if o.counts_shown else ""),
    ],
)

# Rows are the ranked matches (``match.explanation``, ``match.obj`` the candidate).
OFFER_MATCHES = Table(
    "rapprochement-offre",
    "Rapprochement",
    [
        Column("Rang", "explanation.rank"),
        Column("Candidat", lambda m: str(m.obj)),
        Column("Commune", lambda m: m.obj.commune.name if m.obj.commune_id else ""),
        Column("Score", "explanation.score"),
        Column("Compétences communes", lambda m: ", ".join(label for label, _ in m.explanation.shared)),
        Column("Compétences manquantes", lambda m: ", ".join(label for label, _ in m.explanation.missing)),
        Column("Passerelle", lambda m: m.explanation.transition_from),
        Column("Distance (km)", lambda m: m.explanation.distance_km),
    ],
)

APPLICATIONS = Table(
    "candidatures",
    "Candidatures",
    [
        Column("Date", lambda a: a.created_at.date().isoformat()),
        Column("Offre", "offer.title"),
        Column("Employeur", "offer.employer_label"),
        Column("Candidat", lambda a: str(a.candidate)),
        Column("État", "get_state_display"),
        Column("Motif de refus", lambda a: a.get_refusal_reason_display() if a.refusal_reason else ""),
        Column("Origine", "get_origin_display"),
    ],
)

CANDIDATES = Table(
    "candidats",
    "Candidats",
    [
        Column("Nom", "last_name"),
        Column("Prénom", "first_name"),
        Column("Commune", lambda c: c.commune.name if c.commune_id else ""),
        Column("Rayon (km)", "mobility_radius_km"),
        Column("Métiers recherchés", lambda c: ", ".join(a.label for a in c.sought_appellations.all())),
        Column("Disponible le", "available_from", iso_date),
        Column("En recherche", "is_searching", yes_no),
        Column("Structure référente", lambda c: c.organisation.name if c.organisation_id else ""),
    ],
)
