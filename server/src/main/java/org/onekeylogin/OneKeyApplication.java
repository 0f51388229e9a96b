package org.onekeylogin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** OneKey Login: one-key sign-in for TVs, PCs and phones. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OneKeyApplication {

    public static void main(String[] args) {
        SpringApplication.run(OneKeyApplication.class, args);
    }
}
