package io.github.lstmdynamics.lstm;

import java.util.Map;

/**
 * Cosine annealing from the base rate down to {@code etaMin} over {@code tMax} epochs (and back up over the
 * next {@code tMax}, and so on), as {@code torch.optim.lr_scheduler.CosineAnnealingLR} computes it in its
 * recursive (chainable) form, step {@code e} = 1, 2, ...:
 * <pre>
 *   if (e - 1 - tMax) % (2 tMax) == 0:  lr + (base_lr - etaMin) * (1 - cos(pi / tMax)) / 2
 *   else:  (1 + cos(pi e / tMax)) / (1 + cos(pi (e - 1) / tMax)) * (lr - etaMin) + etaMin
 * </pre>
 * with {@code lr} the optimizer's current rate. Left to itself this is the closed form
 * {@code etaMin + (base_lr - etaMin) (1 + cos(pi e / tMax)) / 2}, to rounding; the recursion is kept so that
 * the rates equal PyTorch's to the last bits. See {@link LrScheduler} for when to call {@link #step()}.
 */
public final class CosineAnnealingLR extends ScheduleClock implements LrScheduler {

    private final int tMax;
    private final double etaMin;
    private double baseLr;

    /**
     * Builds the schedule: PyTorch's initial step, which leaves the learning rate as it is.
     *
     * @param optimizer the optimizer to drive; its current learning rate becomes the base rate
     * @param tMax      epochs of a half period, at least 1 ({@code T_max})
     * @param etaMin    the lowest rate, finite and at least 0 (PyTorch's default 0)
     * @throws IllegalArgumentException if a value is out of range
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("T_max must be at least 1, got " + tMax);
        }
        if (!(etaMin >= 0.0) || !Double.isFinite(etaMin)) {
            throw new IllegalArgumentException("eta_min must be finite and >= 0, got " + etaMin);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.baseLr = optimizer.learningRate();
    }

    /** Ends an epoch: sets the learning rate of the next one. */
    public void step() {
        lastEpoch++;
        double lr = optimizer.learningRate();
        double next;
        if ((lastEpoch - 1 - tMax) % (2L * tMax) == 0) {
            next = lr + (baseLr - etaMin) * (1 - StrictMath.cos(Math.PI / tMax)) / 2;
        } else {
            next = (1 + StrictMath.cos(Math.PI * lastEpoch / tMax))
                    / (1 + StrictMath.cos(Math.PI * (lastEpoch - 1) / tMax)) * (lr - etaMin) + etaMin;
        }
        // rounding can take a rate that should be etaMin = 0 a few ulps below zero
        setLearningRate(Math.max(next, 0.0));
    }

    @Override
    public Map<String, String> stateDict() {
        return SchedulerStates.map("CosineAnnealingLR", "T_max", Integer.toString(tMax), "eta_min",
                Double.toString(etaMin), "base_lr", Double.toString(baseLr), "last_epoch", Long.toString(lastEpoch),
                "last_lr", Double.toString(lastLr));
    }

    void restore(double baseLr, long lastEpoch, double lastLr) {
        this.baseLr = baseLr;
        this.lastEpoch = lastEpoch;
        this.lastLr = lastLr;
    }
}
