"""The demo seed: samples plus synthetic contracts, idempotent."""

import io

from maillage.procurement import demo
from maillage.procurement.models import Contract, DecpImport


def test_demo_seed_is_idempotent(territory):
    out = io.StringIO()
    demo.seed(stdout=out)
    count = Contract.objects.count()

    demo.seed(stdout=out)

    assert count > 470  # the samples and the synthetic contracts of the Eure's test communes
    assert Contract.objects.filter(ref__startswith="DEMO").count() > 2000
    assert Contract.objects.count() == count
    assert DecpImport.objects.count() == 1
    assert "déjà chargés" in out.getvalue()
