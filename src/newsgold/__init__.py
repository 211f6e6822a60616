"""newsgold: an annotated news dataset and the toolkit that makes and uses it.

Offsets everywhere are character offsets into a document's normalized text (Python
``str`` indices), end-exclusive.
"""

__version__ = "0.1.0"
