package io.pacer.server.analysis;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.trend.TrendAnalysis;
import io.pacer.server.ServerConfig;
import io.pacer.server.state.ServerDatabase;
import java.util.List;

/**
 * The parts of the analysis and actions that other modules' lanes build: the action history's table, the executors of
 * the configured targets, and the trend analysis. One place, so that wiring them is one edit.
 */
final class Wiring {

    private Wiring() {}

    /** Where action records are kept: the state database's {@code pacer_action} table. */
    static ActionLog log(ServerDatabase database) {
        // WIRING: return new JdbcActionLog(database); once the actions lane has landed
        return ActionLog.inMemory();
    }

    /**
     * One executor per kind, built from the configuration: Redis {@code CONFIG SET}, Kafka topic configs, PostgreSQL
     * indexes and settings (with the credentials of the configured PostgreSQL targets), and Pacer tunables through
     * the applications' agents (with {@link io.pacer.server.OptimizationConfig#agentSecret()}).
     */
    static List<ActionExecutor> executors(ServerConfig config) {
        // WIRING, once the actions, pg and agent lanes have landed:
        //   List<ActionExecutor> all = new ArrayList<>(List.of(
        //           RedisExecutors.config(RedisExecutors.DEFAULT_TIMEOUT),
        //           KafkaExecutors.topicConfig(KafkaExecutors.DEFAULT_TIMEOUT),
        //           PostgresExecutors.index(),
        //           PostgresExecutors.setting()));
        //   if (config.optimization().agentSecret() != null) {
        //       all.add(new AgentTunableExecutor(config.optimization().agentSecret()));
        //   }
        //   return all;
        return List.of();
    }

    /** The standard trend analysis. */
    static TrendAnalysis trends() {
        // WIRING: return TrendAnalysis.standard(); once the trend lane has landed
        return (history, actions, horizon) -> {
            throw new UnsupportedOperationException("the trend analysis is not built yet");
        };
    }
}
