package io.github.lstmdynamics.docscheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checks need of one Markdown file: its fenced code blocks, the targets of its links and
 * pictures, and the anchors its headings make (as GitHub makes them).
 *
 * <p>Fences are lines of three or more backticks or tildes, indented by at most three spaces; the
 * first word after the opening fence is the block's language. Links are read outside fences and
 * outside inline code: {@code [text](target)}, {@code ![alt](target)}, reference definitions
 * {@code [name]: target}, and HTML {@code src="..."} / {@code href="..."}.
 *
 * @param file the file, as given
 * @param codeBlocks the fenced code blocks, in order
 * @param links every link and picture target, in order
 * @param anchors the anchors a link to this file may name after {@code #}
 */
record MarkdownDocument(Path file, List<CodeBlock> codeBlocks, List<Link> links, Set<String> anchors) {

    /**
     * A fenced code block.
     *
     * @param language the first word of the opening fence's info string, lower case ("" if none)
     * @param code the lines between the fences, joined with '\n'
     * @param firstLine the 1-based line number of the first line of code
     */
    record CodeBlock(String language, String code, int firstLine) {}

    /**
     * A link or picture target.
     *
     * @param target the target as written
     * @param line the 1-based line number
     */
    record Link(String target, int line) {}

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_TARGET =
            Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");
    private static final Pattern HTML_TARGET = Pattern.compile("\\b(?:src|href)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

    static MarkdownDocument read(Path file) throws IOException {
        return parse(file, Files.readString(file));
    }

    static MarkdownDocument parse(Path file, String text) {
        List<CodeBlock> blocks = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> slugCounts = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (fence.matches()) {
                String marker = fence.group(1);
                int first = i + 1;
                int close = first;
                while (close < lines.length && !isClosingFence(lines[close], marker)) {
                    close++;
                }
                blocks.add(new CodeBlock(fence.group(2).toLowerCase(Locale.ROOT),
                        String.join("\n", List.of(lines).subList(first, Math.min(close, lines.length))), first + 1));
                i = close;
                continue;
            }
            String line = INLINE_CODE.matcher(lines[i]).replaceAll("");
            Matcher heading = HEADING.matcher(lines[i]);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int seen = slugCounts.merge(slug, 1, Integer::sum) - 1;
                anchors.add(seen == 0 ? slug : slug + "-" + seen);
            }
            collect(INLINE_TARGET, line, i + 1, links);
            collect(REFERENCE_DEFINITION, line, i + 1, links);
            collect(HTML_TARGET, line, i + 1, links);
            Matcher anchor = HTML_ANCHOR.matcher(line);
            while (anchor.find()) {
                anchors.add(anchor.group(1));
            }
        }
        return new MarkdownDocument(file, List.copyOf(blocks), List.copyOf(links), Set.copyOf(anchors));
    }

    /**
     * GitHub's anchor of a heading: the text as rendered (link text kept, inline code unquoted),
     * lower case, without punctuation, each space a hyphen.
     */
    static String slug(String headingText) {
        String rendered = LINK_TEXT.matcher(headingText).replaceAll("$1").replaceAll("<[^>]+>", "");
        StringBuilder slug = new StringBuilder();
        rendered.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static boolean isClosingFence(String line, String opening) {
        String trimmed = line.strip();
        return line.length() - line.stripLeading().length() <= 3
                && trimmed.length() >= opening.length()
                && trimmed.chars().allMatch(c -> c == opening.charAt(0));
    }

    private static void collect(Pattern pattern, String line, int lineNumber, List<Link> links) {
        Matcher matcher = pattern.matcher(line);
        while (matcher.find()) {
            links.add(new Link(matcher.group(1), lineNumber));
        }
    }
}
