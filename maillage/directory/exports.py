"""The directory in data·inclusion schema v1, validated by the national package, so the national
catalogue can harvest it (``/api/v1/directory/data-inclusion/``, ``manage.py directory_export``); and the
import report as a declared table."""

from data_inclusion.schema import v1

from maillage.kernel.exports import Column, Table

from .models import Service, Structure


def _clean(record: dict) -> dict:
    return {k: v for k, v in record.items() if v not in (None, "", [])}


def structure_record(structure: Structure) -> dict:
    return _clean(
        {
            "id": structure.di_id,
            "source": structure.source,
            "nom": structure.name,
            "date_maj": structure.updated_on.isoformat() if structure.updated_on else None,
            "description": structure.description if len(structure.description) >= 5 else None,
            "lien_source": structure.source_url,
            "siret": structure.siret,
            "commune": structure.commune_name,
            "code_postal": structure.postal_code,
            "code_insee": structure.commune_id,
            "adresse": structure.address,
            "complement_adresse": structure.address_extra,
            "longitude": structure.longitude,
            "latitude": structure.latitude,
            "telephone": structure.phone,
            "courriel": structure.email,
            "site_web": structure.website,
            "horaires_accueil": structure.opening_hours,
            "accessibilite_lieu": structure.accessibility_url,
            "reseaux_porteurs": list(structure.networks or []),
        }
    )


def service_record(service: Service) -> dict:
    return _clean(
        {
            "id": service.di_id,
            "structure_id": service.structure.di_id,
            "source": service.source,
            "nom": service.name,
            "description": service.description,
            "lien_source": service.source_url,
            "date_maj": service.updated_on.isoformat(),
            "type": service.type,
            "thematiques": list(service.thematiques or []),
            "frais": service.fees,
            "frais_precisions": service.fees_details,
            "publics": list(service.publics or []),
            "publics_precisions": service.publics_details,
            "conditions_acces": service.access_conditions,
            "commune": service.commune_name,
            "code_postal": service.postal_code,
            "code_insee": service.commune_id,
            "adresse": service.address,
            "complement_adresse": service.address_extra,
            "longitude": service.longitude,
            "latitude": service.latitude,
            "telephone": service.phone,
            "courriel": service.email,
            "modes_accueil": list(service.reception_modes or []),
            "zone_eligibilite": list(service.eligibility_zone or []),
            "contact_nom_prenom": service.contact_name,
            "lien_mobilisation": service.mobilisation_url,
            "modes_mobilisation": list(service.mobilisation_modes or []),
            "mobilisable_par": list(service.mobilisable_by or []),
            "mobilisation_precisions": service.mobilisation_details,
            "volume_horaire_hebdomadaire": float(service.weekly_hours) if service.weekly_hours is not None else None,
            "nombre_semaines": service.weeks,
            "horaires_accueil": service.opening_hours,
        }
    )


def export_structures(queryset=None) -> list[dict]:
    queryset = queryset if queryset is not None else Structure.objects.filter(is_active=True)
    return [structure_record(s) for s in queryset.order_by("di_id").iterator(chunk_size=2000)]


def export_services(queryset=None) -> list[dict]:
    queryset = queryset if queryset is not None else Service.objects.filter(is_active=True, structure__is_active=True)
    return [service_record(s) for s in queryset.select_related("structure").order_by("di_id").iterator(chunk_size=2000)]


def validate_export(structures: list[dict], services: list[dict]) -> list[str]:
    """Every record through the package's models; returns French problems (empty when valid)."""
    from .schema import french_errors

    problems = []
    for kind, model, records in (("structure", v1.Structure, structures), ("service", v1.Service, services)):
        for record in records:
            try:
                model.model_validate(record)
            except Exception as exc:  # pydantic.ValidationError
                details = french_errors(exc) if hasattr(exc, "errors") else [str(exc)]
                problems.append(f"{kind} {record.get('id')} : {'; '.join(details)}")
    return problems


# Rows are the lines of ``ImportRun.report``; the headers are the names the report has always had.
IMPORT_REPORT = Table(
    "rapport-import",
    "Rapport d'import",
    [
        Column("ligne", "line"),
        Column("identifiant", "id"),
        Column("statut", "status"),
        Column("erreurs", lambda line: " | ".join(line["errors"])),
        Column("avertissements", lambda line: " | ".join(line["warnings"])),
    ],
)
