package io.faultline.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import io.faultline.app.catalog.CatalogCommand;
import io.faultline.avro.CatalogEntry;
import io.faultline.schemas.serde.SchemaRegistry;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded stack (KRaft broker, Apicurio registry, Flink mini cluster, the default topics) for
 * one test class: started before its first test, stopped after its last, under a work directory of
 * its own that is deleted afterwards. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();
 * ... STACK.stack().bootstrapServers() ...
 * }</pre>
 * It lives in app's test sources, not in {@code test-support}, because the stack is app code and app
 * depends on {@code test-support}: the other way round would be a dependency cycle.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, AfterAllCallback {

    private Path workDir;
    private EmbeddedStack stack;

    /** The project checkout (the build sets {@code faultline.home}; else the parent of the module). */
    public static Path projectHome() {
        return Path.of(System.getProperty("faultline.home", "..")).toAbsolutePath().normalize();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        workDir = Files.createTempDirectory("faultline-" + context.getRequiredTestClass().getSimpleName() + "-");
        stack = EmbeddedStack.start(projectHome(), workDir.resolve("stack"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            stack = null;
            deleteQuietly(workDir);
        }
    }

    /** The running stack; only between the class's first and last test. */
    public EmbeddedStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the embedded stack runs only while its test class runs "
                    + "(register the extension on a static field)");
        }
        return stack;
    }

    /** The project's catalog ({@code catalog/} of the checkout), published to the running stack's catalog topic. */
    public List<CatalogEntry> publishProjectCatalog(SchemaRegistry registry) throws Exception {
        List<CatalogEntry> catalog = CatalogCommand.read(projectHome().resolve("catalog")).requireValid();
        CatalogCommand.publish(stack().bootstrapServers(), stack().topics(), registry, catalog);
        return catalog;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a file the stopped stack left locked: the OS temp cleaner gets it
        }
    }
}
