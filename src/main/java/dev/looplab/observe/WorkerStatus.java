package dev.looplab.observe;

/** Route tasks on the worker pool: running on a worker thread now, and waiting for one. */
public record WorkerStatus(int active, int queued) {}
