"""The psychopy-lsp language server (pygls) and its command line."""

__version__ = "0.1.0"
