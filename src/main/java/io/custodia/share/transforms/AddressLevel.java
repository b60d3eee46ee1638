package io.custodia.share.transforms;

import io.custodia.catalog.ColumnType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code generalize} of a mainland Chinese postal address to its {@code province} or {@code city}:
 * {@code 广东省广州市天河区天河路1号} becomes {@code 广东省} or {@code 广州市}; for the four
 * municipalities (北京, 上海, 天津, 重庆) province and city are the municipality. Autonomous regions
 * (广西壮族自治区 …), special administrative regions, autonomous prefectures, leagues and
 * prefectures are recognised. An address that does not start this way (a foreign address) becomes
 * null and is counted: passing it through would leak the whole address.
 */
public record AddressLevel(Level level) implements TransformSpec {
    public enum Level {
        PROVINCE, CITY;

        public String label() {
            return name().toLowerCase();
        }
    }

    private static final Pattern MUNICIPALITY = Pattern.compile("^(北京市|上海市|天津市|重庆市)");
    private static final Pattern PROVINCE = Pattern.compile("^(\\p{IsHan}{2,7}?(?:省|自治区|特别行政区))");
    private static final Pattern CITY = Pattern.compile("^(\\p{IsHan}{1,12}?(?:自治州|地区|盟|市))");

    @Override
    public String kind() {
        return "generalize";
    }

    @Override
    public ColumnType outputType() {
        return ColumnType.STRING;
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("to", level.label());
    }

    /** The province or city of {@code address}, or null when it is not a recognisable mainland address. */
    public static String of(String address, Level level) {
        String a = address.strip();
        Matcher m = MUNICIPALITY.matcher(a);
        if (m.find()) {
            return m.group(1);
        }
        m = PROVINCE.matcher(a);
        if (!m.find()) {
            return null;
        }
        if (level == Level.PROVINCE) {
            return m.group(1);
        }
        Matcher c = CITY.matcher(a.substring(m.end()));
        return c.find() ? c.group(1) : null;
    }

    @Override
    public Transform bind(KeyContext keys) {
        return new Transform() {
            private long rejected;

            @Override
            public Object apply(Object value, String subject) {
                if (value == null) {
                    return null;
                }
                String out = of(value.toString(), level);
                if (out == null) {
                    rejected++;
                }
                return out;
            }

            @Override
            public long rejected() {
                return rejected;
            }
        };
    }
}
