"""The PsychoPy knowledge base: API records read from psychopy's source with ast, coder demos and the alerts
catalogue, embedded and stored in LanceDB."""
