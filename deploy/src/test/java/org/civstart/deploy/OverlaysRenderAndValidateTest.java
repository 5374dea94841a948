package org.civstart.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders every overlay and validates every resource of it: the check that makes a broken
 * manifest fail the build.
 */
class OverlaysRenderAndValidateTest {

    static final List<String> OVERLAYS = Overlays.NAMES;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyResourceOfTheOverlayMatchesItsSchema(String overlay) {
        List<ObjectNode> resources = Overlays.render(overlay);
        assertThat(resources).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        resources.forEach(r -> problems.addAll(ManifestValidator.validate(r)));
        assertThat(problems).as(overlay + " overlay").isEmpty();
        System.out.printf("%s overlay: %d resources valid%n", overlay, resources.size());
    }

    /**
     * The renderer here must agree with the real Kustomize. kubectl (which embeds Kustomize) is on
     * this project's machines but not guaranteed everywhere, so without it this check is skipped;
     * the validation above never depends on it.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rendersExactlyAsKubectlKustomize(String overlay) throws Exception {
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Process p;
            try {
                p = new ProcessBuilder(
                                "kubectl",
                                "kustomize",
                                Overlays.K8S
                                        .resolve("overlays")
                                        .resolve(overlay)
                                        .toString())
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
            } catch (IOException noKubectl) {
                assumeTrue(false, "kubectl not installed: " + noKubectl.getMessage());
                return;
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS))
                    .as("kubectl kustomize finished")
                    .isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize exit code").isZero();
            Map<String, ObjectNode> expected = Kustomize.byId(Kustomize.readAll(out));
            Map<String, ObjectNode> actual = Kustomize.byId(Overlays.render(overlay));
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((id, e) -> assertThat(actual.get(id)).as(id).isEqualTo(e));
            System.out.printf(
                    "%s overlay: %d resources identical to kubectl kustomize (%s)%n",
                    overlay,
                    expected.size(),
                    Files.readString(out, StandardCharsets.UTF_8).length() + " chars");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
