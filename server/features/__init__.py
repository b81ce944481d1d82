"""Editor features as pure functions of a snapshot: hover, completion, quick fixes, diagnostics."""
