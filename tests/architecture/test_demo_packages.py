"""Demo generators live in each module's ``demo/`` package, which only the demo hook imports (lazily,
through the dotted path declared in ``module.py``): no production code imports a demo package."""

import grimp

from maillage.kernel.plugins import modules

# The shell's command that lists the demo accounts reads their shared password.
ALLOWED = {("maillage.core.management.commands.demo_accounts", "maillage.accounts.demo")}


def test_demo_generators_are_imported_by_no_production_code():
    graph = grimp.build_graph("maillage", cache_dir=None)
    demo_packages = sorted(
        name
        for name in graph.modules
        if name.count(".") == 2 and name.endswith(".demo") and name != "maillage.core.demo"
    )
    assert {f"maillage.{key}.demo" for key in ("clauses", "companies", "jobs", "procurement", "steering")} <= set(
        demo_packages
    )
    offenders = []
    for package in demo_packages:
        for module in {package} | graph.find_descendants(package):
            for importer in graph.find_modules_that_directly_import(module):
                in_a_demo = ".".join(importer.split(".")[:3]) in demo_packages  # one demo may build on another's
                if in_a_demo or (importer, package) in ALLOWED:
                    continue
                offenders.append(f"{importer} → {module}")
    assert offenders == []


def test_every_declared_demo_hook_points_into_a_demo_package():
    hooks = {spec.key: spec.demo for spec in modules() if spec.demo}
    assert hooks and all(".demo" in hook for hook in hooks.values()), hooks
