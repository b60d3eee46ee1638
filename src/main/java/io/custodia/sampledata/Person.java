package io.custodia.sampledata;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One synthetic customer as the customer stream builds it: the {@link Facts} plus everything drawn
 * from the customer's own random stream. Lives only while its rows are written.
 */
record Person(
        Facts facts,
        String customerId,
        String nationality,
        String name,
        boolean male,
        LocalDate birthDate,
        String residentId,
        String passportNo,
        String mobile,
        String email,
        String country,
        String province,
        String city,
        String address,
        String postalCode,
        long lastActiveAt,
        List<String> cards,
        List<String> ips,
        boolean writesChinese) {

    static final double CN_SHARE = 0.85;
    static final double FOREIGNERS_LIVING_IN_CHINA = 0.45;

    boolean cnNational() {
        return nationality.equals("CN");
    }

    static String customerId(long index) {
        return Padded.of("C", index + 1, 8);
    }

    static Person make(Facts f, SplittableRandom rnd, long asOf) {
        boolean cn = rnd.nextDouble() < CN_SHARE;
        String nationality = cn ? "CN" : Reference.FOREIGN_NATIONALITIES.pick(rnd);
        boolean male = rnd.nextBoolean();
        boolean livesInChina = cn || rnd.nextDouble() < FOREIGNERS_LIVING_IN_CHINA;

        LocalDate registered = LocalDate.ofInstant(Instant.ofEpochSecond(f.registeredAt()), ZoneOffset.UTC);
        int ageAtRegistration = 18 + (int) (Math.pow(rnd.nextDouble(), 1.6) * 52);
        LocalDate birth = registered.minusYears(ageAtRegistration).minusDays(rnd.nextInt(365));

        String name;
        String email;
        if (cn) {
            Reference.Han surname = Reference.SURNAMES.pick(rnd);
            List<Reference.Han> pool = male ? Reference.GIVEN_MALE : Reference.GIVEN_FEMALE;
            Reference.Han g1 = Reference.any(rnd, pool);
            Reference.Han g2 = rnd.nextDouble() < 0.7 ? Reference.any(rnd, pool) : null;
            name = surname.hanzi() + g1.hanzi() + (g2 == null ? "" : g2.hanzi());
            email = chineseEmail(surname.pinyin(), g1.pinyin() + (g2 == null ? "" : g2.pinyin()), birth, rnd);
        } else {
            Reference.ForeignNames names = Reference.foreignNames(nationality);
            String first = Reference.any(rnd, male ? names.male() : names.female());
            String family = Reference.any(rnd, names.family());
            name = names.familyFirst() ? family + " " + first : first + " " + family;
            email = latinEmail(first, family, rnd);
        }

        String country;
        String province;
        String city;
        String address;
        String postal;
        String residentId = null;
        if (livesInChina) {
            Reference.City c = Reference.CITIES.pick(rnd);
            country = "CN";
            province = c.province();
            city = c.city();
            address = chineseAddress(c, rnd);
            postal = c.postalCode();
            if (cn) {
                residentId = Identifiers.residentId(c.regionCode(), birth, male, rnd);
            }
        } else {
            Reference.ForeignPlace p = Reference.any(rnd, Reference.foreignPlaces(nationality));
            country = nationality;
            province = p.region();
            city = p.city();
            address = foreignAddress(nationality, p, rnd);
            postal = p.postalCode();
        }
        String passport = cn ? null : Identifiers.passport(nationality, rnd);
        String mobile = livesInChina ? Identifiers.cnMobile(rnd) : Identifiers.foreignPhone(nationality, rnd);

        long lastActive;
        double a = rnd.nextDouble();
        if (f.closed()) {
            lastActive = f.registeredAt() + (long) (a * (f.closedAt() - f.registeredAt()));
        } else if (a < 0.7) {
            lastActive = asOf - 60 - (long) (rnd.nextDouble() * 90 * Facts.DAY);
        } else if (a < 0.9) {
            lastActive = asOf - 90 * Facts.DAY - (long) (rnd.nextDouble() * 275 * Facts.DAY);
        } else {
            lastActive = f.registeredAt() + (long) (rnd.nextDouble() * (asOf - f.registeredAt()));
        }
        lastActive = Math.max(lastActive, f.registeredAt() + 60);

        List<String> cards = new ArrayList<>(2);
        int nCards = rnd.nextDouble() < 0.3 ? 2 : 1;
        for (int k = 0; k < nCards; k++) {
            double b = rnd.nextDouble();
            List<String> bins = cn ? (b < 0.7 ? Reference.UNIONPAY_BINS : b < 0.85 ? Reference.VISA_BINS : Reference.MASTERCARD_BINS)
                    : (b < 0.55 ? Reference.VISA_BINS : b < 0.95 ? Reference.MASTERCARD_BINS : Reference.UNIONPAY_BINS);
            cards.add(Identifiers.cardNumber(Reference.any(rnd, bins), rnd));
        }
        List<String> ips = new ArrayList<>(3);
        int nIps = 1 + rnd.nextInt(3);
        for (int k = 0; k < nIps; k++) {
            int first = Reference.any(rnd, livesInChina ? Reference.CN_IP_FIRST_OCTETS : Reference.INTL_IP_FIRST_OCTETS);
            ips.add(first + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)));
        }
        boolean writesChinese = cn || (livesInChina && rnd.nextDouble() < 0.3);
        return new Person(f, customerId(f.index()), nationality, name, male, birth, residentId, passport, mobile, email,
                country, province, city, address, postal, lastActive, List.copyOf(cards), List.copyOf(ips), writesChinese);
    }

    private static String chineseEmail(String surname, String given, LocalDate birth, SplittableRandom rnd) {
        double u = rnd.nextDouble();
        if (u < 0.35) {
            int len = 6 + rnd.nextInt(5);
            return (1 + rnd.nextInt(9)) + Identifiers.digits(rnd, len - 1) + "@qq.com";
        }
        String handle;
        double h = rnd.nextDouble();
        if (h < 0.4) {
            handle = surname + given + (rnd.nextBoolean() ? String.valueOf(birth.getYear() % 100 + 100).substring(1) : Identifiers.digits(rnd, 3));
        } else if (h < 0.7) {
            handle = given + "." + surname + Identifiers.digits(rnd, 2);
        } else {
            handle = surname.charAt(0) + "" + given.charAt(0) + birth.getYear() + Identifiers.digits(rnd, 2);
        }
        String domain;
        do {
            domain = Reference.CN_MAIL_DOMAINS.pick(rnd);
        } while (domain.equals("qq.com"));
        return handle + "@" + domain;
    }

    private static String latinEmail(String first, String family, SplittableRandom rnd) {
        String f = ascii(first);
        String l = ascii(family);
        String handle = switch (rnd.nextInt(3)) {
            case 0 -> f + "." + l;
            case 1 -> f.charAt(0) + l + Identifiers.digits(rnd, 2);
            default -> f + l + Identifiers.digits(rnd, 3);
        };
        return handle + "@" + Reference.INTL_MAIL_DOMAINS.pick(rnd);
    }

    private static String ascii(String s) {
        String n = Normalizer.normalize(s.replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    static String chineseAddress(Reference.City c, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(48).append(c.province());
        if (!c.municipality()) {
            sb.append(c.city());
        }
        sb.append(c.district()).append(Reference.any(rnd, c.streets())).append(1 + rnd.nextInt(300)).append('号');
        if (rnd.nextDouble() < 0.75) {
            sb.append(1 + rnd.nextInt(20)).append('栋').append(1 + rnd.nextInt(4)).append("单元")
                    .append(1 + rnd.nextInt(32)).append(String.format("%02d", 1 + rnd.nextInt(6))).append('室');
        }
        return sb.toString();
    }

    static String foreignAddress(String country, Reference.ForeignPlace p, SplittableRandom rnd) {
        String street = Reference.any(rnd, p.streets());
        int no = 1 + rnd.nextInt(220);
        return switch (country) {
            case "DE" -> street + " " + no + ", " + p.postalCode() + " " + p.city();
            case "FR" -> no + " " + street + ", " + p.postalCode() + " " + p.city();
            case "JP" -> (1 + rnd.nextInt(5)) + "-" + (1 + rnd.nextInt(20)) + "-" + (1 + rnd.nextInt(30)) + " " + street + ", "
                    + p.city() + ", " + p.region() + " " + p.postalCode();
            case "KR" -> no + " " + street + ", " + p.city() + ", " + p.region() + " " + p.postalCode();
            case "SG", "MY" -> no + " " + street + (rnd.nextBoolean() ? ", #" + String.format("%02d-%02d", 2 + rnd.nextInt(30), 1 + rnd.nextInt(12)) : "")
                    + ", " + (p.city().equals(p.region()) ? p.city() : p.city() + ", " + p.region()) + " " + p.postalCode();
            case "GB" -> no + " " + street + ", " + p.city() + " " + p.postalCode();
            default -> no + " " + street + (rnd.nextBoolean() ? " Apt " + (1 + rnd.nextInt(40)) : "") + ", " + p.city() + ", "
                    + p.region() + " " + p.postalCode();
        };
    }

    /** An address in a country the customer does not live in (gift orders). */
    static String addressIn(String country, SplittableRandom rnd) {
        if (country.equals("CN")) {
            return chineseAddress(Reference.CITIES.pick(rnd), rnd);
        }
        return foreignAddress(country, Reference.any(rnd, Reference.foreignPlaces(country)), rnd);
    }
}
