package io.github.lstmdynamics.lstm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of persistent threads that run one task in {@code parts} pieces, the calling thread
 * doing piece 0 and each helper thread one other piece, and return when all pieces are done.
 *
 * <p>A dispatch allocates nothing: the task is a long-lived object, the hand-over is a volatile
 * generation counter, completion an {@link AtomicInteger}, and waiting is a short spin followed by
 * {@link LockSupport#park}. Helpers are daemon threads; {@link #close()} ends them.
 *
 * <p>A pool of one part has no helper threads and runs tasks inline. Used by one caller thread at a time
 * (the model that owns it).
 */
final class WorkerPool implements AutoCloseable {

    /** A piece of parallel work; {@code part} in {@code [0, parts)}. */
    interface Task {
        void run(int part, int parts);
    }

    /** Spin iterations before parking: a few microseconds, the gap between two phases of a step. */
    private static final int SPINS = 1 << 14;

    private final int parts;
    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int generation;
    private volatile Thread caller;
    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * @param parts number of pieces per task (threads including the caller), at least 1
     */
    WorkerPool(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 part, got " + parts);
        }
        this.parts = parts;
        this.helpers = new Thread[parts - 1];
        for (int i = 0; i < helpers.length; i++) {
            int part = i + 1;
            Thread t = new Thread(() -> helperLoop(part), "lstm-dynamics-worker-" + part);
            t.setDaemon(true);
            helpers[i] = t;
            t.start();
        }
    }

    /** {@return the number of pieces each task is split into} */
    int parts() {
        return parts;
    }

    /**
     * Runs {@code task} in {@link #parts()} pieces and returns when all are done.
     *
     * @throws RuntimeException or Error thrown by a piece (the first one seen), after all pieces ended
     */
    void run(Task work) {
        if (parts == 1) {
            work.run(0, 1);
            return;
        }
        task = work;
        caller = Thread.currentThread();
        failure = null;
        pending.set(parts - 1);
        generation = generation + 1; // single writer: the caller
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        Throwable own = null;
        try {
            work.run(0, parts);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        task = null;
        Throwable e = own != null ? own : failure;
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
    }

    private void helperLoop(int part) {
        int seen = 0;
        int spins = 0;
        while (!closed) {
            int g = generation;
            if (g == seen) {
                if (spins < SPINS) {
                    spins++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            seen = g;
            spins = 0;
            try {
                task.run(part, parts);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Ends the helper threads (they finish a running piece first). */
    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
