"""A custom import-linter contract: modules talk to each other only through their public doors.

``lint-imports`` (configured in pyproject.toml, run by .ci/run) loads it. For every pair of
modules A ≠ B, A may import from B only ``B.<door>`` (``services``, ``selectors``, ``module``,
``policies``…); models, views, forms, API and demo stay private to B. A module that does not
exist yet is simply not checked, so the contract covers the modules announced before they land.
"""

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ModuleDoorsContract(Contract):
    type_name = "module_doors"

    container = fields.StringField()
    modules = fields.ListField(subfield=fields.StringField())
    doors = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        container = self.container
        installed = [name for name in self.modules if f"{container}.{name}" in graph.modules]
        doors = set(self.doors)
        illegal = []
        for importer_name in installed:
            importer = f"{container}.{importer_name}"
            for module in sorted({importer, *graph.find_descendants(importer)}):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    parts = imported.split(".")
                    if len(parts) < 2 or parts[0] != container or parts[1] not in installed:
                        continue
                    if parts[1] == importer_name:
                        continue
                    if len(parts) == 2 or parts[2] not in doors:
                        details = graph.get_import_details(importer=module, imported=imported)
                        lines = ", ".join(str(detail["line_number"]) for detail in details)
                        illegal.append((module, imported, lines))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        doors = ", ".join(self.doors)
        for importer, imported, lines in check.metadata["illegal"]:
            output.print_error(f"{importer} -> {imported} (l. {lines}) : passer par {doors}", bold=False)
            output.new_line()
