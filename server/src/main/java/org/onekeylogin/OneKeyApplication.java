package org.onekeylogin;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** OneKey Login: one-key sign-in for TVs, PCs and phones. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OneKeyApplication {

    /**
     * {@code --demo} seeds the demo household (see the README); every other argument is a
     * Spring property.
     */
    public static void main(String[] args) {
        SpringApplication.run(OneKeyApplication.class,
                Arrays.stream(args)
                    .map(arg -> arg.equals("--demo") ? "--onekey.demo.enabled=true" : arg)
                    .toArray(String[]::new));
    }

}
