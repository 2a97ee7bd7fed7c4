package io.faultline.app.clickhouse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.faultline.clickhouse.engine.EmbeddedClickHouse;
import io.faultline.clickhouse.engine.EngineInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.faultline.app.CommandGroup;

/** {@code faultline clickhouse}: the embedded ClickHouse engine (chDB) the demo and the tests use for history. */
@Command(name = "clickhouse", mixinStandardHelpOptions = true,
        description = "Install or run the ClickHouse engine (chDB " + EngineInstaller.VERSION + ", from the npm registry) "
                + "that gives the demo and the tests a real ClickHouse.",
        subcommands = {ClickHouseCommand.Install.class, ClickHouseCommand.Start.class})
public final class ClickHouseCommand extends CommandGroup {

    static Path faultlineDir() {
        return Path.of(System.getProperty("faultline.home", ".")).resolve(".faultline");
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Download " + EngineInstaller.PACKAGE + "@" + EngineInstaller.VERSION + " (about 180 MB), verify its "
                    + "sha512 integrity against the registry's, and keep libchdb.so under .faultline/clickhouse/ (once).")
    static final class Install implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            boolean had = EngineInstaller.installed(faultlineDir()).isPresent();
            Path lib = EngineInstaller.defaults().ensureInstalled(faultlineDir(), System.out::println);
            System.out.println((had ? "already installed: " : "installed: ") + lib);
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Run the engine in the foreground (a child process serving ClickHouse's HTTP interface on loopback) "
                    + "until Ctrl-C; create database faultline and point faultline migrate / api / run at the URL it prints.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = ".faultline/clickhouse-data", description = "Where its data lives (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            Path lib = EngineInstaller.defaults().ensureInstalled(faultlineDir(), System.out::println);
            try (EmbeddedClickHouse ch = EmbeddedClickHouse.start(lib, dataDir, Duration.ofSeconds(60))) {
                ch.createDatabase("faultline");
                System.out.println("ClickHouse engine " + ch.version() + " serving " + ch.url("faultline") + " (user default, "
                        + "no password; data under " + dataDir.toAbsolutePath() + "). Ctrl-C stops it.");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    ch.close();
                    stop.countDown();
                }));
                stop.await();
            }
            return 0;
        }
    }
}
