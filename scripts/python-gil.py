"""The same CPU-bound job as /cpu-run, in CPython: K threads, then K processes.

Sizes one job to about T ms on this machine, then times K of them at once (the fastest of REPEAT
runs: python-gil.py K T [REPEAT]). Prints JSON, one line:
the lecture script puts it beside the JVM's rows. Standard library only.
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


if __name__ == "__main__":
    k, ms = int(sys.argv[1]), int(sys.argv[2])
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    steps = steps_for(ms)
    one = min(timed(lambda: work(steps)) for _ in range(repeat))
    threads = min(timed(lambda: in_threads(k, steps)) for _ in range(repeat))
    with Pool(k) as pool:
        pool.map(work, [1000] * k)  # start the workers before the clock does
        processes = min(timed(lambda: pool.map(work, [steps] * k)) for _ in range(repeat))
    print(json.dumps({"python": sys.version.split()[0], "k": k, "one_job_ms": one,
                      "threads_ms": threads, "processes_ms": processes}))
