package org.onekeylogin.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every scheduled job either runs once per cluster under a lock whose times make sense,
 * or is one of the few that are about a node's own connections and memory.
 */
class ScheduledWorkTest {

    /** Per-node work: the node's own streams and counters. */
    private static final Set<String> ON_EVERY_NODE = Set.of("PushHub.heartbeat", "RateLimiter.evictOldWindows");

    /** ShedLock's {@code defaultLockAtMostFor} in the service's configuration. */
    private static final Duration DEFAULT_LOCK_AT_MOST_FOR = Duration.ofMinutes(10);

    @Test
    void everyScheduledJobRunsOncePerClusterUnderASensibleLockOrIsAboutItsOwnNode() throws Exception {
        List<String> unlocked = new ArrayList<>();
        List<String> jobs = new ArrayList<>();
        for (Method method : scheduledMethods()) {
            String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            jobs.add(name);
            SchedulerLock lock = method.getAnnotation(SchedulerLock.class);
            if (lock == null) {
                unlocked.add(name);
                continue;
            }
            Duration atMost = lock.lockAtMostFor().isEmpty() ? DEFAULT_LOCK_AT_MOST_FOR
                    : Duration.parse(lock.lockAtMostFor());
            Duration atLeast = lock.lockAtLeastFor().isEmpty() ? Duration.ZERO : Duration.parse(lock.lockAtLeastFor());
            assertThat(atLeast).as(name + ": a lock held at least as long as it may be held at most")
                .isLessThanOrEqualTo(atMost);
        }
        assertThat(jobs).as("the scan found the jobs").hasSizeGreaterThan(5);
        assertThat(unlocked).as("jobs without a cluster lock").containsExactlyInAnyOrderElementsOf(ON_EVERY_NODE);
    }

    private static List<Method> scheduledMethods() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*")));
        List<Method> found = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("org.onekeylogin")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.getName().contains(".client.")
                    || type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Scheduled.class)) {
                    found.add(method);
                }
            }
        }
        return found;
    }

}
