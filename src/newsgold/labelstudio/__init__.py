"""Label Studio edge: labeling configs, task files, export conversion, server and client.

Offsets inside Label Studio count into a task's chunk text in the unit of
``newsgold.labelstudio.offsets.LABEL_STUDIO_OFFSET_UNIT``; everywhere else in newsgold
they are code points into ``Document.text``. ``offsets`` converts between the two and
nowhere else does. Records become result items in ``encode``; an export becomes records
through ``export`` (the file), ``regions`` and ``decode`` (one annotation) and
``convert`` (the whole export, with the checks across tasks).
"""
