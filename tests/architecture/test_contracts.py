"""The import contracts (pyproject.toml) hold, and the module-doors contract catches a back door."""

import subprocess
import sys
from pathlib import Path

import grimp

from tests.architecture.contracts import ModuleDoorsContract

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)}
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def _graph(*imports):
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        for name in (importer, imported):
            parts = name.split(".")
            for end in range(1, len(parts) + 1):
                graph.add_module(".".join(parts[:end]))
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    return graph


def _check(graph):
    contract = ModuleDoorsContract(
        name="portes",
        session_options={},
        contract_options={"container": "maillage", "modules": ["jobs", "companies", "events"], "doors": ["selectors"]},
    )
    return contract.check(graph, verbose=False)


def test_a_module_may_use_another_modules_selectors():
    assert _check(_graph(("maillage.jobs.views", "maillage.companies.selectors"))).kept


def test_a_module_may_not_reach_into_another_modules_models():
    check = _check(_graph(("maillage.jobs.views", "maillage.companies.models")))
    assert not check.kept
    assert check.metadata["illegal"][0][:2] == ("maillage.jobs.views", "maillage.companies.models")


def test_a_module_may_not_import_another_modules_package_root():
    assert not _check(_graph(("maillage.events.demo", "maillage.jobs"))).kept
