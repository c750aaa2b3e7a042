"""CPU time a server spent, read from /proc: every process of its process group (a gunicorn master
and its workers, as harness/servers.py starts them, each in a session of its own), or a process and
its children (PostgreSQL puts each backend in a session of its own)."""

import os

TICKS = os.sysconf("SC_CLK_TCK")


def seconds(groups=(), parents=()):
    """User + system CPU seconds, so far, of every live process in these process groups, and of these
    processes and their children."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                # The command name (field 2) may hold spaces; the fields after its ")" are fixed.
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue        # ended meanwhile
        ppid, pgrp = int(fields[1]), int(fields[2])
        if pgrp in groups or ppid in parents or int(entry) in parents:
            total += int(fields[11]) + int(fields[12])      # utime, stime
    return total / TICKS
