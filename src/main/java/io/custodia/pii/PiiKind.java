package io.custodia.pii;

/** Kinds of personal data Custodia recognises in free values. */
public enum PiiKind {
    RESIDENT_ID("resident ID number"),
    MOBILE("mainland mobile number"),
    BANK_CARD("bank card number"),
    EMAIL("e-mail address");

    private final String description;

    PiiKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
