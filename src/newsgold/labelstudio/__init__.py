"""Label Studio edge: labeling configs, task files, export conversion, server and client.

Offsets inside Label Studio are UTF-16 code units into a task's chunk text; everywhere
else in newsgold they are code points into ``Document.text``. This package converts
between the two and nowhere else does.
"""
