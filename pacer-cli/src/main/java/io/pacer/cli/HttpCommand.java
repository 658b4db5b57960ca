package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.http.HttpDrivers;
import io.pacer.load.http.HttpSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pacer http}: many users against the URLs given, and only those hosts. */
@Command(
        name = "http",
        mixinStandardHelpOptions = true,
        description = {
            "HTTP load test: requests at a target rate (open model) or from N users with think time "
                    + "(closed model), latency from each request's intended start, per endpoint, with a status-code "
                    + "breakdown. Only the hosts in --url are ever contacted: redirects are reported, not followed.",
            "Body templates may use {{seq}}, {{user}}, {{uuid}} and {{now_ms}}."
        },
        footer = {
            "",
            "Examples:",
            "  pacer http --url http://127.0.0.1:8080/ --rate 200 --duration 15s --output run.json",
            "  pacer http --url http://127.0.0.1:8080/orders --method POST -H 'Content-Type: application/json' \\",
            "      --body '{\"id\": {{seq}}, \"user\": {{user}}}' --users 1000 --think-time 1s --duration 1m"
        })
final class HttpCommand extends LoadCommand {

    @Option(
            names = "--url",
            required = true,
            paramLabel = "URL",
            description = "Target URL, required (repeatable: several endpoints are used in turn).")
    List<String> urls = new ArrayList<>();

    @Option(
            names = {"--method", "-X"},
            paramLabel = "METHOD",
            defaultValue = "GET",
            description = "HTTP method (default ${DEFAULT-VALUE}).")
    String method;

    @Option(
            names = {"--header", "-H"},
            paramLabel = "'NAME: VALUE'",
            description = "A request header (repeatable; default: none).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", paramLabel = "TEMPLATE", description = "Request body template (default: none, no body).")
    String body;

    @Option(
            names = "--body-file",
            paramLabel = "FILE",
            description = "Request body template from a file (default: none).")
    Path bodyFile;

    @Option(
            names = "--timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "30s",
            description = "Per-request timeout: from sending the request to the response headers"
                    + " (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--connect-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "10s",
            description = "Connection timeout (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(
            names = "--http",
            defaultValue = "1.1",
            paramLabel = "1.1|2",
            description = "HTTP version (default ${DEFAULT-VALUE}).")
    String version;

    @Override
    Driver driver(PrintWriter err) {
        return HttpDrivers.http(settings());
    }

    private HttpSettings settings() {
        List<URI> uris = new ArrayList<>();
        for (String url : urls) {
            try {
                uris.add(new URI(url));
            } catch (URISyntaxException e) {
                throw new UsageException("--url '" + url + "' is not a URL: " + e.getReason());
            }
        }
        Map<String, String> headerMap = new LinkedHashMap<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--header '" + header + "' must be 'Name: value'");
            }
            headerMap.put(
                    header.substring(0, colon).trim(),
                    header.substring(colon + 1).trim());
        }
        HttpClient.Version httpVersion = switch (version.trim().toLowerCase(Locale.ROOT)) {
            case "1.1", "http/1.1" -> HttpClient.Version.HTTP_1_1;
            case "2", "http/2" -> HttpClient.Version.HTTP_2;
            default -> throw new UsageException("--http '" + version + "' must be 1.1 or 2");
        };
        return new HttpSettings(
                method.toUpperCase(Locale.ROOT), uris, headerMap, bodyTemplate(), timeout, connectTimeout, httpVersion);
    }

    private String bodyTemplate() {
        if (body != null && bodyFile != null) {
            throw new UsageException("give --body or --body-file, not both");
        }
        if (bodyFile == null) {
            return body;
        }
        try {
            return Files.readString(bodyFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--body-file " + bodyFile + ": cannot read it (" + Problems.oneLine(e) + ")");
        }
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "http");
        p.put("method", method);
        p.put("urls", String.join(" ", urls));
        p.put("http", version);
        p.put("timeout", timeout.toString());
        return p;
    }
}
