"""A pytest plugin loaded before nbval (``-p tests.quick_imports``): nbformat without the IRI grammar.

nbval imports nbformat, which imports jsonschema, which builds an optional IRI
grammar on import (1–4 s, python-jsonschema#1428) that nbformat never uses.
The report build skips it the same way (``budgetlib.report.build.skip_iri_grammar``).
"""

from budgetlib.report.build import skip_iri_grammar

skip_iri_grammar()
