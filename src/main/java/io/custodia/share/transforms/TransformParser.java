package io.custodia.share.transforms;

import io.custodia.catalog.Column;
import io.custodia.catalog.ColumnType;
import io.custodia.config.YamlNode;
import io.custodia.crypto.pseudo.MaskPattern;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one allow-list entry's transform from a sharing policy and checks it against the source
 * column's declared type, so that every mistake surfaces with file:line:column before a job runs.
 *
 * <pre>
 * - {column: mobile, transform: fpe, format: mobile, keep-carrier-prefix: true, on-invalid: suppress}
 * - {column: email, transform: mask, pattern: email}            # or pattern: "keep-first:1,keep-last:0,char:*"
 * - {column: birth_date, as: age_band, transform: generalize, to: age-band, width: 10, top: 70}
 * - {column: registered_at, transform: generalize, to: month}   # year | month | age-band
 * - {column: amount, transform: generalize, to: bucket, width: 100}
 * - {column: address, as: city, transform: generalize, to: city} # province | city
 * - {column: postal_code, transform: generalize, to: prefix, length: 3}
 * - {column: nationality, transform: generalize, to: categories, keep: [CN], other: other}
 * - {column: customer_id, as: customer_token, transform: pseudonym}
 * - {column: last_active_at, transform: date-shift}              # range: the policy's date-shift.max-days
 * - {column: passport_no, transform: suppress}
 * - {column: gender, transform: keep}
 * </pre>
 */
public final class TransformParser {
    public static final List<String> KINDS = List.of("keep", "suppress", "pseudonym", "fpe", "mask", "generalize", "date-shift");
    private static final Set<ColumnType> DATES = EnumSet.of(ColumnType.DATE, ColumnType.TIMESTAMP);
    private static final Set<ColumnType> NUMBERS = EnumSet.of(ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE);

    private TransformParser() {
    }

    /** What a transform may need from the policy around it. */
    public record Context(int keyVersion, Integer dateShiftMaxDays) {
    }

