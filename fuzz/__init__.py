"""Coverage-guided fuzzing of the pure parsers (issue 13, item 15): ``python -m fuzz``.

One module per parser (``action_ids``, ``agendar``, ``opening_hours``, ``settings_values``,
``money``), each with ``TestOneInput(data: bytes)`` that feeds the parser and lets only its
documented refusals through; anything else escapes as a crash. :mod:`fuzz.run` runs each target
for a time budget under atheris (libFuzzer) when it is installed, else under a plain random
mutation driver, and reports the inputs tried and the crashes found.
"""
