"""The package version, in a module of its own: any layer can read it without importing
the package facade (``newsgold/__init__``), which re-exports the scorer."""

__version__ = "0.1.0"
