package io.pacer.server.analysis;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.agent.AgentTunableExecutor;
import io.pacer.analysis.action.kafka.KafkaExecutors;
import io.pacer.analysis.action.postgres.PostgresExecutors;
import io.pacer.analysis.action.redis.RedisExecutors;
import io.pacer.analysis.trend.TrendAnalysis;
import io.pacer.server.ServerConfig;
import io.pacer.server.state.JdbcActionLog;
import io.pacer.server.state.ServerDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the analysis and actions that other modules build: the action history's table, the executors of the
 * configured targets, and the trend analysis. One place, so that wiring them is one edit.
 */
final class Wiring {

    private Wiring() {}

    /** Where action records are kept: the state database's {@code pacer_action} table. */
    static ActionLog log(ServerDatabase database) {
        return new JdbcActionLog(database);
    }

    /**
     * One executor per kind: Redis {@code CONFIG SET}, Kafka topic configs, PostgreSQL indexes and settings, and — when
     * the agents' secret is configured ({@link io.pacer.server.OptimizationConfig#agentSecret()}) — Pacer tunables
     * through the applications' agents. Which targets they may act on is {@link KnownTargets}' decision.
     */
    static List<ActionExecutor> executors(ServerConfig config) {
        List<ActionExecutor> all = new ArrayList<>(List.of(
                RedisExecutors.config(RedisExecutors.DEFAULT_TIMEOUT),
                KafkaExecutors.topicConfig(KafkaExecutors.DEFAULT_TIMEOUT),
                PostgresExecutors.index(),
                PostgresExecutors.setting()));
        if (config.optimization().agentSecret() != null) {
            all.add(new AgentTunableExecutor(config.optimization().agentSecret()));
        }
        return all;
    }

    /** The standard trend analysis. */
    static TrendAnalysis trends() {
        return TrendAnalysis.standard();
    }
}
