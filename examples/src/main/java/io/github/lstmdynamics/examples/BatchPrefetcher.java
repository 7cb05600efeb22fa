package io.github.lstmdynamics.examples;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongUnaryOperator;

/**
 * Hands out batches 0, 1, 2, ... of a {@link TrajectoryDataset} in order (or any other sequence of
 * batch indices) while a background thread already integrates the next ones, so that data generation
 * overlaps training on a second core.
 *
 * <p>Each batch is a pure function of the dataset's seed and its index, so the batches are the same
 * whichever thread makes them and however the two threads interleave. Not thread-safe: one consumer.
 */
public final class BatchPrefetcher implements AutoCloseable {

    private final TrajectoryDataset dataset;
    private final int batchSize;
    private final LongUnaryOperator indices;
    private final long count;
    private final int lookahead;
    private final ExecutorService worker;
    private final ArrayDeque<Future<Timed>> pending = new ArrayDeque<>();
    private long submitted;
    private long generationNanos;
    private long waitNanos;

    private record Timed(TrajectoryBatch batch, long nanos) {
    }

    /**
     * Starts generating the first batches.
     *
     * @param dataset   the dataset
     * @param batchSize sequences per batch, at least 1
     * @param count     the number of batches that will be taken, at least 0
     * @param lookahead how many batches to keep in flight, at least 1
     */
    public BatchPrefetcher(TrajectoryDataset dataset, int batchSize, long count, int lookahead) {
        this(dataset, batchSize, LongUnaryOperator.identity(), count, lookahead);
    }

    /**
     * Starts generating the first batches of a sequence of batch indices: the {@code i}-th batch handed
     * out is the dataset's batch {@code indices.applyAsLong(i)}. A run resumed at batch k, say, takes
     * {@code i -> k + i}.
     *
     * @param dataset   the dataset
     * @param batchSize sequences per batch, at least 1
     * @param indices   the dataset index of the i-th batch handed out, for i = 0 to count - 1 (a pure
     *                  function of i)
     * @param count     the number of batches that will be taken, at least 0
     * @param lookahead how many batches to keep in flight, at least 1
     */
    public BatchPrefetcher(TrajectoryDataset dataset, int batchSize, LongUnaryOperator indices, long count,
                           int lookahead) {
        if (batchSize < 1 || count < 0 || lookahead < 1) {
            throw new IllegalArgumentException("need batchSize >= 1, count >= 0, lookahead >= 1; got "
                    + batchSize + ", " + count + ", " + lookahead);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.indices = indices;
        this.count = count;
        this.lookahead = lookahead;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trajectory-prefetch");
            thread.setDaemon(true);
            return thread;
        });
        fill();
    }

    /**
     * Whether another batch can be taken.
     *
     * @return true until all {@code count} batches were taken
     */
    public boolean hasNext() {
        return !pending.isEmpty();
    }

    /**
     * The next batch, waiting for it if the background thread has not finished it yet.
     *
     * @return batch 0 on the first call, then 1, 2, ... (or the batches of the index sequence)
     * @throws IllegalStateException when all batches were taken, or generation failed
     */
    public TrajectoryBatch next() {
        Future<Timed> future = pending.poll();
        if (future == null) {
            throw new IllegalStateException("all " + count + " batches were already taken");
        }
        long start = System.nanoTime();
        Timed timed;
        try {
            timed = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating a batch failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
        waitNanos += System.nanoTime() - start;
        generationNanos += timed.nanos();
        fill();
        return timed.batch();
    }

    /**
     * Time the background thread spent generating the batches taken so far.
     *
     * @return nanoseconds
     */
    public long generationNanos() {
        return generationNanos;
    }

    /**
     * Time the consumer spent waiting for batches so far.
     *
     * @return nanoseconds
     */
    public long waitNanos() {
        return waitNanos;
    }

    private void fill() {
        while (pending.size() < lookahead && submitted < count) {
            long index = indices.applyAsLong(submitted++);
            pending.add(worker.submit(() -> {
                long start = System.nanoTime();
                TrajectoryBatch batch = dataset.batch(index, batchSize);
                return new Timed(batch, System.nanoTime() - start);
            }));
        }
    }

    /** Stops the background thread; batches not taken are dropped. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
