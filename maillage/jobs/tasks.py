"""Background work of the jobs module (Huey): batch matching of every open offer."""

import csv
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from huey.contrib.djhuey import db_task

from maillage.core.tasks import fail_task_run, finish_task_run, report_progress

from . import matching
from .models import Offer, OfferStatus


@db_task()
def match_all_offers(run_id: int, k: int = 20) -> None:
    """Top ``k`` candidates of every open offer, written as a CSV file in the storage (ids only)."""
    try:
        total = Offer.objects.filter(status=OfferStatus.PUBLISHED, latitude__isnull=False).count()
        report_progress(run_id, 0, total, "Rapprochement des offres")
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["offer_id", "rank", "candidate_id", "score"])
        done = 0
        for offer_id, ranked in matching.batch_top_candidates(k=k):
            for rank, (candidate_id, score) in enumerate(ranked, start=1):
                writer.writerow([offer_id, rank, candidate_id, f"{score:.4f}"])
            done += 1
            if done % 200 == 0:
                report_progress(run_id, done, total)
        name = default_storage.save(f"rapprochements/offres-{run_id}.csv", ContentFile(buffer.getvalue().encode()))
        finish_task_run(run_id, {"offres": done, "fichier": name}, "Rapprochement terminé")
    except Exception as exc:  # the page must show the failure instead of spinning forever
        fail_task_run(run_id, f"Échec : {exc.__class__.__name__}")
        raise
