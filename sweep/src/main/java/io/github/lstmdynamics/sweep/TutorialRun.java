package io.github.lstmdynamics.sweep;

import io.github.lstmdynamics.examples.StartingPoint;
import io.github.lstmdynamics.examples.TrainingHistory;
import io.github.lstmdynamics.examples.TrajectoryDataset;
import io.github.lstmdynamics.examples.TutorialConfig;
import io.github.lstmdynamics.examples.TutorialTraining;
import io.github.lstmdynamics.lstm.LstmRegressor;
import io.github.lstmdynamics.lstm.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sweep's run: the tutorial trained through {@link TutorialTraining} on one thread (fresh weights
 * from the seed, the settings' optimizer and learning-rate schedule), then evaluated on the held-out
 * batch and by a closed-loop prediction ({@link ClosedLoop}). With the same settings and seed it gives bit for bit the same losses wherever
 * it runs.
 */
public final class TutorialRun implements RunTrainer {

    private static final long serialVersionUID = 1L;

    @Override
    public RunResult train(RunSpec spec) {
        return run(spec);
    }

    /**
     * Trains and evaluates one run.
     *
     * @param spec the run
     * @return its result, with the trained parameters
     */
    public static RunResult run(RunSpec spec) {
        TutorialConfig config = spec.settings().config(spec.seed());
        StartingPoint start = StartingPoint.fresh(config);
        LstmRegressor model = start.model();
        TrajectoryDataset data = TutorialTraining.dataset(config);
        long begin = System.nanoTime();
        TrainingHistory history = TutorialTraining.train(start, config, data, null);
        double seconds = (System.nanoTime() - begin) * 1e-9;
        Map<String, double[]> parameters = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            parameters.put(p.name(), p.toArray());
        }
        if (!history.finished()) {
            return new RunResult(spec, RunStatus.DIVERGED, history.divergedAt(), Double.NaN, Double.NaN,
                    Double.NaN, seconds, parameters);
        }
        double heldOut = TutorialTraining.evaluate(model, data, config.batchSize());
        double closedLoop = ClosedLoop.error(model, config, spec.horizon());
        return new RunResult(spec, RunStatus.OK, 0, history.finalRunningLoss(), heldOut, closedLoop, seconds,
                parameters);
    }
}
