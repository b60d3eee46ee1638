package io.custodia;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring context that holds the jobs, the JobRepository and (for `scheduler`) Quartz. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustodiaApplication {
}
