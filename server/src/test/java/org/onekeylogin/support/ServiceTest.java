package org.onekeylogin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

/**
 * The whole service on a random port over real HTTP, on its own real database (H2 or
 * PostgreSQL, see {@link TestDatabase}), with a {@link TestClock}. Constructors and test
 * methods may take an {@link Api} and {@link TestAccounts} pointed at that port
 * ({@link ServiceTestParameters}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // every test request comes from 127.0.0.1; per-address limits are tested where
        // they are the subject
        "onekey.sign-in.password-attempts-per-ip-per-minute=100000", "onekey.sign-in.options-per-ip-per-minute=100000",
        "onekey.sign-in.recommended-sign-ins-per-ip-per-minute=100000", "onekey.registration.per-ip-per-hour=100000",
        "onekey.approval.requests-per-ip-per-minute=100000", "onekey.sms.codes-per-ip-per-hour=100000",
        "onekey.tokens.requests-per-client-and-ip-per-minute=100000",
        // a page waiting on a QR code asks every second, not every five, once the phone
        // has approved it
        "onekey.tokens.device-code-interval=PT1S",
        // as behind a reverse proxy: tests play other public addresses with
        // X-Forwarded-For
        "server.forward-headers-strategy=native",
        // a small pool makes a leaked connection fail the suite within a few requests
        "spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.connection-timeout=5000",
        // the contexts the suite keeps cached hold one connection each once idle, so that
        // they and the cluster
        // test's three service processes stay within PostgreSQL's 100 connections
        "spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000" })
@ContextConfiguration(initializers = TestDatabase.class)
@Import(ServiceTest.Clocks.class)
@ExtendWith(ServiceTestParameters.class)
@TestExecutionListeners(listeners = ServiceTest.ClockReset.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public @interface ServiceTest {

    /** Puts the {@link TestClock} back to real time after each test. */
    class ClockReset implements TestExecutionListener {

        @Override
        public void afterTestMethod(TestContext testContext) {
            testContext.getApplicationContext().getBean(TestClock.class).reset();
        }

    }

    @TestConfiguration(proxyBeanMethods = false)
    class Clocks {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }

    }

}
