package io.faultline.bench.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link ApiLoadBenchmark}. The two leading numbers of the earlier form
 * ({@code [rate/s] [seconds]}) are still accepted.
 */
record Options(int rate, int seconds, int warmupSeconds, int connections, String url, Integer servePort, List<String> paths) {

    static final String USAGE = "ApiLoadBenchmark [--rate 500] [--seconds 20] [--warmup 5] [--connections 16] "
            + "[--url http://host:port | --serve PORT] [--path /api/v1/... (repeatable)]";

    Options {
        require(rate >= 1 && rate <= 100_000, "--rate: must be 1..100000 req/s, was " + rate);
        require(seconds >= 1 && seconds <= 3_600, "--seconds: must be 1..3600, was " + seconds);
        require((long) rate * Math.max(seconds, warmupSeconds) <= 5_000_000L,
                "--rate x --seconds: at most 5,000,000 requests per run (one latency slot each), was " + rate + " x " + seconds);
        require(warmupSeconds >= 0 && warmupSeconds <= 600, "--warmup: must be 0..600 s, was " + warmupSeconds);
        require(connections >= 1 && connections <= 1_024, "--connections: must be 1..1024, was " + connections);
        require(url == null || url.matches("http://[^/\\s]+/?"), "--url: must be http://host:port, was " + url);
        require(url == null || servePort == null, "--url and --serve: give one or neither");
        require(servePort == null || (servePort >= 0 && servePort <= 65_535), "--serve: must be a port 0..65535, was " + servePort);
        paths = List.copyOf(paths);
        paths.forEach(p -> require(p.startsWith("/"), "--path: must start with '/', was " + p));
        if (url != null && url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }

    static Options parse(String[] args) {
        int rate = 500;
        int seconds = 20;
        int warmup = 5;
        int connections = 16;
        String url = null;
        Integer serve = null;
        List<String> paths = new ArrayList<>();
        int positional = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                require(positional < 2, "unexpected argument '" + a + "'; usage: " + USAGE);
                if (positional++ == 0) {
                    rate = number("rate", a);
                } else {
                    seconds = number("seconds", a);
                }
                continue;
            }
            require(i + 1 < args.length, a + ": needs a value; usage: " + USAGE);
            String v = args[++i];
            switch (a) {
                case "--rate" -> rate = number(a, v);
                case "--seconds" -> seconds = number(a, v);
                case "--warmup" -> warmup = number(a, v);
                case "--connections" -> connections = number(a, v);
                case "--url" -> url = v;
                case "--serve" -> serve = number(a, v);
                case "--path" -> paths.add(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "; usage: " + USAGE);
            }
        }
        return new Options(rate, seconds, warmup, connections, url, serve,
                paths.isEmpty() ? ApiLoadBenchmark.SYNTHETIC_PATHS : paths);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected a whole number, was '" + value + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
