"""Write an experiment from a description: spec reader, composer, verifier, the generate-verify-repair loop."""
