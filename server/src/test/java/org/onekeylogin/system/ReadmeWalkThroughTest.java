package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.onekeylogin.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's curl walk-throughs run as printed. The {@code ```sh} blocks of its
 * sections {@link #SECTIONS} run in order, in one bash ({@code set -euo pipefail}), in an
 * empty folder, against a service of its own on a new, empty database, without the demo
 * household, as those sections tell the reader to start it (here a {@link ServiceTest} on
 * a free port instead of 8080: its clock follows real time, so nothing expires early; its
 * per-address limits are raised, and the walk-through's few requests stay well within the
 * service's defaults too). Every block must succeed, and a block whose next code block is
 * a {@code ```json} sample must answer JSON of the sample's shape: the same keys at every
 * level, the same kinds of values and the same number of array items (ids, times, codes
 * and tokens differ), and the same {@link #VERDICTS} ({@code status}, {@code code},
 * {@code error}). A {@code ```text} sample after a block gives the first line the block
 * prints (a status line).
 *
 * <p>
 * A block tagged with more than {@code sh} ({@code ```sh service-terminal},
 * {@code ```sh stream-terminal}) runs in another terminal and is not run here; GitHub
 * shows such a block like any other, so the README's text says where it runs.
 *
 * <p>
 * Needs {@code bash}, {@code curl} and {@code jq} on the machine, as the walk-through
 * does. H2 pass only: the flows it runs are tested on PostgreSQL in the API tests.
 */
@ServiceTest
// a context of its own, so that the database is new ("dad" is registered by the README),
// closed when the walk-through is done
@TestPropertySource(properties = "onekey.demo.enabled=false")
@DirtiesContext
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the walk-through is about the README's commands, which run alike on either database")
class ReadmeWalkThroughTest {

    static final List<String> SECTIONS = List.of("Try it with curl", "One-key sign-in with curl", "QR code on a TV");

    /** Languages of shell blocks: the walk-through's are all tagged {@code sh}. */
    static final List<String> SHELLS = List.of("sh", "bash", "shell", "zsh", "console");

    /** The address the README's commands use. */
    static final String README_BASE = "http://localhost:8080";

    /**
     * Keys whose values say what the answer is ({@code "approved"}, {@code 401},
     * {@code "invalid_token"}, {@code "authorization_pending"}): these must be the
     * sample's.
     */
    static final List<String> VERDICTS = List.of("status", "code", "error");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** One fenced code block of the README. */
    record Fence(String section, int line, String info, String body) {

        boolean runsHere() {
            return info.equals("sh");
        }

        boolean runsElsewhere() {
            return info.startsWith("sh ");
        }

        String where() {
            return "README.md line " + line + " (" + section + ")";
        }

    }

    /** A block to run, with the sample answer (JSON or text) shown after it, if any. */
    record Step(int number, Fence block, Fence sample) {
    }

    @Test
    void theCurlWalkThroughsRunAsPrintedOnANewService(@TempDir Path folder, @TempDir Path work) throws Exception {
        for (String command : List.of("bash", "curl", "jq")) {
            assertThat(onPath(command)).as("the README's walk-through needs %s: apt-get install -y jq curl", command)
                .isTrue();
        }
        List<Step> steps = steps(fences(Files.readString(repositoryRoot().resolve("README.md"))), 10);

        String base = "http://localhost:" + port;
        Path script = work.resolve("walk-through.sh");
        Files.writeString(script, script(steps, base, work));
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("bash.log").toFile());
        for (String proxy : List.of("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                "ALL_PROXY")) {
            bash.environment().remove(proxy); // the service is on this machine
        }
        Process run = bash.start();
        if (!run.waitFor(2, TimeUnit.MINUTES)) {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            fail("The walk-through did not finish within 2 minutes; it was at " + stuckAt(steps, work).block().where());
        }
        if (run.exitValue() != 0) {
            Step failed = stuckAt(steps, work);
            fail("The walk-through stopped with exit status %d at %s:%n%s%n-- its output:%n%s%n-- its errors:%n%s",
                    run.exitValue(), failed.block().where(), failed.block().body(), output(work, failed, "out"),
                    output(work, failed, "err"));
        }

        SoftAssertions softly = new SoftAssertions();
        for (Step step : steps) {
            if (step.sample() == null) {
                continue;
            }
            String answer = output(work, step, "out");
            String against = String.format(
                    "the answer of the block at %s, against the sample at line %d:%n%s%n-- answered:%n%s",
                    step.block().where(), step.sample().line(), step.block().body(), answer);
            if (step.sample().info().equals("json")) {
                softly.assertThat(shapes(answer, step.block()))
                    .as(against)
                    .isEqualTo(shapes(step.sample().body(), step.sample()));
            }
            else {
                softly.assertThat(answer.lines().findFirst().orElse("").strip())
                    .as("the first line of " + against)
                    .isEqualTo(step.sample().body().lines().findFirst().orElse("").strip());
            }
        }
        softly.assertAll();
    }

    @Test
    void anAnswerHasTheSampleShapeWhenItHasTheSameKeysKindsAndItemsWhateverTheValues() {
        Fence sample = new Fence("QR code on a TV", 1, "json", "");
        Object shape = shapes("""
                {"user_code":"WFBX-MPDW","expires_in":300,"scopes":["profile"]}
                {"status":"approved"}
                """, sample);

        assertThat(shapes(
                "{\"scopes\":[\"openid\"],\"expires_in\":299,\"user_code\":\"LMDP-NHCQ\"}{\"status\":\"approved\"}",
                sample))
            .isEqualTo(shape);
        assertThat(shapes("{\"user_code\":\"LMDP-NHCQ\",\"expires_in\":300}{\"status\":\"approved\"}", sample))
            .as("a key missing")
            .isNotEqualTo(shape);
        assertThat(shapes("{\"user_code\":\"LMDP-NHCQ\",\"expires_in\":\"300\",\"scopes\":[\"profile\"]}"
                + "{\"status\":\"approved\"}", sample))
            .as("a number as a string")
            .isNotEqualTo(shape);
        assertThat(shapes("{\"user_code\":\"LMDP-NHCQ\",\"expires_in\":300,\"scopes\":[]}{\"status\":\"approved\"}",
                sample))
            .as("an array item missing")
            .isNotEqualTo(shape);
        assertThat(shapes("{\"user_code\":\"LMDP-NHCQ\",\"expires_in\":300,\"scopes\":[\"profile\"]}", sample))
            .as("the second answer missing")
            .isNotEqualTo(shape);
        assertThat(shapes(
                "{\"user_code\":\"LMDP-NHCQ\",\"expires_in\":300,\"scopes\":[\"profile\"]}" + "{\"status\":\"denied\"}",
                sample))
            .as("another status")
            .isNotEqualTo(shape);
    }

    @Test
    void theBlocksOfTheWalkThroughSectionsRunInOrderAndTheOthersAreLeftOut() {
        String readme = """
                ## Run it

                ```sh
                mvn spring-boot:run
                ```

                ## Try it with curl

                ```sh service-terminal
                start the service
                ```

                ```sh
                curl one
                ```

                Its answer:

                ```json
                {"a":1}
                ```

                ```sh stream-terminal
                curl -N stream
                ```

                ```json
                {"event":1}
                ```

                ```sh
                curl two
                ```

                ## One-key sign-in with curl

                ```sh
                curl three
                ```

                ```text
                HTTP/1.1 204
                ```

                ```json
                {"not":"its sample"}
                ```

                ## QR code on a TV

                ```sh
                curl four
                ```

                ## Performance

                ```sh
                mvn -pl loadgen
                ```
                """;

        List<Step> steps = steps(fences(readme), 1);

        assertThat(steps).extracting(step -> step.block().body())
            .containsExactly("curl one\n", "curl two\n", "curl three\n", "curl four\n");
        assertThat(steps).extracting(step -> step.sample() == null ? null : step.sample().body())
            .containsExactly("{\"a\":1}\n", null, "HTTP/1.1 204\n", null);
        assertThat(steps.get(0).block().line()).isEqualTo(13);
        assertThatThrownBy(() -> steps(fences(readme.replace("```sh\ncurl two", "```bash\ncurl two")), 1))
            .as("a shell block the walk-through would leave out")
            .hasMessageContaining("line 31 (Try it with curl)");
    }

    /** Every section's fenced blocks, in the README's order. */
    static List<Fence> fences(String readme) {
        List<Fence> fences = new ArrayList<>();
        List<String> found = new ArrayList<>();
        String[] lines = readme.split("\n", -1);
        String section = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("## ")) {
                section = SECTIONS.contains(line.substring(3).strip()) ? line.substring(3).strip() : null;
                if (section != null) {
                    found.add(section);
                }
            }
            else if (section != null && line.startsWith("```")) {
                int start = i;
                StringBuilder body = new StringBuilder();
                while (++i < lines.length && !lines[i].equals("```")) {
                    body.append(lines[i]).append('\n');
                }
                assertThat(i).as("README.md line %d opens a code block that never closes", start + 1)
                    .isLessThan(lines.length);
                fences.add(new Fence(section, start + 1, line.substring(3).strip(), body.toString()));
            }
        }
        assertThat(found).as("the README's walk-through sections, in this order").isEqualTo(SECTIONS);
        return fences;
    }

    /**
     * The blocks to run, each with the next code block of its section as its sample when
     * that is JSON or text.
     */
    static List<Step> steps(List<Fence> fences, int fewestSamples) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < fences.size(); i++) {
            Fence fence = fences.get(i);
            String language = fence.info().split(" ")[0];
            assertThat(!SHELLS.contains(language) || fence.runsHere() || fence.runsElsewhere())
                .as("%s: a shell block is tagged sh (run here), or sh and where it runs (sh stream-terminal)",
                        fence.where())
                .isTrue();
            if (fence.runsHere()) {
                Fence next = i + 1 < fences.size() ? fences.get(i + 1) : null;
                boolean sample = next != null && next.section().equals(fence.section())
                        && (next.info().equals("json") || next.info().equals("text"));
                steps.add(new Step(steps.size() + 1, fence, sample ? next : null));
            }
        }
        for (String section : SECTIONS) {
            assertThat(steps).as("blocks run in \"%s\"", section)
                .anyMatch(step -> step.block().section().equals(section));
        }
        assertThat(steps).as("blocks with a JSON sample")
            .filteredOn(step -> step.sample() != null && step.sample().info().equals("json"))
            .hasSizeGreaterThanOrEqualTo(fewestSamples);
        return steps;
    }

    /**
     * One bash script: each block in a group of its own (so its variables stay for the
     * next ones), its output and errors to files of its own, and a mark when it is done.
     */
    static String script(List<Step> steps, String base, Path work) {
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (Step step : steps) {
            String commands = step.block().body().replace(README_BASE, base);
            assertThat(commands).as("%s talks to the service at %s only", step.block().where(), README_BASE)
                .doesNotContain(":8080");
            script.append("{\n")
                .append(commands)
                .append("} > ")
                .append(quoted(work.resolve(step.number() + ".out")))
                .append(" 2> ")
                .append(quoted(work.resolve(step.number() + ".err")))
                .append("\ntouch ")
                .append(quoted(work.resolve(step.number() + ".done")))
                .append('\n');
        }
        return script.toString();
    }

    /** The first step that did not finish. */
    static Step stuckAt(List<Step> steps, Path work) {
        return steps.stream()
            .filter(step -> !Files.exists(work.resolve(step.number() + ".done")))
            .findFirst()
            .orElse(steps.getLast());
    }

    /**
     * The shape of each JSON value in {@code text} (a block may answer several, one after
     * the other): objects as their keys, sorted, with the shapes of their values; arrays
     * as the shapes of their items; other values as their kind, except the
     * {@link #VERDICTS}, which stay as they are.
     */
    static List<Object> shapes(String text, Fence from) {
        List<Object> shapes = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (values.hasNextValue()) {
                shapes.add(shape(values.nextValue()));
            }
        }
        catch (RuntimeException notJson) {
            fail("Not JSON: the %s of the block at %s:%n%s", from.info().equals("json") ? "sample" : "answer",
                    from.where(), text);
        }
        assertThat(shapes)
            .as("JSON values in the %s at %s", from.info().equals("json") ? "sample" : "answer", from.where())
            .isNotEmpty();
        return shapes;
    }

    static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> keys = new TreeMap<>();
            node.properties()
                .forEach(entry -> keys.put(entry.getKey(),
                        VERDICTS.contains(entry.getKey()) && entry.getValue().isValueNode() ? entry.getValue()
                                : shape(entry.getValue())));
            return keys;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.values().forEach(item -> items.add(shape(item)));
            return items;
        }
        return node.getNodeType().name().toLowerCase();
    }

    private static String output(Path work, Step step, String kind) {
        Path file = work.resolve(step.number() + "." + kind);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        }
        catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) && Files.isDirectory(here.resolve("server")) ? here
                : here.getParent();
    }

}
