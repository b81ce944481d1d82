"""The model side: backends, prompts and context, inline completion, model fixes, answers."""
