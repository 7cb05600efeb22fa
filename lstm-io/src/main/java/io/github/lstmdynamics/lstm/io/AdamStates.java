package io.github.lstmdynamics.lstm.io;

import io.github.lstmdynamics.lstm.Adam;
import io.github.lstmdynamics.lstm.AdamW;
import io.github.lstmdynamics.lstm.Optimizer;

/** The state accessors of {@link Adam} and {@link AdamW}, which share no type, for either one. */
final class AdamStates {

    private AdamStates() {
    }

    static long stepCount(Optimizer o) {
        return o instanceof AdamW w ? w.stepCount() : ((Adam) o).stepCount();
    }

    static double[] expAvg(Optimizer o, int k) {
        return o instanceof AdamW w ? w.expAvg(k) : ((Adam) o).expAvg(k);
    }

    static double[] expAvgSq(Optimizer o, int k) {
        return o instanceof AdamW w ? w.expAvgSq(k) : ((Adam) o).expAvgSq(k);
    }

    static double[] maxExpAvgSq(Optimizer o, int k) {
        return o instanceof AdamW w ? w.maxExpAvgSq(k) : ((Adam) o).maxExpAvgSq(k);
    }

    static void setStepCount(Optimizer o, long value) {
        if (o instanceof AdamW w) {
            w.setStepCount(value);
        } else {
            ((Adam) o).setStepCount(value);
        }
    }

    static void setExpAvg(Optimizer o, int k, double[] v) {
        if (o instanceof AdamW w) {
            w.setExpAvg(k, v);
        } else {
            ((Adam) o).setExpAvg(k, v);
        }
    }

    static void setExpAvgSq(Optimizer o, int k, double[] v) {
        if (o instanceof AdamW w) {
            w.setExpAvgSq(k, v);
        } else {
            ((Adam) o).setExpAvgSq(k, v);
        }
    }

    static void setMaxExpAvgSq(Optimizer o, int k, double[] v) {
        if (o instanceof AdamW w) {
            w.setMaxExpAvgSq(k, v);
        } else {
            ((Adam) o).setMaxExpAvgSq(k, v);
        }
    }
}
