"""The server object: lifecycle, background loads (knowledge base, model), progress."""
