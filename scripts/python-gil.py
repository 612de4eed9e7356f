#!/usr/bin/env python3
"""Usage: scripts/python-gil.py K T [REPEAT]

The same CPU-bound job as /cpu-run, in CPython: K threads, then K processes.
Sizes one job to about T ms on this machine, then times K of them at once (the fastest of REPEAT
runs, default 1). Prints JSON, one line: scripts/lecture.sh puts it beside the JVM's rows.
Takes about (1 + 2 K) x T x REPEAT ms. Needs: python3 (standard library only).
"""
import json
import sys
import threading
import time
from multiprocessing import Pool


def work(steps):
    x = 88172645463325252
    for _ in range(steps):
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
    return x


def steps_for(ms):
    """Steps that take about ms of this thread's CPU time: a busy machine does not shrink them."""
    probe = 200_000
    start = time.thread_time()
    work(probe)
    return int(probe * ms / ((time.thread_time() - start) * 1000))


def timed(run):
    start = time.perf_counter()
    run()
    return round((time.perf_counter() - start) * 1000)


def in_threads(k, steps):
    threads = [threading.Thread(target=work, args=(steps,)) for _ in range(k)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def arguments(argv):
    """K, T and REPEAT from the command line; --help prints the usage; anything else: one line, exit 2."""
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        sys.exit(0)
    if not 2 <= len(argv) <= 3 or not all(a.isdigit() and int(a) > 0 for a in argv):
        print(f"python-gil.py: expects K T [REPEAT], whole numbers above 0, not {' '.join(argv) or 'nothing'}"
              " (see --help)", file=sys.stderr)
        sys.exit(2)
    numbers = [int(a) for a in argv]
    return numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else 1


if __name__ == "__main__":
    k, ms, repeat = arguments(sys.argv[1:])
    steps = steps_for(ms)
    one = min(timed(lambda: work(steps)) for _ in range(repeat))
    threads = min(timed(lambda: in_threads(k, steps)) for _ in range(repeat))
    with Pool(k) as pool:
        pool.map(work, [1000] * k)  # start the workers before the clock does
        processes = min(timed(lambda: pool.map(work, [steps] * k)) for _ in range(repeat))
    print(json.dumps({"python": sys.version.split()[0], "k": k, "one_job_ms": one,
                      "threads_ms": threads, "processes_ms": processes}))
