package io.github.lstmdynamics.docscheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the relative links of a Markdown file: each target is a file or directory of the
 * repository (resolved against the linking file's directory, as GitHub resolves it), and an anchor
 * after {@code #} into a Markdown file names one of its headings. Links with a scheme
 * ({@code https:}, {@code mailto:}) are not followed: the build runs offline.
 */
final class Links {

    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private Links() {}

    /**
     * The broken links of one document, each as "file:line: target: what is wrong".
     *
     * @param document the document
     * @param root the repository's root: a link may not leave it
     * @return the problems, empty when every link resolves
     */
    static List<String> problems(MarkdownDocument document, Path root) {
        Path rootDir = root.toAbsolutePath().normalize();
        Path file = document.file().toAbsolutePath().normalize();
        List<String> problems = new ArrayList<>();
        for (MarkdownDocument.Link link : document.links()) {
            String target = link.target();
            if (SCHEME.matcher(target).matches()) {
                continue;
            }
            String where = rootDir.relativize(file) + ":" + link.line() + ": " + target + ": ";
            if (target.isEmpty()) {
                problems.add(where + "empty link target");
                continue;
            }
            int hash = target.indexOf('#');
            String pathPart = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
            String anchor = hash < 0 ? "" : target.substring(hash + 1);
            Path resolved = pathPart.isEmpty() ? file
                    : pathPart.startsWith("/") ? rootDir.resolve(pathPart.substring(1)).normalize()
                    : file.getParent().resolve(pathPart).normalize();
            if (!resolved.startsWith(rootDir)) {
                problems.add(where + "leaves the repository (" + resolved + ")");
            } else if (!Files.exists(resolved)) {
                problems.add(where + "no such file " + rootDir.relativize(resolved));
            } else if (!anchor.isEmpty() && resolved.getFileName().toString().endsWith(".md")) {
                MarkdownDocument linked = resolved.equals(file) ? document : read(resolved);
                if (!linked.anchors().contains(anchor)) {
                    problems.add(where + "no heading with anchor #" + anchor + " in "
                            + rootDir.relativize(resolved) + " (anchors: " + linked.anchors() + ")");
                }
            }
        }
        return problems;
    }

    private static MarkdownDocument read(Path file) {
        try {
            return MarkdownDocument.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
