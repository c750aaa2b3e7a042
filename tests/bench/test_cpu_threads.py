"""bench.cpu.threads: what each thread of a process group has cost, read from /proc (bench/threads.py's
per-order figures rest on it)."""

import os
import threading
import time

from bench import cpu


def test_a_thread_that_worked_and_waited_shows_its_cpu_and_its_switches():
    worked, release, native = threading.Event(), threading.Event(), {}

    def work_then_wait():
        native["id"] = threading.get_native_id()
        time.sleep(0.001)       # a blocking call: one voluntary context switch at least
        start = time.thread_time()
        while time.thread_time() - start < 0.06:
            pass
        worked.set()
        release.wait(timeout=10)

    thread = threading.Thread(target=work_then_wait)
    thread.start()
    try:
        assert worked.wait(timeout=10)
        seen = cpu.threads(os.getpgrp())
    finally:
        release.set()
        thread.join()
    mine = seen[(os.getpid(), native["id"])]
    assert mine.user + mine.system >= 0.03          # clock ticks of 10 ms: at least 3 of the 6 burnt
    assert mine.switches >= 1
    assert (os.getpid(), threading.get_native_id()) in seen      # this thread too, in the same group