    /**
     * @param entry      the allow-list entry (a mapping)
     * @param commonKeys the keys every entry may have (column, as, transform, override, …)
     */
    public static TransformSpec parse(YamlNode entry, Column column, Set<String> commonKeys, Context context) {
        YamlNode kindNode = entry.require("transform");
        String kind = kindNode.asString();
        if (!KINDS.contains(kind)) {
            throw kindNode.error("unknown transform '" + kind + "'; expected one of " + String.join(", ", KINDS));
        }
        ColumnType type = column.type();
        return switch (kind) {
            case "keep" -> {
                only(entry, commonKeys);
                yield new Keep(type);
            }
            case "suppress" -> {
                only(entry, commonKeys);
                yield new Suppress(type);
            }
            case "pseudonym" -> {
                only(entry, commonKeys);
                requireType(kindNode, column, EnumSet.of(ColumnType.STRING, ColumnType.INT, ColumnType.LONG), "string, int or long");
                yield new Pseudonym(column.name(), context.keyVersion());
            }
            case "fpe" -> fpe(entry, kindNode, column, commonKeys, context);
            case "mask" -> {
                only(entry, commonKeys, "pattern");
                requireType(kindNode, column, EnumSet.of(ColumnType.STRING), "string");
                yield mask(entry.require("pattern"));
            }
            case "generalize" -> generalize(entry, kindNode, column, commonKeys);
            case "date-shift" -> {
                only(entry, commonKeys);
                requireType(kindNode, column, DATES, "date or timestamp");
                if (context.dateShiftMaxDays() == null) {
                    throw kindNode.error("date-shift needs the range of the shift: add 'date-shift: {max-days: N}' to the share section");
                }
                yield new DateShift(type, context.dateShiftMaxDays(), context.keyVersion());
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static TransformSpec fpe(YamlNode entry, YamlNode kindNode, Column column, Set<String> commonKeys, Context context) {
        requireType(kindNode, column, EnumSet.of(ColumnType.STRING), "string");
        YamlNode formatNode = entry.require("format");
        FpeFormat format = formatNode.asEnum(FpeFormat.class);
        String keepKey = Fpe.keepOption(format);
        if (keepKey == null) {
            only(entry, commonKeys, "format", "on-invalid");
        } else {
            only(entry, commonKeys, "format", "on-invalid", keepKey);
        }
        boolean keep = keepKey != null && entry.optional(keepKey).map(YamlNode::asBoolean).orElse(false);
        boolean fail = false;
        if (entry.optional("on-invalid").isPresent()) {
            YamlNode n = entry.require("on-invalid");
            fail = switch (n.asString()) {
                case "suppress" -> false;
                case "fail" -> true;
                default -> throw n.error("unknown value '" + n.asString() + "'; expected suppress or fail");
            };
        }
        return new Fpe(format, keep, fail, column.name(), context.keyVersion());
    }

    private static Mask mask(YamlNode patternNode) {
        String p = patternNode.asString();
        if (p.contains(":")) {
            try {
                return new Mask(MaskStyle.CUSTOM, MaskPattern.parse(p));
            } catch (IllegalArgumentException e) {
                throw patternNode.error(e.getMessage());
            }
        }
        MaskStyle style = patternNode.asEnum(MaskStyle.class);
        if (style == MaskStyle.CUSTOM) {
            throw patternNode.error("write a custom pattern as keep-first:N,keep-last:N,char:C");
        }
        return new Mask(style, null);
    }

    private static TransformSpec generalize(YamlNode entry, YamlNode kindNode, Column column, Set<String> commonKeys) {
        YamlNode toNode = entry.require("to");
        String to = toNode.asString();
        ColumnType type = column.type();
        return switch (to) {
            case "year", "month", "age-band" -> {
                requireType(toNode, column, DATES, "date or timestamp", "generalize to " + to);
                if (to.equals("age-band")) {
                    only(entry, commonKeys, "to", "width", "top");
                    int width = entry.optional("width").map(YamlNode::asInt).orElse(10);
                    if (width < 1 || width > 100) {
                        throw entry.require("width").error("an age band is 1 to 100 years wide");
                    }
                    Integer top = entry.optional("top").map(YamlNode::asInt).orElse(null);
                    if (top != null && (top < 1 || top > 150)) {
                        throw entry.require("top").error("top must be an age from 1 to 150");
                    }
                    yield new DateGeneralization(DateGeneralization.Level.AGE_BAND, width, top);
                }
                only(entry, commonKeys, "to");
                yield new DateGeneralization(to.equals("year") ? DateGeneralization.Level.YEAR : DateGeneralization.Level.MONTH, 0, null);
            }
            case "bucket" -> {
                requireType(toNode, column, NUMBERS, "int, long or double", "generalize to bucket");
                only(entry, commonKeys, "to", "width");
                YamlNode w = entry.require("width");
                double width = w.asDouble();
                if (!(width > 0) || Double.isInfinite(width)) {
                    throw w.error("bucket width must be a positive number");
                }
                yield new NumberBuckets(width);
            }
            case "province", "city" -> {
                requireType(toNode, column, EnumSet.of(ColumnType.STRING), "string", "generalize to " + to);
                only(entry, commonKeys, "to");
                yield new AddressLevel(to.equals("city") ? AddressLevel.Level.CITY : AddressLevel.Level.PROVINCE);
            }
            case "prefix" -> {
                requireType(toNode, column, EnumSet.of(ColumnType.STRING), "string", "generalize to prefix");
                only(entry, commonKeys, "to", "length");
                YamlNode len = entry.require("length");
                int n = len.asInt();
                if (n < 1) {
                    throw len.error("prefix length must be at least 1");
                }
                yield new Prefix(n);
            }
            case "categories" -> {
                requireType(toNode, column, EnumSet.of(ColumnType.STRING), "string", "generalize to categories");
                only(entry, commonKeys, "to", "keep", "other");
                YamlNode keep = entry.require("keep");
                List<String> values = keep.asStringList();
                if (values.isEmpty()) {
                    throw keep.error("list at least one category to keep");
                }
                yield new Categories(values, entry.optional("other").map(YamlNode::asString).orElse("other"));
            }
            default -> throw toNode.error("unknown generalization '" + to + "' for a " + type.label()
                    + " column; expected " + switch (type) {
                        case DATE, TIMESTAMP -> "year, month or age-band";
                        case INT, LONG, DOUBLE -> "bucket";
                        case STRING -> "province, city, prefix or categories";
                        case BOOLEAN -> "nothing (a boolean cannot be generalized; keep or suppress it)";
                    });
        };
    }

    private static void requireType(YamlNode at, Column column, Set<ColumnType> allowed, String expected) {
        requireType(at, column, allowed, expected, at.asString());
    }

    private static void requireType(YamlNode at, Column column, Set<ColumnType> allowed, String expected, String what) {
        if (!allowed.contains(column.type())) {
            throw at.error("transform '" + what + "' is not valid for column '" + column.name() + "' of type " + column.type().label()
                    + "; it takes " + expected + " columns");
        }
    }

    private static void only(YamlNode entry, Set<String> common, String... extra) {
        Set<String> allowed = new HashSet<>(common);
        allowed.addAll(List.of(extra));
        entry.requireOnlyKeys(allowed);
    }
}
