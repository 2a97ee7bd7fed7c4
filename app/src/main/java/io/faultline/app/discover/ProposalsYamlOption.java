package io.faultline.app.discover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import picocli.CommandLine.Option;

/**
 * {@code --yaml FILE} of the discover commands (a picocli mixin): the proposals also written as a catalog
 * fragment for a human to review. The catalog itself is never written, and each command says so alike.
 */
final class ProposalsYamlOption {

    @Option(names = "--yaml", paramLabel = "FILE", description = "Also write the proposals to FILE as a catalog YAML "
            + "fragment to review (marked proposed, confirmed: false).")
    Path file;

    /** Writes {@code yaml} (made only when a file was given) to the file, and tells {@code out} what was written. */
    void write(Supplier<String> yaml, PrintStream out) throws IOException {
        if (file != null) {
            Files.writeString(file, yaml.get());
            out.println("wrote the proposals to " + file + " for review; the catalog was not changed");
        } else {
            out.println("nothing was written; --yaml FILE writes the proposals as a catalog fragment to review");
        }
    }
}
