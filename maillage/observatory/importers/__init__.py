"""Writes of the indicator store: bundled-file importers and the analyst's generic importer.

Every importer yields figure rows, then ``store.sync_dataset`` computes the diff against what is
stored (added / changed / removed), reports it, and — unless it is a dry run — replaces the
dataset's rows in one transaction. Running an importer twice changes nothing the second time.
"""
