package io.custodia.evidence;

/** Escaping and the shared inline style of every page Custodia writes (no external assets). */
final class Html {
    static final String STYLE = """
            <style>
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;color:#1d2733;padding:0 1rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d8dee6;padding-bottom:.2rem}
            .meta{color:#5b6b7c}.status{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-weight:600}
            .COMPLETED,.OK{background:#dff3e4;color:#17603a}.FAILED,.BROKEN{background:#fbe1e1;color:#8a1f1f}
            .STARTED,.STOPPED,.WARNING,.UNKNOWN{background:#fdf1d6;color:#7a5400}
            table{border-collapse:collapse;margin:.6rem 0;width:100%}th,td{border:1px solid #d8dee6;padding:.3rem .5rem;text-align:left;vertical-align:top}
            th{background:#f2f5f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{color:#5b6b7c}dd{margin:0;font-weight:600}
            .bar{position:relative;height:1.1rem;background:#eef2f6;border-radius:.2rem}.bar>span{position:absolute;left:0;top:0;bottom:0;background:#4f7cac;border-radius:.2rem}
            .bar>i{position:absolute;top:-2px;bottom:-2px;border-left:2px solid #c0392b}
            footer{margin-top:3rem;color:#8795a5;font-size:.85rem}
            </style>
            """;

    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String cell(Object v) {
        return v instanceof Number ? "<td class=\"n\">" + esc(format(v)) + "</td>" : "<td>" + esc(v) + "</td>";
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format("%,d", d.longValue()) : String.format("%,.4g", d);
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format("%,d", ((Number) v).longValue());
        }
        return String.valueOf(v);
    }
}
