"""Training data, fine-tuning, export and evaluation for psychopy-lsp's Gemma model (see issue: training)."""
