package io.faultline.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The final stage of infra/docker/Dockerfile as far as the manifests rely on it: WORKDIR, COPY targets, ENTRYPOINT. */
record Dockerfile(String workdir, List<String> copied, String entrypoint) {

    static Dockerfile read(Path file) throws IOException {
        String workdir = "/";
        List<String> copied = new ArrayList<>();
        String entrypoint = "";
        for (String line : Files.readAllLines(file)) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "FROM" -> {
                    workdir = "/";
                    copied.clear();
                    entrypoint = "";
                }
                case "WORKDIR" -> workdir = Path.of(workdir).resolve(words[1]).normalize().toString();
                case "COPY" -> copied.add(Path.of(workdir).resolve(words[words.length - 1]).normalize().toString());
                case "ENTRYPOINT" -> entrypoint = line;
                default -> {
                }
            }
        }
        return new Dockerfile(workdir, List.copyOf(copied), entrypoint);
    }

    /** Whether {@code path} lies in something the image's final stage copies in. */
    boolean holds(String path) {
        Path p = Path.of(path).normalize();
        return copied.stream().map(Path::of).anyMatch(p::startsWith);
    }
}
