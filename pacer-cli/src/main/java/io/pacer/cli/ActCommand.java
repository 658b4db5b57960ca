package io.pacer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pacer act}: the actions of a running {@code pacer serve}, from the command line — plan a change (the dry
 * run), apply exactly that plan, schedule it, revert it, and the history. An HTTP client of the service's
 * {@code /api/optimization/*} routes: what the dashboard's Apply button does, scriptable.
 */
@Command(
        name = "act",
        mixinStandardHelpOptions = true,
        description = "Plan, apply, schedule and revert optimisation actions on a running pacer serve, and show the"
                + " action history (who, when, what, before, after, verdict).",
        subcommands = {
            ActCommand.Plan.class,
            ActCommand.Apply.class,
            ActCommand.Schedule.class,
            ActCommand.Revert.class,
            ActCommand.History.class
        },
        footer = {
            "",
            "Examples:",
            "  pacer act plan --kind redis.config --target cache:6379 -p parameter=maxmemory -p value=256mb",
            "  pacer act apply --plan plan-3f2a9c1d0e4b5a6f",
            "  pacer act apply --recommendation 'cache_sizing{target=cache:6379}'",
            "  pacer act schedule --plan plan-3f2a9c1d0e4b5a6f --at 2026-12-01T02:00:00Z",
            "  pacer act revert act-1b2c… --reason 'batch job tonight'",
            "  pacer act history --limit 20",
            "",
            "Exit codes: 0 done, 1 the service refused or the action failed (its reason printed), 2 bad usage or no"
                    + " service to talk to."
        })
final class ActCommand implements Runnable {

    static final String DEFAULT_SERVER = "http://127.0.0.1:8420";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "choose what to do: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** Where the service is, who asks, and how to print: every subcommand's options. */
    static final class Service {
        @Option(
                names = "--server",
                paramLabel = "URL",
                defaultValue = DEFAULT_SERVER,
                description = "The pacer serve to act through (default " + DEFAULT_SERVER + ").")
        String server;

        @Option(
                names = "--api-key",
                paramLabel = "KEY",
                defaultValue = "${env:PACER_API_KEY}",
                description = "An operator's API key; prefer $PACER_API_KEY, which ps does not show (default:"
                        + " $PACER_API_KEY, else none, for a service started with --no-auth).")
        String apiKey;

        @Option(
                names = "--json",
                description = "Print the service's JSON answer as it is (default: a summary for people).")
        boolean json;

        ServiceClient client() {
            return new ServiceClient(server, apiKey);
        }
    }

    /** What to plan: a recommendation of the latest analysis, or a kind, a target and parameters. */
    static final class What {
        @Option(
                names = "--recommendation",
                paramLabel = "ID",
                description = "Carry out this recommendation's action, as GET /api/performance/recommendations lists"
                        + " it (default: none; give it or --kind and --target).")
        String recommendation;

        @Option(
                names = "--kind",
                paramLabel = "KIND",
                description = "The executor: agent.tunable, kafka.topic-config, redis.config, postgres.index,"
                        + " postgres.setting (default: none).")
        String kind;

        @Option(
                names = "--target",
                paramLabel = "TARGET",
                description = "What to change: an agent URL, bootstrap servers, host:port or a PostgreSQL URL"
                        + " (default: none).")
        String target;

        @Option(
                names = {"-p", "--param"},
                paramLabel = "NAME=VALUE",
                description = "A parameter of the change, repeatable, e.g. -p parameter=maxmemory -p value=256mb"
                        + " (default: none).")
        Map<String, String> parameters = new LinkedHashMap<>();

        boolean given() {
            return recommendation != null || kind != null || target != null || !parameters.isEmpty();
        }

        /** The request body of the plan route. */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (recommendation != null) {
                if (kind != null || target != null || !parameters.isEmpty()) {
                    throw new UsageException("--recommendation carries its own kind, target and parameters; give"
                            + " either it or --kind, --target and -p");
                }
                body.put("recommendation_id", recommendation);
                return body;
            }
            if (kind == null || target == null) {
                throw new UsageException("say what to change: --kind KIND --target TARGET [-p NAME=VALUE ...], or"
                        + " --recommendation ID");
            }
            body.put("kind", kind);
            body.put("target", target);
            body.put("parameters", parameters);
            return body;
        }
    }

    @Command(
            name = "plan",
            mixinStandardHelpOptions = true,
            description = "Plan a change without making it: the exact settings it changes, now and after. Apply it"
                    + " with 'pacer act apply --plan ID'.")
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Service service;

        @Mixin
        What what;

        @Override
        public Integer call() {
            return act(
                    spec, service, () -> service.client().post("/api/optimization/plan", what.body()), ActOutput::plan);
        }
    }

    @Command(
            name = "apply",
            mixinStandardHelpOptions = true,
            description = "Apply the plan --plan exactly (refused when its target changed since), or plan and apply"
                    + " in one step; its verification window starts.")
    static final class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Service service;

        @Mixin
        What what;

        @Option(
                names = "--plan",
                paramLabel = "ID",
                description = "The plan to apply, as 'pacer act plan' printed it (default: none; plan from the"
                        + " other options).")
        String plan;

        @Override
        public Integer call() {
            Map<String, Object> body = planOrRequest(plan, what);
            return act(spec, service, () -> service.client().post("/api/optimization/apply", body), ActOutput::record);
        }
    }

    @Command(
            name = "schedule",
            mixinStandardHelpOptions = true,
            description = "Apply a plan later; when its time comes the target is checked again and a stale plan is"
                    + " refused.")
    static final class Schedule implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Service service;

        @Mixin
        What what;

        @Option(
                names = "--plan",
                paramLabel = "ID",
                description = "The plan to schedule (default: none; plan from the other options).")
        String plan;

        @Option(
                names = "--at",
                paramLabel = "WHEN",
                required = true,
                description = "When to apply it: an ISO-8601 instant (2026-12-01T02:00:00Z) or a time from now"
                        + " (30m, 2h) (required: no default).")
        String at;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            Map<String, Object> body = planOrRequest(plan, what);
            body.put("at", instant(at, clock).toString());
            return act(
                    spec, service, () -> service.client().post("/api/optimization/schedule", body), ActOutput::record);
        }
    }

    @Command(
            name = "revert",
            mixinStandardHelpOptions = true,
            description = "Undo an applied action (or cancel a scheduled one): every setting back to its value before.")
    static final class Revert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Service service;

        @Parameters(paramLabel = "ID", description = "The action's id, as 'pacer act history' lists it.")
        String id;

        @Option(
                names = "--reason",
                paramLabel = "TEXT",
                description = "Why, for the history (default: reverted with pacer act).")
        String reason;

        @Override
        public Integer call() {
            String why = reason == null ? "reverted with pacer act" : reason;
            String path = "/api/optimization/revert?id=" + encode(id) + "&reason=" + encode(why);
            return act(spec, service, () -> service.client().delete(path), ActOutput::record);
        }
    }

    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "The action history, newest first: what changed, status, verdict, who and when.")
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Service service;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "20",
                description = "How many actions, 1 to 1000 (default 20).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) {
                throw new UsageException("--limit must be from 1 to 1000, but was " + limit);
            }
            return act(
                    spec,
                    service,
                    () -> service.client().get("/api/optimization/history?limit=" + limit),
                    ActOutput::history);
        }
    }

    /** {@code {"plan_id"}} for --plan, else the request the options describe (refusing both at once). */
    static Map<String, Object> planOrRequest(String plan, What what) {
        if (plan != null && what.given()) {
            throw new UsageException("--plan applies a plan as it was planned; give either --plan or what to change"
                    + " (--recommendation, or --kind, --target and -p), not both");
        }
        if (plan == null) {
            return what.body();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan_id", plan);
        return body;
    }

    /** An ISO-8601 instant, or a duration from now ({@code 30m}). */
    static Instant instant(String text, Clock clock) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            Duration in;
            try {
                in = new Converters.DurationConverter().convert(text);
            } catch (RuntimeException notDuration) {
                throw new UsageException("--at '" + text + "' must be an ISO-8601 instant such as 2026-12-01T02:00:00Z"
                        + " or a time from now such as 30m");
            }
            return clock.instant().plus(in);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Calls the service and prints its answer; a refusal prints its reason and exits 1. */
    private static int act(
            CommandSpec spec, Service service, java.util.function.Supplier<JsonNode> call, ActOutput.Printer printer) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonNode answer;
        try {
            answer = call.get();
        } catch (ServiceClient.Refused e) {
            err.println("pacer: " + e.getMessage());
            err.flush();
            return ExitCode.FAILED_RUN;
        }
        if (service.json) {
            try {
                out.println(Json.documentWriter().writeValueAsString(answer));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            printer.print(answer, out);
        }
        out.flush();
        boolean failed = "failed".equals(answer.path("status").asText());
        if (failed) {
            err.println("pacer: the action failed: " + answer.path("error").asText("see the history"));
            err.flush();
        }
        return failed ? ExitCode.FAILED_RUN : ExitCode.OK;
    }
}
