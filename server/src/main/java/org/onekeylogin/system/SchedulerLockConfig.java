package org.onekeylogin.system;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work that must run once per cluster (expiry sweeps, clean-ups) takes a lock
 * in the database first (ShedLock, table {@code shedlock}), with the database's clock, so
 * nodes whose clocks differ still agree; a job whose lock another node holds is skipped
 * on this one. Only the scheduler's calls take it: a test or an operator calling the job
 * directly runs it. Work about this node's own connections (stream heartbeats, the node's
 * flood counters) runs on every node without a lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(interceptMode = EnableSchedulerLock.InterceptMode.PROXY_SCHEDULER, defaultLockAtMostFor = "PT10M")
class SchedulerLockConfig {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
            .withJdbcTemplate(new JdbcTemplate(dataSource))
            .usingDbTime()
            .build());
    }

}
