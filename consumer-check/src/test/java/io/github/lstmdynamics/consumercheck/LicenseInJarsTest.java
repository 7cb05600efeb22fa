package io.github.lstmdynamics.consumercheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every published jar carries the license: the library jar, its -sources jar and its -javadoc jar have
 * {@code META-INF/LICENSE}, byte for byte the repository's {@code LICENSE} (Apache 2.0), and the
 * Javadoc's footer names that license, not "All rights reserved". The jars are the ones this module is
 * built against: in {@code mvn verify}, those the same build packaged.
 */
class LicenseInJarsTest {

    private static final Path LICENSE = Path.of("../LICENSE");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "io.github.lstmdynamics.ode.SolveIvp",
        "io.github.lstmdynamics.lstm.LstmRegressor",
        "io.github.lstmdynamics.lstm.io.ModelFiles",
    })
    void theLibraryItsSourcesAndItsJavadocCarryTheLicense(String className) throws Exception {
        byte[] license = Files.readAllBytes(LICENSE);
        assertTrue(new String(license, StandardCharsets.US_ASCII).contains("Apache License"), "LICENSE is the Apache License");

        Path jar = codeSource(Class.forName(className));
        assumeTrue(Files.isRegularFile(jar), "built against " + jar + ", not a jar (run mvn verify)");
        assertArrayEquals(license, entry(jar, "META-INF/LICENSE"), jar + " has the license");

        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path sources = jar.resolveSibling(base + "-sources.jar");
        Path javadoc = jar.resolveSibling(base + "-javadoc.jar");
        assertArrayEquals(license, entry(sources, "META-INF/LICENSE"), sources + " has the license");
        assertArrayEquals(license, entry(javadoc, "META-INF/LICENSE"), javadoc + " has the license");

        String index = new String(entry(javadoc, "index-all.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("Apache License, Version 2.0"), javadoc + "'s footer names the license");
        assertFalse(index.contains("All rights reserved"), javadoc + "'s footer reserves no rights");
    }

    private static Path codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static byte[] entry(Path jar, String name) throws IOException {
        assertTrue(Files.isRegularFile(jar), jar + " exists");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            assertNotNull(entry, jar + " has " + name);
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }
}
