"""Resource limits, first thing in the child."""

from __future__ import annotations


def set_limits(cpu_seconds: int, memory: int, open_files: int) -> None:
    """Set here, first thing in the child, rather than with preexec_fn: forking a process that has threads (the
    server's LanceDB and torch pools) and running Python before exec can deadlock. Where the platform has no
    `resource` module (Windows) nothing is limited, and the runner says so."""
    try:
        import resource
    except ImportError:
        return
    limits = [("RLIMIT_AS", memory), ("RLIMIT_CPU", cpu_seconds), ("RLIMIT_NOFILE", open_files),
              # real-time threads (the ptb Keyboard's) may run at most 0.2 s of CPU without blocking, then are
              # killed: a spinning real-time thread cannot freeze the machine
              ("RLIMIT_RTTIME", 200_000)]
    for name, value in limits:
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            resource.setrlimit(which, (value, value * 2 if name == "RLIMIT_RTTIME" else value))
        except (ValueError, OSError):  # macOS refuses some (RLIMIT_AS): the others still hold
            pass
    if hasattr(resource, "RLIMIT_RTPRIO"):
        # a Linux user set up as PsychoPy documents (the psychopy group's rtprio limit) may use it: soft = hard
        soft, hard = resource.getrlimit(resource.RLIMIT_RTPRIO)
        if soft != hard:
            try:
                resource.setrlimit(resource.RLIMIT_RTPRIO, (hard, hard))
            except (ValueError, OSError):
                pass
