package org.tao4j.subnets.forecast;

import java.util.List;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.SynapseHandler;
import org.tao4j.sdk.neuron.NeuronLauncher;
import org.tao4j.sdk.neuron.SubnetDefinition;
import org.tao4j.sdk.neuron.ValidatorLogic;

/**
 * The forecasting subnet on the SDK's framework: the {@link Forecast#SYNAPSE} synapse, the
 * {@link ForecastMiner} handler and the {@link ForecastValidator}'s tasks and reward.
 *
 * <pre>
 * java … org.tao4j.subnets.forecast.ForecastSubnet local --mock          # a whole subnet in one JVM
 * java … org.tao4j.subnets.forecast.ForecastSubnet miner --netuid 1 --wallet w --hotkey m1 --miner.strategy lag-ridge
 * java … org.tao4j.subnets.forecast.ForecastSubnet validator --netuid 1 --wallet w --hotkey v1
 * </pre>
 */
public final class ForecastSubnet implements SubnetDefinition<ForecastTask, Forecast> {
    private final int historyLength;
    private final int horizon;
    private final int stepsPerBlock;

    /**
     * Tasks of the default sizes: 240 values of history, a horizon of 24 steps, and the series
     * running 4 steps per block, so a task is scored 6 blocks after it was posed.
     */
    public ForecastSubnet() {
        this(TaskGenerator.DEFAULT_HISTORY, TaskGenerator.DEFAULT_HORIZON, ForecastValidator.DEFAULT_STEPS_PER_BLOCK);
    }

    /**
     * @param horizon steps to forecast; a shorter horizon narrows the gap between the naive strategies
     * @param stepsPerBlock how fast the series runs against the chain. More steps per block score
     *     sooner and make successive tasks overlap less, so a few epochs see more independent windows.
     */
    public ForecastSubnet(int historyLength, int horizon, int stepsPerBlock) {
        if (stepsPerBlock < 1 || stepsPerBlock > ForecastValidator.MAX_STEPS_PER_BLOCK) {
            throw new IllegalArgumentException("steps per block must be 1 to " + ForecastValidator.MAX_STEPS_PER_BLOCK);
        }
        this.historyLength = historyLength;
        this.horizon = horizon;
        this.stepsPerBlock = stepsPerBlock;
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public Synapse<ForecastTask, Forecast> synapse() {
        return Forecast.SYNAPSE;
    }

    @Override
    public List<String> strategies() {
        return ForecastMiner.STRATEGIES;
    }

    @Override
    public SynapseHandler<ForecastTask, Forecast> minerHandler(String strategy, long seed) {
        return ForecastMiner.of(strategy, seed);
    }

    @Override
    public ValidatorLogic<ForecastTask, Forecast> validatorLogic(long seed) {
        TaskGenerator panel = TaskGenerator.syntheticPanel(seed, TaskGenerator.DEFAULT_PANEL);
        TaskGenerator g = new TaskGenerator(panel.sources(), 0, historyLength, horizon);
        return new ForecastValidator(g, new ForecastScoring(), stepsPerBlock).logic();
    }

    public static void main(String[] args) {
        System.exit(NeuronLauncher.run(new ForecastSubnet(), args));
    }
}
