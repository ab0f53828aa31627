// @generated from data/reference/m49_aggregates.csv by the workspace's codegen task — do not edit

use crate::country::{Aggregate, AggregateInfo};

/// UN M49 / Comtrade aggregates, in the order of the CSV.
pub(crate) static AGGREGATES: &[AggregateInfo] = &[
    AggregateInfo {
        code: 0,
        name_en: "World",
        name_ru: "Мир",
        source: "facts trade.md 5.3 (Comtrade partner 0 World; W00 in data rows; WLD in legacy files)",
    },
    AggregateInfo {
        code: 97,
        name_en: "European Union",
        name_ru: "Европейский союз",
        source: "UN Comtrade partner code 97 (EU aggregate, membership as of the reporting year; not in the legacy table below, unverified name)",
    },
    AggregateInfo {
        code: 129,
        name_en: "Caribbean, nes",
        name_ru: "Страны Карибского бассейна, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 221,
        name_en: "Eastern Europe, nes",
        name_ru: "Восточная Европа, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 290,
        name_en: "Northern Africa, nes",
        name_ru: "Северная Африка, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 471,
        name_en: "CACM, nes",
        name_ru: "ЦАОР, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy); Central American Common Market",
    },
    AggregateInfo {
        code: 472,
        name_en: "Africa CAMEU region, nes",
        name_ru: "Регион ЦАЭВС в Африке, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy); Central African Customs and Economic Union",
    },
    AggregateInfo {
        code: 473,
        name_en: "LAIA, nes",
        name_ru: "ЛАИ, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy); Latin American Integration Association",
    },
    AggregateInfo {
        code: 490,
        name_en: "Other Asia, nes",
        name_ru: "Прочие страны Азии, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy); Comtrade reports Taiwan Province of China under this code",
    },
    AggregateInfo {
        code: 527,
        name_en: "Oceania, nes",
        name_ru: "Океания, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 568,
        name_en: "Other Europe, nes",
        name_ru: "Прочие страны Европы, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 577,
        name_en: "Other Africa, nes",
        name_ru: "Прочие страны Африки, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 636,
        name_en: "Rest of America, nes",
        name_ru: "Прочие страны Америки, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 637,
        name_en: "North America and Central America, nes",
        name_ru: "Северная и Центральная Америка, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 697,
        name_en: "Europe EFTA, nes",
        name_ru: "Страны ЕАСТ, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 711,
        name_en: "Southern African Customs Union (...1999)",
        name_ru: "Южноафриканский таможенный союз (до 1999)",
        source: "UN Comtrade code-to-name table (public repository copy); historical reporter",
    },
    AggregateInfo {
        code: 837,
        name_en: "Bunkers",
        name_ru: "Бункерное топливо",
        source: "UN Comtrade code-to-name table (public repository copy); ship and aircraft stores",
    },
    AggregateInfo {
        code: 838,
        name_en: "Free Zones",
        name_ru: "Свободные зоны",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 839,
        name_en: "Special Categories",
        name_ru: "Особые категории",
        source: "UN Comtrade code-to-name table (public repository copy); partner withheld",
    },
    AggregateInfo {
        code: 879,
        name_en: "Western Asia, nes",
        name_ru: "Западная Азия, не указанные",
        source: "UN Comtrade code-to-name table (public repository copy)",
    },
    AggregateInfo {
        code: 899,
        name_en: "Areas, nes",
        name_ru: "Районы, не указанные",
        source: "facts trade.md 5.3 (Comtrade partner 899 Areas nes; _X in ISO columns)",
    },
    AggregateInfo {
        code: 58,
        name_en: "Belgium-Luxembourg",
        name_ru: "Бельгия и Люксембург",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 200,
        name_en: "Czechoslovakia",
        name_ru: "Чехословакия",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 230,
        name_en: "Fmr Ethiopia",
        name_ru: "Бывшая Эфиопия",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 278,
        name_en: "Fmr Dem. Rep. of Germany",
        name_ru: "Бывшая Германская Демократическая Республика",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 280,
        name_en: "Fmr Fed. Rep. of Germany",
        name_ru: "Бывшая Федеративная Республика Германия",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 457,
        name_en: "Sarawak",
        name_ru: "Саравак",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 459,
        name_en: "Peninsula Malaysia",
        name_ru: "Полуостровная Малайзия",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 461,
        name_en: "Sabah",
        name_ru: "Сабах",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 530,
        name_en: "Neth. Antilles",
        name_ru: "Нидерландские Антильские острова",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 532,
        name_en: "Neth. Antilles and Aruba",
        name_ru: "Нидерландские Антильские острова и Аруба",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 582,
        name_en: "Fmr Pacific Isds",
        name_ru: "Бывшие Тихоокеанские острова",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 588,
        name_en: "East and West Pakistan",
        name_ru: "Восточный и Западный Пакистан",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 590,
        name_en: "Fmr Panama, excl.Canal Zone",
        name_ru: "Бывшая Панама без зоны канала",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 592,
        name_en: "Fmr Panama-Canal-Zone",
        name_ru: "Бывшая зона Панамского канала",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 647,
        name_en: "Ryukyu Isd",
        name_ru: "Острова Рюкю",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 658,
        name_en: "Saint Kitts, Nevis and Anguilla",
        name_ru: "Сент-Китс, Невис и Ангилья",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 717,
        name_en: "Fmr Rhodesia Nyas",
        name_ru: "Бывшая Федерация Родезии и Ньясаленда",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 720,
        name_en: "Fmr Dem. Yemen",
        name_ru: "Бывший Демократический Йемен",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 736,
        name_en: "Fmr Sudan",
        name_ru: "Бывший Судан",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 810,
        name_en: "Fmr USSR",
        name_ru: "Бывший СССР",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 835,
        name_en: "Fmr Tanganyika",
        name_ru: "Бывшая Танганьика",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 836,
        name_en: "Fmr Zanzibar and Pemba Isd",
        name_ru: "Бывшие острова Занзибар и Пемба",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 866,
        name_en: "Fmr Dem. Rep. of Vietnam",
        name_ru: "Бывшая Демократическая Республика Вьетнам",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 868,
        name_en: "Fmr Rep. of Vietnam",
        name_ru: "Бывшая Республика Вьетнам",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 886,
        name_en: "Fmr Arab Rep. of Yemen",
        name_ru: "Бывшая Йеменская Арабская Республика",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 890,
        name_en: "Fmr Yugoslavia",
        name_ru: "Бывшая Югославия",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
    AggregateInfo {
        code: 891,
        name_en: "Serbia and Montenegro",
        name_ru: "Сербия и Черногория",
        source: "UN Comtrade reporterAreas.json codes absent from M49 (as quoted in a public repository; historical area)",
    },
];

/// One constant per aggregate.
impl Aggregate {
    /// World (M49 0).
    pub const WORLD: Aggregate = Aggregate(0);
    /// European Union (M49 97).
    pub const EU: Aggregate = Aggregate(1);
    /// Caribbean, nes (M49 129).
    pub const CARIBBEAN_NES: Aggregate = Aggregate(2);
    /// Eastern Europe, nes (M49 221).
    pub const EASTERN_EUROPE_NES: Aggregate = Aggregate(3);
    /// Northern Africa, nes (M49 290).
    pub const NORTHERN_AFRICA_NES: Aggregate = Aggregate(4);
    /// CACM, nes (M49 471).
    pub const CACM_NES: Aggregate = Aggregate(5);
    /// Africa CAMEU region, nes (M49 472).
    pub const AFRICA_CAMEU_NES: Aggregate = Aggregate(6);
    /// LAIA, nes (M49 473).
    pub const LAIA_NES: Aggregate = Aggregate(7);
    /// Other Asia, nes (M49 490).
    pub const OTHER_ASIA_NES: Aggregate = Aggregate(8);
    /// Oceania, nes (M49 527).
    pub const OCEANIA_NES: Aggregate = Aggregate(9);
    /// Other Europe, nes (M49 568).
    pub const OTHER_EUROPE_NES: Aggregate = Aggregate(10);
    /// Other Africa, nes (M49 577).
    pub const OTHER_AFRICA_NES: Aggregate = Aggregate(11);
    /// Rest of America, nes (M49 636).
    pub const REST_OF_AMERICA_NES: Aggregate = Aggregate(12);
    /// North America and Central America, nes (M49 637).
    pub const NORTH_AND_CENTRAL_AMERICA_NES: Aggregate = Aggregate(13);
    /// Europe EFTA, nes (M49 697).
    pub const EUROPE_EFTA_NES: Aggregate = Aggregate(14);
    /// Southern African Customs Union (...1999) (M49 711).
    pub const SACU: Aggregate = Aggregate(15);
    /// Bunkers (M49 837).
    pub const BUNKERS: Aggregate = Aggregate(16);
    /// Free Zones (M49 838).
    pub const FREE_ZONES: Aggregate = Aggregate(17);
    /// Special Categories (M49 839).
    pub const SPECIAL_CATEGORIES: Aggregate = Aggregate(18);
    /// Western Asia, nes (M49 879).
    pub const WESTERN_ASIA_NES: Aggregate = Aggregate(19);
    /// Areas, nes (M49 899).
    pub const AREAS_NES: Aggregate = Aggregate(20);
    /// Belgium-Luxembourg (M49 58).
    pub const BELGIUM_LUXEMBOURG: Aggregate = Aggregate(21);
    /// Czechoslovakia (M49 200).
    pub const CZECHOSLOVAKIA: Aggregate = Aggregate(22);
    /// Fmr Ethiopia (M49 230).
    pub const FMR_ETHIOPIA: Aggregate = Aggregate(23);
    /// Fmr Dem. Rep. of Germany (M49 278).
    pub const FMR_DEM_REP_GERMANY: Aggregate = Aggregate(24);
    /// Fmr Fed. Rep. of Germany (M49 280).
    pub const FMR_FED_REP_GERMANY: Aggregate = Aggregate(25);
    /// Sarawak (M49 457).
    pub const SARAWAK: Aggregate = Aggregate(26);
    /// Peninsula Malaysia (M49 459).
    pub const PENINSULA_MALAYSIA: Aggregate = Aggregate(27);
    /// Sabah (M49 461).
    pub const SABAH: Aggregate = Aggregate(28);
    /// Neth. Antilles (M49 530).
    pub const NETH_ANTILLES: Aggregate = Aggregate(29);
    /// Neth. Antilles and Aruba (M49 532).
    pub const NETH_ANTILLES_AND_ARUBA: Aggregate = Aggregate(30);
    /// Fmr Pacific Isds (M49 582).
    pub const FMR_PACIFIC_ISDS: Aggregate = Aggregate(31);
    /// East and West Pakistan (M49 588).
    pub const EAST_AND_WEST_PAKISTAN: Aggregate = Aggregate(32);
    /// Fmr Panama, excl.Canal Zone (M49 590).
    pub const FMR_PANAMA_EXCL_CANAL_ZONE: Aggregate = Aggregate(33);
    /// Fmr Panama-Canal-Zone (M49 592).
    pub const FMR_PANAMA_CANAL_ZONE: Aggregate = Aggregate(34);
    /// Ryukyu Isd (M49 647).
    pub const RYUKYU_ISD: Aggregate = Aggregate(35);
    /// Saint Kitts, Nevis and Anguilla (M49 658).
    pub const SAINT_KITTS_NEVIS_AND_ANGUILLA: Aggregate = Aggregate(36);
    /// Fmr Rhodesia Nyas (M49 717).
    pub const FMR_RHODESIA_NYAS: Aggregate = Aggregate(37);
    /// Fmr Dem. Yemen (M49 720).
    pub const FMR_DEM_YEMEN: Aggregate = Aggregate(38);
    /// Fmr Sudan (M49 736).
    pub const FMR_SUDAN: Aggregate = Aggregate(39);
    /// Fmr USSR (M49 810).
    pub const FMR_USSR: Aggregate = Aggregate(40);
    /// Fmr Tanganyika (M49 835).
    pub const FMR_TANGANYIKA: Aggregate = Aggregate(41);
    /// Fmr Zanzibar and Pemba Isd (M49 836).
    pub const FMR_ZANZIBAR_AND_PEMBA_ISD: Aggregate = Aggregate(42);
    /// Fmr Dem. Rep. of Vietnam (M49 866).
    pub const FMR_DEM_REP_OF_VIETNAM: Aggregate = Aggregate(43);
    /// Fmr Rep. of Vietnam (M49 868).
    pub const FMR_REP_OF_VIETNAM: Aggregate = Aggregate(44);
    /// Fmr Arab Rep. of Yemen (M49 886).
    pub const FMR_ARAB_REP_OF_YEMEN: Aggregate = Aggregate(45);
    /// Fmr Yugoslavia (M49 890).
    pub const FMR_YUGOSLAVIA: Aggregate = Aggregate(46);
    /// Serbia and Montenegro (M49 891).
    pub const SERBIA_AND_MONTENEGRO: Aggregate = Aggregate(47);
}
