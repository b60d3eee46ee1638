package io.custodia.crossborder;

import java.util.List;

/** A recipient abroad the company approved, for which purposes, in which country, reached at which hosts. */
record ApprovedRecipient(String name, String country, List<String> purposes, List<String> hosts) {
    ApprovedRecipient {
        purposes = List.copyOf(purposes);
        hosts = List.copyOf(hosts);
    }
}
