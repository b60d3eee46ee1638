package io.custodia.sampledata;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fixed reference data the synthetic company is drawn from: names, places, phone prefixes, card
 * BINs, comment texts. Small real lists (region codes, postal codes, carrier prefixes) so that the
 * data looks and validates like the real thing; the people are invented.
 */
final class Reference {
    private Reference() {
    }

    /** A weighted choice over a fixed list; {@code pick} is deterministic in the random stream. */
    static final class Weighted<T> {
        private final List<T> items;
        private final double[] cumulative;

        Weighted(List<T> items, double[] weights) {
            if (items.size() != weights.length) {
                throw new IllegalArgumentException("items and weights differ in length");
            }
            this.items = List.copyOf(items);
            this.cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                cumulative[i] = sum;
            }
            for (int i = 0; i < weights.length; i++) {
                cumulative[i] /= sum;
            }
        }

        T pick(SplittableRandom rnd) {
            return pick(rnd.nextDouble());
        }

        T pick(double u) {
            for (int i = 0; i < cumulative.length; i++) {
                if (u < cumulative[i]) {
                    return items.get(i);
                }
            }
            return items.get(items.size() - 1);
        }
    }

    static <T> T any(SplittableRandom rnd, List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    /** A Chinese name part with its pinyin (for e-mail handles). */
    record Han(String hanzi, String pinyin) {
    }

    private static List<Han> han(String spec) {
        return java.util.Arrays.stream(spec.trim().split("\\s+")).map(s -> {
            int c = s.indexOf(':');
            return new Han(s.substring(0, c), s.substring(c + 1));
        }).toList();
    }

    /** Common surnames with approximate frequencies (per cent of population). */
    static final Weighted<Han> SURNAMES;

    static {
        String spec = """
                王:wang:7.1 李:li:7.0 张:zhang:6.7 刘:liu:5.4 陈:chen:4.5 杨:yang:3.1 黄:huang:2.2 赵:zhao:2.0
                吴:wu:1.9 周:zhou:1.9 徐:xu:1.3 孙:sun:1.3 马:ma:1.2 朱:zhu:1.1 胡:hu:1.0 郭:guo:1.0 何:he:0.9
                高:gao:0.9 林:lin:0.9 罗:luo:0.8 郑:zheng:0.8 梁:liang:0.8 谢:xie:0.6 宋:song:0.6 唐:tang:0.6
                许:xu:0.5 韩:han:0.5 冯:feng:0.5 邓:deng:0.5 曹:cao:0.5 彭:peng:0.4 曾:zeng:0.4 肖:xiao:0.4
                田:tian:0.4 董:dong:0.4 袁:yuan:0.3 潘:pan:0.3 于:yu:0.3 蒋:jiang:0.3 蔡:cai:0.3 余:yu:0.3
                杜:du:0.3 叶:ye:0.3 程:cheng:0.3 苏:su:0.3 魏:wei:0.3 吕:lv:0.3 丁:ding:0.3 任:ren:0.3
                沈:shen:0.3 姚:yao:0.2 卢:lu:0.2 姜:jiang:0.2 崔:cui:0.2 钟:zhong:0.2 谭:tan:0.2 陆:lu:0.2
                汪:wang:0.2 范:fan:0.2 金:jin:0.2 石:shi:0.2 廖:liao:0.2 贾:jia:0.2 夏:xia:0.2 韦:wei:0.2
                付:fu:0.2 方:fang:0.2 白:bai:0.2 邹:zou:0.2 孟:meng:0.2 熊:xiong:0.2 秦:qin:0.2 邱:qiu:0.2
                江:jiang:0.2 尹:yin:0.2 薛:xue:0.2 欧阳:ouyang:0.05 司马:sima:0.02 上官:shangguan:0.02
                """;
        String[] parts = spec.trim().split("\\s+");
        List<Han> names = new java.util.ArrayList<>();
        double[] w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String[] p = parts[i].split(":");
            names.add(new Han(p[0], p[1]));
            w[i] = Double.parseDouble(p[2]);
        }
        SURNAMES = new Weighted<>(names, w);
    }

    static final List<Han> GIVEN_MALE = han("""
            伟:wei 强:qiang 磊:lei 军:jun 勇:yong 杰:jie 涛:tao 明:ming 超:chao 斌:bin 鹏:peng 辉:hui 浩:hao
            宇:yu 轩:xuan 俊:jun 博:bo 晨:chen 子:zi 建:jian 国:guo 志:zhi 文:wen 海:hai 华:hua 东:dong 平:ping
            刚:gang 鑫:xin 天:tian 然:ran 睿:rui 泽:ze 铭:ming 嘉:jia 宏:hong 毅:yi 峰:feng 龙:long 凯:kai
            """);

    static final List<Han> GIVEN_FEMALE = han("""
            芳:fang 娜:na 敏:min 静:jing 丽:li 艳:yan 娟:juan 霞:xia 婷:ting 雪:xue 慧:hui 莹:ying 琳:lin
            欣:xin 怡:yi 梦:meng 颖:ying 佳:jia 思:si 雨:yu 晓:xiao 玉:yu 兰:lan 倩:qian 萍:ping 洁:jie 悦:yue
            诗:shi 涵:han 萱:xuan 琪:qi 妍:yan 彤:tong 蕾:lei 璐:lu 晶:jing 丹:dan 红:hong 燕:yan 秀:xiu
            """);

    /** A mainland place: the district's real 6-digit administrative code and postal code. */
    record City(String province, String city, String district, String regionCode, String postalCode, List<String> streets) {
        boolean municipality() {
            return province.equals(city);
        }
    }

    static final Weighted<City> CITIES = new Weighted<>(List.of(
            new City("北京市", "北京市", "东城区", "110101", "100010", List.of("东长安街", "王府井大街", "朝阳门内大街")),
            new City("上海市", "上海市", "徐汇区", "310104", "200030", List.of("漕溪北路", "衡山路", "肇嘉浜路")),
            new City("广东省", "广州市", "天河区", "440106", "510630", List.of("天河路", "体育西路", "黄埔大道西")),
            new City("广东省", "深圳市", "南山区", "440305", "518052", List.of("科技园南路", "深南大道", "南海大道")),
            new City("浙江省", "杭州市", "西湖区", "330106", "310013", List.of("文三路", "天目山路", "西溪路")),
            new City("浙江省", "宁波市", "江北区", "330205", "315020", List.of("人民路", "大庆南路", "洪塘中路")),
            new City("江苏省", "南京市", "玄武区", "320102", "210018", List.of("中山路", "北京东路", "龙蟠路")),
            new City("江苏省", "苏州市", "虎丘区", "320505", "215011", List.of("狮山路", "塔园路", "金山路")),
            new City("四川省", "成都市", "武侯区", "510107", "610041", List.of("人民南路四段", "武侯祠大街", "科华北路")),
            new City("湖北省", "武汉市", "武昌区", "420106", "430061", List.of("中南路", "中北路", "武珞路")),
            new City("陕西省", "西安市", "雁塔区", "610113", "710061", List.of("小寨东路", "长安南路", "雁塔路")),
            new City("重庆市", "重庆市", "渝中区", "500103", "400010", List.of("民族路", "中山三路", "邹容路")),
            new City("天津市", "天津市", "和平区", "120101", "300041", List.of("南京路", "滨江道", "卫津路")),
            new City("山东省", "青岛市", "市南区", "370202", "266001", List.of("香港中路", "东海西路", "延安三路")),
            new City("福建省", "厦门市", "思明区", "350203", "361001", List.of("湖滨南路", "厦禾路", "鹭江道")),
            new City("湖南省", "长沙市", "天心区", "430103", "410004", List.of("芙蓉中路", "书院路", "劳动西路")),
            new City("河南省", "郑州市", "金水区", "410105", "450003", List.of("花园路", "金水路", "经三路")),
            new City("辽宁省", "沈阳市", "和平区", "210102", "110001", List.of("中华路", "南京北街", "三好街")),
            new City("云南省", "昆明市", "五华区", "530102", "650021", List.of("人民中路", "东风西路", "青年路")),
            new City("黑龙江省", "哈尔滨市", "南岗区", "230103", "150001", List.of("中山路", "西大直街", "红军街"))),
            new double[] {7, 9, 8, 8, 6, 3, 5, 4, 6, 5, 4, 5, 3, 3, 3, 3, 3, 3, 2, 2});

    /** Mobile prefixes of the three carriers (China Mobile, China Unicom, China Telecom). */
    static final List<String> MOBILE_PREFIXES = List.of(
            "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "178", "182",
            "183", "184", "187", "188", "198", "130", "131", "132", "155", "156", "166", "175", "176", "185", "186",
            "133", "153", "173", "177", "180", "181", "189", "191", "193", "199");

    static final List<String> CN_MAIL_DOMAINS_WEIGHTED = List.of("qq.com", "163.com", "126.com", "sina.com", "foxmail.com",
            "139.com", "yeah.net", "gmail.com", "outlook.com", "hotmail.com");
    static final Weighted<String> CN_MAIL_DOMAINS = new Weighted<>(CN_MAIL_DOMAINS_WEIGHTED,
            new double[] {35, 20, 8, 5, 5, 5, 4, 7, 7, 4});
    static final Weighted<String> INTL_MAIL_DOMAINS = new Weighted<>(
            List.of("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me"),
            new double[] {45, 20, 10, 12, 8, 5});

    /** Foreign nationalities and their share among foreign customers. */
    static final Weighted<String> FOREIGN_NATIONALITIES = new Weighted<>(
            List.of("US", "GB", "DE", "JP", "KR", "SG", "AU", "FR", "CA", "MY"),
            new double[] {20, 10, 9, 12, 11, 10, 8, 6, 7, 7});

    record ForeignNames(List<String> male, List<String> female, List<String> family, boolean familyFirst) {
    }

    private static List<String> words(String s) {
        return List.of(s.trim().split("\\s*,\\s*"));
    }

    private static final ForeignNames ANGLO = new ForeignNames(
            words("James, John, Michael, David, William, Daniel, Matthew, Oliver, Jack, Thomas, Ethan, Liam, Noah"),
            words("Emily, Olivia, Sarah, Emma, Jessica, Charlotte, Sophie, Grace, Chloe, Hannah, Amelia, Isla"),
            words("Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Clark, Walker, Wright, "
                    + "Thompson, White, Harris, Martin, Robinson, Evans, Roberts, Campbell"),
            false);

    private static final List<String> NATIONALITIES = List.of("US", "GB", "DE", "JP", "KR", "SG", "AU", "FR", "CA", "MY");
    private static final java.util.Map<String, ForeignNames> NAMES_BY_NATIONALITY = java.util.Map.copyOf(
            NATIONALITIES.stream().collect(java.util.stream.Collectors.toMap(c -> c, Reference::buildForeignNames)));
    private static final java.util.Map<String, List<ForeignPlace>> PLACES_BY_COUNTRY = java.util.Map.copyOf(
            NATIONALITIES.stream().collect(java.util.stream.Collectors.toMap(c -> c, Reference::buildForeignPlaces)));

    static ForeignNames foreignNames(String nationality) {
        return NAMES_BY_NATIONALITY.get(nationality);
    }

    static List<ForeignPlace> foreignPlaces(String country) {
        List<ForeignPlace> p = PLACES_BY_COUNTRY.get(country);
        if (p == null) {
            throw new IllegalArgumentException("no places for " + country);
        }
        return p;
    }

    private static ForeignNames buildForeignNames(String nationality) {
        return switch (nationality) {
            case "DE" -> new ForeignNames(words("Lukas, Felix, Maximilian, Jonas, Leon, Paul, Finn, Elias"),
                    words("Anna, Lena, Mia, Hannah, Laura, Lea, Sophie, Marie"),
                    words("Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann"), false);
            case "FR" -> new ForeignNames(words("Lucas, Hugo, Louis, Gabriel, Arthur, Jules, Nathan, Théo"),
                    words("Camille, Léa, Manon, Chloé, Inès, Sarah, Jade, Louise"),
                    words("Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau"), false);
            case "JP" -> new ForeignNames(words("Haruto, Ren, Sota, Yuto, Hiroshi, Takumi, Kenji, Daiki"),
                    words("Yui, Hina, Sakura, Aoi, Yuna, Mei, Haruka, Rin"),
                    words("Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato"), false);
            case "KR" -> new ForeignNames(words("Min-jun, Seo-jun, Do-yun, Ji-ho, Jun-seo, Hyun-woo"),
                    words("Seo-yeon, Ji-woo, Ha-eun, Min-seo, Su-bin, Ye-jin"),
                    words("Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim"), false);
            case "SG" -> new ForeignNames(words("Wei Jie, Jun Hao, Zhi Hao, Kai Wen, Jia Le"),
                    words("Hui Min, Xin Yi, Jia Hui, Li Ting, Shu Fen"),
                    words("Tan, Lim, Lee, Ng, Ong, Wong, Goh, Chua, Koh, Teo"), true);
            case "MY" -> new ForeignNames(words("Wei Liang, Jia Hao, Chee Keong, Kok Wai, Zi Xuan"),
                    words("Mei Ling, Hui Ying, Siew Lan, Pei Shan, Xin Hui"),
                    words("Tan, Lim, Wong, Lee, Chong, Ng, Yap, Ooi, Teh, Loh"), true);
            default -> ANGLO;
        };
    }

    /** A foreign place: region (state), city, postal code and a street list, Latin script. */
    record ForeignPlace(String region, String city, String postalCode, List<String> streets) {
    }

    private static List<ForeignPlace> buildForeignPlaces(String country) {
        return switch (country) {
            case "US" -> List.of(new ForeignPlace("CA", "San Francisco", "94107", words("Market St, Folsom St, Townsend St")),
                    new ForeignPlace("NY", "New York", "10001", words("W 34th St, 8th Ave, Broadway")),
                    new ForeignPlace("WA", "Seattle", "98101", words("Pine St, 4th Ave, Union St")));
            case "GB" -> List.of(new ForeignPlace("England", "London", "EC1A 1BB", words("King Edward St, Newgate St, Aldersgate St")),
                    new ForeignPlace("England", "Manchester", "M1 1AE", words("Piccadilly, Market St, Portland St")));
            case "DE" -> List.of(new ForeignPlace("Berlin", "Berlin", "10115", words("Chausseestraße, Invalidenstraße, Torstraße")),
                    new ForeignPlace("Bayern", "München", "80331", words("Kaufingerstraße, Sendlinger Straße, Rindermarkt")),
                    new ForeignPlace("Hamburg", "Hamburg", "20095", words("Mönckebergstraße, Spitalerstraße, Steinstraße")));
            case "JP" -> List.of(new ForeignPlace("Tokyo", "Minato-ku", "105-0011", words("Shibakoen, Hamamatsucho, Shiba")),
                    new ForeignPlace("Osaka", "Kita-ku", "530-0001", words("Umeda, Sonezaki, Nakanoshima")));
            case "KR" -> List.of(new ForeignPlace("Seoul", "Jung-gu", "04524", words("Sejong-daero, Eulji-ro, Namdaemun-ro")),
                    new ForeignPlace("Busan", "Haeundae-gu", "48058", words("Haeundaehaebyeon-ro, Centum-ro, Udong-ro")));
            case "SG" -> List.of(new ForeignPlace("Singapore", "Singapore", "238859", words("Orchard Road, Scotts Road, Paterson Road")),
                    new ForeignPlace("Singapore", "Singapore", "018956", words("Marina Boulevard, Raffles Quay, Shenton Way")));
            case "AU" -> List.of(new ForeignPlace("NSW", "Sydney", "2000", words("George St, Pitt St, Kent St")),
                    new ForeignPlace("VIC", "Melbourne", "3000", words("Collins St, Bourke St, Flinders Lane")));
            case "FR" -> List.of(new ForeignPlace("Île-de-France", "Paris", "75008", words("Rue de Rivoli, Avenue Montaigne, Rue du Faubourg Saint-Honoré")),
                    new ForeignPlace("Auvergne-Rhône-Alpes", "Lyon", "69002", words("Rue de la République, Rue Mercière, Quai Saint-Antoine")));
            case "CA" -> List.of(new ForeignPlace("ON", "Toronto", "M5H 2N2", words("King St W, Bay St, Adelaide St W")),
                    new ForeignPlace("BC", "Vancouver", "V6B 1A1", words("Granville St, Seymour St, Robson St")));
            case "MY" -> List.of(new ForeignPlace("Kuala Lumpur", "Kuala Lumpur", "50450", words("Jalan Ampang, Jalan Sultan Ismail, Jalan Raja Chulan")),
                    new ForeignPlace("Penang", "George Town", "10200", words("Lebuh Chulia, Lebuh Armenian, Jalan Burma")));
            default -> throw new IllegalArgumentException("no places for " + country);
        };
    }

    /** Card BINs: UnionPay debit (ICBC, ABC, CCB, CMB), Visa, Mastercard. */
    static final List<String> UNIONPAY_BINS = List.of("622202", "622848", "621700", "622588");
    static final List<String> VISA_BINS = List.of("427020", "438088", "404117", "414709");
    static final List<String> MASTERCARD_BINS = List.of("524094", "552588", "518710", "531993");

    /** First octets of public IPv4 ranges allocated in mainland China, and elsewhere. */
    static final List<Integer> CN_IP_FIRST_OCTETS = List.of(36, 39, 42, 58, 59, 60, 61, 101, 110, 111, 112, 113, 114,
            115, 116, 117, 119, 120, 121, 122, 123, 124, 125, 180, 182, 183, 218, 219, 220, 221, 222, 223);
    static final List<Integer> INTL_IP_FIRST_OCTETS = List.of(24, 31, 46, 62, 68, 73, 77, 81, 86, 98, 104, 109, 126,
            141, 151, 175, 185, 203);

    static final Weighted<String> DEVICES = new Weighted<>(
            List.of("android-app", "ios-app", "wechat-mini-program", "web-mobile", "web-desktop"),
            new double[] {30, 25, 20, 13, 12});
    static final Weighted<String> EVENT_TYPES = new Weighted<>(
            List.of("page_view", "search", "add_to_cart", "checkout", "login", "logout"),
            new double[] {55, 15, 10, 5, 10, 5});
    static final List<String> CATEGORIES = List.of("baby", "beauty", "health", "food", "fashion", "electronics", "home");
    static final List<String> SEARCH_TERMS = List.of("milk+powder", "sunscreen", "vitamin+c", "face+mask", "coffee+beans",
            "running+shoes", "headphones", "olive+oil", "diapers", "fish+oil", "handbag", "protein+powder");

    static final List<String> ZH_POSITIVE = List.of(
            "很满意，会再次购买。", "客服态度很好，问题解决得很快。", "物流比预期快，包装也很仔细。", "正品，和描述一致，好评！",
            "价格实惠，已经推荐给朋友了。", "清关顺利，三天就收到了。");
    static final List<String> ZH_NEUTRAL = List.of(
            "请问这款奶粉有没有中文标签？", "发票什么时候能开出来？", "海关清关一般需要多久？", "可以修改收货地址吗？",
            "这个商品什么时候补货？", "请问支持分期付款吗？");
    static final List<String> ZH_NEGATIVE = List.of(
            "物流太慢了，等了两个星期才到。", "商品和描述不符，申请退货。", "包装破损，里面的瓶子漏了。", "退款还没有到账，请帮忙查询。",
            "尺码偏小，换货流程太复杂。", "客服一直不回复，体验很差。");
    static final List<String> EN_POSITIVE = List.of(
            "Great service, thank you!", "Product as described, fast shipping.", "Arrived well packed and earlier than expected.",
            "Genuine product, will buy again.", "Customs clearance was smooth this time.");
    static final List<String> EN_NEUTRAL = List.of(
            "How long does customs clearance usually take?", "Can I change my shipping address?", "When will this item be back in stock?",
            "Do you ship to PO boxes?", "Is an English invoice available?");
    static final List<String> EN_NEGATIVE = List.of(
            "Delivery took longer than expected.", "The item arrived damaged, please advise.", "Refund not received yet.",
            "Wrong size sent, I need an exchange.", "Nobody answered my last two messages.");

    /** Comments that carry the customer's own contact details in free text (the leak an inventory must find). */
    static final List<String> ZH_LEAK_MOBILE = List.of("快递员打不通电话，请联系我：%s，谢谢。", "我的手机号是%s，换了号码请帮忙更新。",
            "麻烦客服回电%s，订单一直没发货。");
    static final List<String> ZH_LEAK_EMAIL = List.of("请把电子发票发到我的邮箱%s。", "邮箱%s收不到验证码，请处理。");
    static final List<String> EN_LEAK_MOBILE = List.of("Please call me back on %s about my order.", "The courier can reach me at %s.");
    static final List<String> EN_LEAK_EMAIL = List.of("Please send the invoice to %s.", "I never got the confirmation mail at %s, please resend.");
}
