package io.github.lstmdynamics.docscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker itself, on small made-up docs: what passes, and that a broken link or snippet fails. */
class DocsCheckTest {

    @TempDir
    Path root;

    private MarkdownDocument write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return MarkdownDocument.read(file);
    }

    @Test
    void linksToFilesPicturesAndHeadingsThatExistPass() throws IOException {
        write("docs/guide.md", "# Guide\n\n## Solve an ODE (`ode`)\n\n## Solve an ODE (`ode`)\n");
        Files.writeString(root.resolve("docs/picture.png"), "png");
        MarkdownDocument readme = write("README.md", String.join("\n",
                "# Title", "",
                "See [the guide](docs/guide.md), [a part](docs/guide.md#solve-an-ode-ode),",
                "[the second](docs/guide.md#solve-an-ode-ode-1), [here](#title) and [the web](https://example.org/x).",
                "![a picture](docs/picture.png \"title\")", "<img src=\"docs/picture.png\">",
                "[ref]: docs/guide.md", ""));
        assertEquals(List.of(), Links.problems(readme, root));
    }

    @Test
    void aMissingFileOrHeadingIsReportedWithItsLine() throws IOException {
        write("docs/guide.md", "# Guide\n");
        MarkdownDocument readme = write("README.md",
                "# Title\n\n[gone](docs/gone.md)\n![gone](docs/gone.png)\n[no such part](docs/guide.md#speed)\n[out](../elsewhere.md)\n");
        List<String> problems = Links.problems(readme, root);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("README.md:3: docs/gone.md: no such file"), problems.get(0));
        assertTrue(problems.get(1).startsWith("README.md:4: docs/gone.png: no such file"), problems.get(1));
        assertTrue(problems.get(2).startsWith("README.md:5: docs/guide.md#speed: no heading with anchor #speed"), problems.get(2));
        assertTrue(problems.get(3).startsWith("README.md:6: ../elsewhere.md: leaves the repository"), problems.get(3));
    }

    @Test
    void linksInCodeAreNotLinks() throws IOException {
        MarkdownDocument readme = write("README.md",
                "Text `[not](a-link.md)` here.\n\n```java\ndouble[] a = x[0](gone.md);\n```\n");
        assertEquals(List.of(), Links.problems(readme, root));
        assertEquals(1, readme.codeBlocks().size());
        assertEquals(new MarkdownDocument.CodeBlock("java", "double[] a = x[0](gone.md);", 4), readme.codeBlocks().get(0));
    }

    @Test
    void aFragmentRunsWithTheLibrariesImportedAndADirectoryToWriteIn() throws IOException {
        JavaSnippet snippet = JavaSnippet.of(String.join("\n",
                "import java.util.function.DoubleUnaryOperator;",
                "DoubleUnaryOperator twice = v -> 2 * v;",
                "IvpResult result = SolveIvp.solve((t, y, dydt) -> dydt[0] = -y[0], 0.0, 1.0, new double[] {1.0},",
                "        IvpOptions.defaults());",
                "Files.writeString(directory.resolve(\"out.txt\"), \"\" + twice.applyAsDouble(result.status()));"),
                "Fragment");
        assertTrue(snippet.fragment());
        SnippetRunner.compileAndRun(snippet, "docs/x.md", 10);
    }

    @Test
    void aProgramRunsItsMain() throws IOException {
        JavaSnippet snippet = JavaSnippet.of(String.join("\n",
                "import io.github.lstmdynamics.lstm.LstmRegressor;", "",
                "public class Hello {",
                "    public static void main(String[] args) {",
                "        if (new LstmRegressor(2, 3, 2, 1L).parameters().isEmpty()) throw new AssertionError();",
                "    }",
                "}"), "Unused");
        assertEquals("Hello", snippet.className());
        SnippetRunner.compileAndRun(snippet, "docs/x.md", 10);
    }

    @Test
    void aProgramWithoutMainIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JavaSnippet.of("class Helper {}", "Unused"));
    }

    @Test
    void aSnippetThatDoesNotCompileFailsAtItsMarkdownLine() {
        JavaSnippet snippet = JavaSnippet.of("int a = 1;\nint b = a + missing;", "Broken");
        AssertionError error = assertThrows(AssertionError.class, () -> SnippetRunner.compileAndRun(snippet, "docs/x.md", 20));
        assertTrue(error.getMessage().contains("docs/x.md:21: error: cannot find symbol"), error.getMessage());
    }

    @Test
    void aSnippetThatThrowsFails() {
        JavaSnippet snippet = JavaSnippet.of("SolveIvp.solve((t, y, dydt) -> {}, 0.0, 1.0, new double[0], IvpOptions.defaults().withRtol(-1));",
                "Throws");
        AssertionError error = assertThrows(AssertionError.class, () -> SnippetRunner.compileAndRun(snippet, "docs/x.md", 5));
        assertTrue(error.getMessage().startsWith("docs/x.md:5: the java block throws"), error.getMessage());
    }

    @Test
    void headingAnchorsAreGitHubs() {
        assertEquals("save-load-and-resume-lstm-io", MarkdownDocument.slug("Save, load and resume (`lstm-io`)"));
        assertEquals("the-tutorial-end-to-end", MarkdownDocument.slug("The tutorial, end to end"));
        assertEquals("events-and-in-step-sampling", MarkdownDocument.slug("Events and [in-step](x.md) sampling"));
    }
}
