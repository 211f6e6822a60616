"""The I/O edge of scoring: files in, records out; reports out.

- :mod:`newsgold.io.conll`: conlleval-style files and label maps;
- :mod:`newsgold.io.predictions`: predictions from JSONL, Label Studio exports, datasets;
- :mod:`newsgold.io.gold_columns`: the entity gold of a dataset folder as columns;
- :mod:`newsgold.io.entity_predictions`: a JSONL file of entity predictions as columns;
- :mod:`newsgold.io.reports`: per-instance error rows to JSONL.

:mod:`newsgold.scoring` takes what these return and reads no file itself.
"""
