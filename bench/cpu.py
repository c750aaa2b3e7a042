"""CPU time a server spent, read from /proc: every process of its process group (a gunicorn master
and its workers, as harness/servers.py starts them, each in a session of its own), or a process and
its children (PostgreSQL puts each backend in a session of its own); and, for one process group,
what each of its threads has cost (bench/threads.py)."""

import os
from dataclasses import dataclass

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(path):
    """The fields of a /proc stat file after the command name (field 2, which may hold spaces): fields[0]
    is the state, [1] the parent, [2] the process group, [7] minor faults, [11] utime, [12] stime."""
    with open(path) as f:
        return f.read().rsplit(")", 1)[1].split()


def seconds(groups=(), parents=()):
    """User + system CPU seconds, so far, of every live process in these process groups, and of these
    processes and their children."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = _stat(f"/proc/{entry}/stat")
        except OSError:
            continue        # ended meanwhile
        ppid, pgrp = int(fields[1]), int(fields[2])
        if pgrp in groups or ppid in parents or int(entry) in parents:
            total += int(fields[11]) + int(fields[12])      # utime, stime
    return total / TICKS


@dataclass(frozen=True)
class Thread:
    """What one thread has cost so far: user and system CPU seconds, context switches (voluntary, a wait;
    or not, a preemption) and minor page faults."""
    user: float
    system: float
    switches: int
    faults: int


def threads(group):
    """Every thread of every live process in this process group: (pid, thread id) -> Thread."""
    found = {}
    for entry in os.listdir("/proc"):
        try:
            if not entry.isdigit() or int(_stat(f"/proc/{entry}/stat")[2]) != group:
                continue
            tids = os.listdir(f"/proc/{entry}/task")
        except OSError:
            continue        # ended meanwhile
        for tid in tids:
            task = f"/proc/{entry}/task/{tid}"
            try:
                fields = _stat(f"{task}/stat")
                with open(f"{task}/status") as f:
                    switches = sum(int(line.split()[1]) for line in f if "ctxt_switches:" in line)
            except OSError:
                continue
            found[(int(entry), int(tid))] = Thread(user=int(fields[11]) / TICKS, system=int(fields[12]) / TICKS,
                                                   switches=switches, faults=int(fields[7]))
    return found
