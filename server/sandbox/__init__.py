"""Running user scripts: the runner, its isolation, the child bootstrap, Xvfb, process groups."""
