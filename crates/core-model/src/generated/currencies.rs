// @generated from data/reference/currencies.csv by the workspace's codegen task — do not edit

use crate::money::{Currency, CurrencyInfo};

/// ISO 4217, sorted by code.
pub(crate) static CURRENCIES: &[CurrencyInfo] = &[
    CurrencyInfo {
        code: "AED",
        numeric: 784,
        minor_units: Some(2),
        name: "UAE Dirham",
        name_ru: Some("Дирхам (ОАЭ)"),
    },
    CurrencyInfo {
        code: "AFN",
        numeric: 971,
        minor_units: Some(2),
        name: "Afghani",
        name_ru: Some("Афгани"),
    },
    CurrencyInfo {
        code: "ALL",
        numeric: 8,
        minor_units: Some(2),
        name: "Lek",
        name_ru: Some("Лек"),
    },
    CurrencyInfo {
        code: "AMD",
        numeric: 51,
        minor_units: Some(2),
        name: "Armenian Dram",
        name_ru: Some("Армянский драм"),
    },
    CurrencyInfo {
        code: "AOA",
        numeric: 973,
        minor_units: Some(2),
        name: "Kwanza",
        name_ru: Some("Кванза"),
    },
    CurrencyInfo {
        code: "ARS",
        numeric: 32,
        minor_units: Some(2),
        name: "Argentine Peso",
        name_ru: Some("Аргентинское песо"),
    },
    CurrencyInfo {
        code: "AUD",
        numeric: 36,
        minor_units: Some(2),
        name: "Australian Dollar",
        name_ru: Some("Австралийский доллар"),
    },
    CurrencyInfo {
        code: "AWG",
        numeric: 533,
        minor_units: Some(2),
        name: "Aruban Florin",
        name_ru: Some("Арубанский флорин"),
    },
    CurrencyInfo {
        code: "AZN",
        numeric: 944,
        minor_units: Some(2),
        name: "Azerbaijan Manat",
        name_ru: Some("Азербайджанский манат"),
    },
    CurrencyInfo {
        code: "BAM",
        numeric: 977,
        minor_units: Some(2),
        name: "Convertible Mark",
        name_ru: Some("Конвертируемая марка"),
    },
    CurrencyInfo {
        code: "BBD",
        numeric: 52,
        minor_units: Some(2),
        name: "Barbados Dollar",
        name_ru: Some("Барбадосский доллар"),
    },
    CurrencyInfo {
        code: "BDT",
        numeric: 50,
        minor_units: Some(2),
        name: "Taka",
        name_ru: Some("Така"),
    },
    CurrencyInfo {
        code: "BHD",
        numeric: 48,
        minor_units: Some(3),
        name: "Bahraini Dinar",
        name_ru: Some("Бахрейнский динар"),
    },
    CurrencyInfo {
        code: "BIF",
        numeric: 108,
        minor_units: Some(0),
        name: "Burundi Franc",
        name_ru: Some("Бурундийский франк"),
    },
    CurrencyInfo {
        code: "BMD",
        numeric: 60,
        minor_units: Some(2),
        name: "Bermudian Dollar",
        name_ru: Some("Бермудский доллар"),
    },
    CurrencyInfo {
        code: "BND",
        numeric: 96,
        minor_units: Some(2),
        name: "Brunei Dollar",
        name_ru: Some("Брунейский доллар"),
    },
    CurrencyInfo {
        code: "BOB",
        numeric: 68,
        minor_units: Some(2),
        name: "Boliviano",
        name_ru: Some("Боливиано"),
    },
    CurrencyInfo {
        code: "BOV",
        numeric: 984,
        minor_units: Some(2),
        name: "Mvdol",
        name_ru: Some("Мвдол"),
    },
    CurrencyInfo {
        code: "BRL",
        numeric: 986,
        minor_units: Some(2),
        name: "Brazilian Real",
        name_ru: Some("Бразильский реал"),
    },
    CurrencyInfo {
        code: "BSD",
        numeric: 44,
        minor_units: Some(2),
        name: "Bahamian Dollar",
        name_ru: Some("Багамский доллар"),
    },
    CurrencyInfo {
        code: "BTN",
        numeric: 64,
        minor_units: Some(2),
        name: "Ngultrum",
        name_ru: Some("Нгултрум"),
    },
    CurrencyInfo {
        code: "BWP",
        numeric: 72,
        minor_units: Some(2),
        name: "Pula",
        name_ru: Some("Пула"),
    },
    CurrencyInfo {
        code: "BYN",
        numeric: 933,
        minor_units: Some(2),
        name: "Belarusian Ruble",
        name_ru: Some("Белорусский рубль"),
    },
    CurrencyInfo {
        code: "BZD",
        numeric: 84,
        minor_units: Some(2),
        name: "Belize Dollar",
        name_ru: Some("Белизский доллар"),
    },
    CurrencyInfo {
        code: "CAD",
        numeric: 124,
        minor_units: Some(2),
        name: "Canadian Dollar",
        name_ru: Some("Канадский доллар"),
    },
    CurrencyInfo {
        code: "CDF",
        numeric: 976,
        minor_units: Some(2),
        name: "Congolese Franc",
        name_ru: Some("Конголезский франк"),
    },
    CurrencyInfo {
        code: "CHE",
        numeric: 947,
        minor_units: Some(2),
        name: "WIR Euro",
        name_ru: None,
    },
    CurrencyInfo {
        code: "CHF",
        numeric: 756,
        minor_units: Some(2),
        name: "Swiss Franc",
        name_ru: Some("Швейцарский франк"),
    },
    CurrencyInfo {
        code: "CHW",
        numeric: 948,
        minor_units: Some(2),
        name: "WIR Franc",
        name_ru: None,
    },
    CurrencyInfo {
        code: "CLF",
        numeric: 990,
        minor_units: Some(4),
        name: "Unidad de Fomento",
        name_ru: Some("Условная расчётная единица Чили"),
    },
    CurrencyInfo {
        code: "CLP",
        numeric: 152,
        minor_units: Some(0),
        name: "Chilean Peso",
        name_ru: Some("Чилийское песо"),
    },
    CurrencyInfo {
        code: "CNY",
        numeric: 156,
        minor_units: Some(2),
        name: "Yuan Renminbi",
        name_ru: Some("Китайский юань"),
    },
    CurrencyInfo {
        code: "COP",
        numeric: 170,
        minor_units: Some(2),
        name: "Colombian Peso",
        name_ru: Some("Колумбийское песо"),
    },
    CurrencyInfo {
        code: "COU",
        numeric: 970,
        minor_units: Some(2),
        name: "Unidad de Valor Real",
        name_ru: None,
    },
    CurrencyInfo {
        code: "CRC",
        numeric: 188,
        minor_units: Some(2),
        name: "Costa Rican Colon",
        name_ru: Some("Костариканский колон"),
    },
    CurrencyInfo {
        code: "CUP",
        numeric: 192,
        minor_units: Some(2),
        name: "Cuban Peso",
        name_ru: Some("Кубинское песо"),
    },
    CurrencyInfo {
        code: "CVE",
        numeric: 132,
        minor_units: Some(2),
        name: "Cabo Verde Escudo",
        name_ru: Some("Эскудо Кабо-Верде"),
    },
    CurrencyInfo {
        code: "CZK",
        numeric: 203,
        minor_units: Some(2),
        name: "Czech Koruna",
        name_ru: Some("Чешская крона"),
    },
    CurrencyInfo {
        code: "DJF",
        numeric: 262,
        minor_units: Some(0),
        name: "Djibouti Franc",
        name_ru: Some("Франк Джибути"),
    },
    CurrencyInfo {
        code: "DKK",
        numeric: 208,
        minor_units: Some(2),
        name: "Danish Krone",
        name_ru: Some("Датская крона"),
    },
    CurrencyInfo {
        code: "DOP",
        numeric: 214,
        minor_units: Some(2),
        name: "Dominican Peso",
        name_ru: Some("Доминиканское песо"),
    },
    CurrencyInfo {
        code: "DZD",
        numeric: 12,
        minor_units: Some(2),
        name: "Algerian Dinar",
        name_ru: Some("Алжирский динар"),
    },
    CurrencyInfo {
        code: "EGP",
        numeric: 818,
        minor_units: Some(2),
        name: "Egyptian Pound",
        name_ru: Some("Египетский фунт"),
    },
    CurrencyInfo {
        code: "ERN",
        numeric: 232,
        minor_units: Some(2),
        name: "Nakfa",
        name_ru: Some("Накфа"),
    },
    CurrencyInfo {
        code: "ETB",
        numeric: 230,
        minor_units: Some(2),
        name: "Ethiopian Birr",
        name_ru: Some("Эфиопский быр"),
    },
    CurrencyInfo {
        code: "EUR",
        numeric: 978,
        minor_units: Some(2),
        name: "Euro",
        name_ru: Some("Евро"),
    },
    CurrencyInfo {
        code: "FJD",
        numeric: 242,
        minor_units: Some(2),
        name: "Fiji Dollar",
        name_ru: Some("Доллар Фиджи"),
    },
    CurrencyInfo {
        code: "FKP",
        numeric: 238,
        minor_units: Some(2),
        name: "Falkland Islands Pound",
        name_ru: Some("Фунт Фолклендских островов"),
    },
    CurrencyInfo {
        code: "GBP",
        numeric: 826,
        minor_units: Some(2),
        name: "Pound Sterling",
        name_ru: Some("Фунт стерлингов"),
    },
    CurrencyInfo {
        code: "GEL",
        numeric: 981,
        minor_units: Some(2),
        name: "Lari",
        name_ru: Some("Ларистанский"),
    },
    CurrencyInfo {
        code: "GHS",
        numeric: 936,
        minor_units: Some(2),
        name: "Ghana Cedi",
        name_ru: Some("Седи"),
    },
    CurrencyInfo {
        code: "GIP",
        numeric: 292,
        minor_units: Some(2),
        name: "Gibraltar Pound",
        name_ru: Some("Гибралтарский фунт"),
    },
    CurrencyInfo {
        code: "GMD",
        numeric: 270,
        minor_units: Some(2),
        name: "Dalasi",
        name_ru: Some("Даласи"),
    },
    CurrencyInfo {
        code: "GNF",
        numeric: 324,
        minor_units: Some(0),
        name: "Guinean Franc",
        name_ru: Some("Гвинейский франк"),
    },
    CurrencyInfo {
        code: "GTQ",
        numeric: 320,
        minor_units: Some(2),
        name: "Quetzal",
        name_ru: Some("Кетсаль"),
    },
    CurrencyInfo {
        code: "GYD",
        numeric: 328,
        minor_units: Some(2),
        name: "Guyana Dollar",
        name_ru: Some("Гайанский доллар"),
    },
    CurrencyInfo {
        code: "HKD",
        numeric: 344,
        minor_units: Some(2),
        name: "Hong Kong Dollar",
        name_ru: Some("Гонконгский доллар"),
    },
    CurrencyInfo {
        code: "HNL",
        numeric: 340,
        minor_units: Some(2),
        name: "Lempira",
        name_ru: Some("Лемпира"),
    },
    CurrencyInfo {
        code: "HTG",
        numeric: 332,
        minor_units: Some(2),
        name: "Gourde",
        name_ru: Some("Гурд"),
    },
    CurrencyInfo {
        code: "HUF",
        numeric: 348,
        minor_units: Some(2),
        name: "Forint",
        name_ru: Some("Форинт"),
    },
    CurrencyInfo {
        code: "IDR",
        numeric: 360,
        minor_units: Some(2),
        name: "Rupiah",
        name_ru: Some("Рупия"),
    },
    CurrencyInfo {
        code: "ILS",
        numeric: 376,
        minor_units: Some(2),
        name: "New Israeli Sheqel",
        name_ru: Some("Новый израильский шекель"),
    },
    CurrencyInfo {
        code: "INR",
        numeric: 356,
        minor_units: Some(2),
        name: "Indian Rupee",
        name_ru: Some("Индийская рупия"),
    },
    CurrencyInfo {
        code: "IQD",
        numeric: 368,
        minor_units: Some(3),
        name: "Iraqi Dinar",
        name_ru: Some("Иракский динар"),
    },
    CurrencyInfo {
        code: "IRR",
        numeric: 364,
        minor_units: Some(2),
        name: "Iranian Rial",
        name_ru: Some("Иранский риал"),
    },
    CurrencyInfo {
        code: "ISK",
        numeric: 352,
        minor_units: Some(0),
        name: "Iceland Krona",
        name_ru: Some("Исландская крона"),
    },
    CurrencyInfo {
        code: "JMD",
        numeric: 388,
        minor_units: Some(2),
        name: "Jamaican Dollar",
        name_ru: Some("Ямайский доллар"),
    },
    CurrencyInfo {
        code: "JOD",
        numeric: 400,
        minor_units: Some(3),
        name: "Jordanian Dinar",
        name_ru: Some("Иорданский динар"),
    },
    CurrencyInfo {
        code: "JPY",
        numeric: 392,
        minor_units: Some(0),
        name: "Yen",
        name_ru: Some("Иена"),
    },
    CurrencyInfo {
        code: "KES",
        numeric: 404,
        minor_units: Some(2),
        name: "Kenyan Shilling",
        name_ru: Some("Кенийский шиллинг"),
    },
    CurrencyInfo {
        code: "KGS",
        numeric: 417,
        minor_units: Some(2),
        name: "Som",
        name_ru: Some("Сом"),
    },
    CurrencyInfo {
        code: "KHR",
        numeric: 116,
        minor_units: Some(2),
        name: "Riel",
        name_ru: Some("Риель"),
    },
    CurrencyInfo {
        code: "KMF",
        numeric: 174,
        minor_units: Some(0),
        name: "Comorian Franc",
        name_ru: Some("Франк Комор"),
    },
    CurrencyInfo {
        code: "KPW",
        numeric: 408,
        minor_units: Some(2),
        name: "North Korean Won",
        name_ru: Some("Северокорейская вона"),
    },
    CurrencyInfo {
        code: "KRW",
        numeric: 410,
        minor_units: Some(0),
        name: "Won",
        name_ru: Some("Вона"),
    },
    CurrencyInfo {
        code: "KWD",
        numeric: 414,
        minor_units: Some(3),
        name: "Kuwaiti Dinar",
        name_ru: Some("Кувейтский динар"),
    },
    CurrencyInfo {
        code: "KYD",
        numeric: 136,
        minor_units: Some(2),
        name: "Cayman Islands Dollar",
        name_ru: Some("Доллар Островов Кайман"),
    },
    CurrencyInfo {
        code: "KZT",
        numeric: 398,
        minor_units: Some(2),
        name: "Tenge",
        name_ru: Some("Тенге"),
    },
    CurrencyInfo {
        code: "LAK",
        numeric: 418,
        minor_units: Some(2),
        name: "Lao Kip",
        name_ru: Some("Лаосский кип"),
    },
    CurrencyInfo {
        code: "LBP",
        numeric: 422,
        minor_units: Some(2),
        name: "Lebanese Pound",
        name_ru: Some("Ливанский фунт"),
    },
    CurrencyInfo {
        code: "LKR",
        numeric: 144,
        minor_units: Some(2),
        name: "Sri Lanka Rupee",
        name_ru: Some("Шри-Ланкийская рупия"),
    },
    CurrencyInfo {
        code: "LRD",
        numeric: 430,
        minor_units: Some(2),
        name: "Liberian Dollar",
        name_ru: Some("Либерийский доллар"),
    },
    CurrencyInfo {
        code: "LSL",
        numeric: 426,
        minor_units: Some(2),
        name: "Loti",
        name_ru: Some("Лоти"),
    },
    CurrencyInfo {
        code: "LYD",
        numeric: 434,
        minor_units: Some(3),
        name: "Libyan Dinar",
        name_ru: Some("Ливийский динар"),
    },
    CurrencyInfo {
        code: "MAD",
        numeric: 504,
        minor_units: Some(2),
        name: "Moroccan Dirham",
        name_ru: Some("Марокканский дирхам"),
    },
    CurrencyInfo {
        code: "MDL",
        numeric: 498,
        minor_units: Some(2),
        name: "Moldovan Leu",
        name_ru: Some("Молдавский лей"),
    },
    CurrencyInfo {
        code: "MGA",
        numeric: 969,
        minor_units: Some(2),
        name: "Malagasy Ariary",
        name_ru: Some("Малагасийский ариари"),
    },
    CurrencyInfo {
        code: "MKD",
        numeric: 807,
        minor_units: Some(2),
        name: "Denar",
        name_ru: Some("Македонский денар"),
    },
    CurrencyInfo {
        code: "MMK",
        numeric: 104,
        minor_units: Some(2),
        name: "Kyat",
        name_ru: Some("Кьят"),
    },
    CurrencyInfo {
        code: "MNT",
        numeric: 496,
        minor_units: Some(2),
        name: "Tugrik",
        name_ru: Some("Тугрик"),
    },
    CurrencyInfo {
        code: "MOP",
        numeric: 446,
        minor_units: Some(2),
        name: "Pataca",
        name_ru: Some("Патака"),
    },
    CurrencyInfo {
        code: "MRU",
        numeric: 929,
        minor_units: Some(2),
        name: "Ouguiya",
        name_ru: Some("Угия"),
    },
    CurrencyInfo {
        code: "MUR",
        numeric: 480,
        minor_units: Some(2),
        name: "Mauritius Rupee",
        name_ru: Some("Маврикийская рупия"),
    },
    CurrencyInfo {
        code: "MVR",
        numeric: 462,
        minor_units: Some(2),
        name: "Rufiyaa",
        name_ru: Some("Руфия"),
    },
    CurrencyInfo {
        code: "MWK",
        numeric: 454,
        minor_units: Some(2),
        name: "Malawi Kwacha",
        name_ru: Some("Малавийская квача"),
    },
    CurrencyInfo {
        code: "MXN",
        numeric: 484,
        minor_units: Some(2),
        name: "Mexican Peso",
        name_ru: Some("Мексиканское песо"),
    },
    CurrencyInfo {
        code: "MXV",
        numeric: 979,
        minor_units: Some(2),
        name: "Mexican Unidad de Inversion (UDI)",
        name_ru: None,
    },
    CurrencyInfo {
        code: "MYR",
        numeric: 458,
        minor_units: Some(2),
        name: "Malaysian Ringgit",
        name_ru: Some("Малайзийский ринггит"),
    },
    CurrencyInfo {
        code: "MZN",
        numeric: 943,
        minor_units: Some(2),
        name: "Mozambique Metical",
        name_ru: Some("Мозамбикский метикал"),
    },
    CurrencyInfo {
        code: "NAD",
        numeric: 516,
        minor_units: Some(2),
        name: "Namibia Dollar",
        name_ru: Some("Доллар Намибии"),
    },
    CurrencyInfo {
        code: "NGN",
        numeric: 566,
        minor_units: Some(2),
        name: "Naira",
        name_ru: Some("Найра"),
    },
    CurrencyInfo {
        code: "NIO",
        numeric: 558,
        minor_units: Some(2),
        name: "Cordoba Oro",
        name_ru: Some("Золотая кордоба"),
    },
    CurrencyInfo {
        code: "NOK",
        numeric: 578,
        minor_units: Some(2),
        name: "Norwegian Krone",
        name_ru: Some("Норвежская крона"),
    },
    CurrencyInfo {
        code: "NPR",
        numeric: 524,
        minor_units: Some(2),
        name: "Nepalese Rupee",
        name_ru: Some("Непальская рупия"),
    },
    CurrencyInfo {
        code: "NZD",
        numeric: 554,
        minor_units: Some(2),
        name: "New Zealand Dollar",
        name_ru: Some("Новозеландский доллар"),
    },
    CurrencyInfo {
        code: "OMR",
        numeric: 512,
        minor_units: Some(3),
        name: "Rial Omani",
        name_ru: Some("Оманский риал"),
    },
    CurrencyInfo {
        code: "PAB",
        numeric: 590,
        minor_units: Some(2),
        name: "Balboa",
        name_ru: Some("Бальбоа"),
    },
    CurrencyInfo {
        code: "PEN",
        numeric: 604,
        minor_units: Some(2),
        name: "Sol",
        name_ru: Some("Соль"),
    },
    CurrencyInfo {
        code: "PGK",
        numeric: 598,
        minor_units: Some(2),
        name: "Kina",
        name_ru: Some("Кина"),
    },
    CurrencyInfo {
        code: "PHP",
        numeric: 608,
        minor_units: Some(2),
        name: "Philippine Peso",
        name_ru: Some("Филиппинское песо"),
    },
    CurrencyInfo {
        code: "PKR",
        numeric: 586,
        minor_units: Some(2),
        name: "Pakistan Rupee",
        name_ru: Some("Пакистанская рупия"),
    },
    CurrencyInfo {
        code: "PLN",
        numeric: 985,
        minor_units: Some(2),
        name: "Zloty",
        name_ru: Some("Злотый"),
    },
    CurrencyInfo {
        code: "PYG",
        numeric: 600,
        minor_units: Some(0),
        name: "Guarani",
        name_ru: Some("Гуарани"),
    },
    CurrencyInfo {
        code: "QAR",
        numeric: 634,
        minor_units: Some(2),
        name: "Qatari Rial",
        name_ru: Some("Катарский риал"),
    },
    CurrencyInfo {
        code: "RON",
        numeric: 946,
        minor_units: Some(2),
        name: "Romanian Leu",
        name_ru: Some("Румынский лей"),
    },
    CurrencyInfo {
        code: "RSD",
        numeric: 941,
        minor_units: Some(2),
        name: "Serbian Dinar",
        name_ru: Some("Сербский динар"),
    },
    CurrencyInfo {
        code: "RUB",
        numeric: 643,
        minor_units: Some(2),
        name: "Russian Ruble",
        name_ru: Some("Российский рубль"),
    },
    CurrencyInfo {
        code: "RWF",
        numeric: 646,
        minor_units: Some(0),
        name: "Rwanda Franc",
        name_ru: Some("Франк Руанды"),
    },
    CurrencyInfo {
        code: "SAR",
        numeric: 682,
        minor_units: Some(2),
        name: "Saudi Riyal",
        name_ru: Some("Саудовский риял"),
    },
    CurrencyInfo {
        code: "SBD",
        numeric: 90,
        minor_units: Some(2),
        name: "Solomon Islands Dollar",
        name_ru: Some("Доллар Соломоновых Островов"),
    },
    CurrencyInfo {
        code: "SCR",
        numeric: 690,
        minor_units: Some(2),
        name: "Seychelles Rupee",
        name_ru: Some("Сейшельская рупия"),
    },
    CurrencyInfo {
        code: "SDG",
        numeric: 938,
        minor_units: Some(2),
        name: "Sudanese Pound",
        name_ru: Some("Суданский фунт"),
    },
    CurrencyInfo {
        code: "SEK",
        numeric: 752,
        minor_units: Some(2),
        name: "Swedish Krona",
        name_ru: Some("Шведская крона"),
    },
    CurrencyInfo {
        code: "SGD",
        numeric: 702,
        minor_units: Some(2),
        name: "Singapore Dollar",
        name_ru: Some("Сингапурский доллар"),
    },
    CurrencyInfo {
        code: "SHP",
        numeric: 654,
        minor_units: Some(2),
        name: "Saint Helena Pound",
        name_ru: Some("Фунт Святой Елены"),
    },
    CurrencyInfo {
        code: "SLE",
        numeric: 925,
        minor_units: Some(2),
        name: "Leone",
        name_ru: Some("Леоне"),
    },
    CurrencyInfo {
        code: "SOS",
        numeric: 706,
        minor_units: Some(2),
        name: "Somali Shilling",
        name_ru: Some("Сомалийский шиллинг"),
    },
    CurrencyInfo {
        code: "SRD",
        numeric: 968,
        minor_units: Some(2),
        name: "Surinam Dollar",
        name_ru: Some("Суринамский доллар"),
    },
    CurrencyInfo {
        code: "SSP",
        numeric: 728,
        minor_units: Some(2),
        name: "South Sudanese Pound",
        name_ru: Some("Фунт Южного Судана"),
    },
    CurrencyInfo {
        code: "STN",
        numeric: 930,
        minor_units: Some(2),
        name: "Dobra",
        name_ru: Some("Добра"),
    },
    CurrencyInfo {
        code: "SVC",
        numeric: 222,
        minor_units: Some(2),
        name: "El Salvador Colon",
        name_ru: Some("Сальвадорский колон"),
    },
    CurrencyInfo {
        code: "SYP",
        numeric: 760,
        minor_units: Some(2),
        name: "Syrian Pound",
        name_ru: Some("Сирийский фунт"),
    },
    CurrencyInfo {
        code: "SZL",
        numeric: 748,
        minor_units: Some(2),
        name: "Lilangeni",
        name_ru: Some("Лилангени"),
    },
    CurrencyInfo {
        code: "THB",
        numeric: 764,
        minor_units: Some(2),
        name: "Baht",
        name_ru: Some("Бат"),
    },
    CurrencyInfo {
        code: "TJS",
        numeric: 972,
        minor_units: Some(2),
        name: "Somoni",
        name_ru: Some("Сомони"),
    },
    CurrencyInfo {
        code: "TMT",
        numeric: 934,
        minor_units: Some(2),
        name: "Turkmenistan New Manat",
        name_ru: Some("Туркменский новый манат"),
    },
    CurrencyInfo {
        code: "TND",
        numeric: 788,
        minor_units: Some(3),
        name: "Tunisian Dinar",
        name_ru: Some("Тунисский динар"),
    },
    CurrencyInfo {
        code: "TOP",
        numeric: 776,
        minor_units: Some(2),
        name: "Pa’anga",
        name_ru: Some("Паанга"),
    },
    CurrencyInfo {
        code: "TRY",
        numeric: 949,
        minor_units: Some(2),
        name: "Turkish Lira",
        name_ru: Some("Турецкая лира"),
    },
    CurrencyInfo {
        code: "TTD",
        numeric: 780,
        minor_units: Some(2),
        name: "Trinidad and Tobago Dollar",
        name_ru: Some("Доллар Тринидада и Тобаго"),
    },
    CurrencyInfo {
        code: "TWD",
        numeric: 901,
        minor_units: Some(2),
        name: "New Taiwan Dollar",
        name_ru: Some("Новый тайваньский доллар"),
    },
    CurrencyInfo {
        code: "TZS",
        numeric: 834,
        minor_units: Some(2),
        name: "Tanzanian Shilling",
        name_ru: Some("Танзанийский шиллинг"),
    },
    CurrencyInfo {
        code: "UAH",
        numeric: 980,
        minor_units: Some(2),
        name: "Hryvnia",
        name_ru: Some("Гривна"),
    },
    CurrencyInfo {
        code: "UGX",
        numeric: 800,
        minor_units: Some(0),
        name: "Uganda Shilling",
        name_ru: Some("Угандийский шиллинг"),
    },
    CurrencyInfo {
        code: "USD",
        numeric: 840,
        minor_units: Some(2),
        name: "US Dollar",
        name_ru: Some("Доллар США"),
    },
    CurrencyInfo {
        code: "USN",
        numeric: 997,
        minor_units: Some(2),
        name: "US Dollar (Next day)",
        name_ru: None,
    },
    CurrencyInfo {
        code: "UYI",
        numeric: 940,
        minor_units: Some(0),
        name: "Uruguay Peso en Unidades Indexadas (UI)",
        name_ru: None,
    },
    CurrencyInfo {
        code: "UYU",
        numeric: 858,
        minor_units: Some(2),
        name: "Peso Uruguayo",
        name_ru: Some("Уругвайское песо"),
    },
    CurrencyInfo {
        code: "UYW",
        numeric: 927,
        minor_units: Some(4),
        name: "Unidad Previsional",
        name_ru: None,
    },
    CurrencyInfo {
        code: "UZS",
        numeric: 860,
        minor_units: Some(2),
        name: "Uzbekistan Sum",
        name_ru: Some("Узбекский сум"),
    },
    CurrencyInfo {
        code: "VED",
        numeric: 926,
        minor_units: Some(2),
        name: "Bolívar Soberano",
        name_ru: Some("Суверенный боливар"),
    },
    CurrencyInfo {
        code: "VES",
        numeric: 928,
        minor_units: Some(2),
        name: "Bolívar Soberano",
        name_ru: Some("Суверенный боливар"),
    },
    CurrencyInfo {
        code: "VND",
        numeric: 704,
        minor_units: Some(0),
        name: "Dong",
        name_ru: Some("Донг"),
    },
    CurrencyInfo {
        code: "VUV",
        numeric: 548,
        minor_units: Some(0),
        name: "Vatu",
        name_ru: Some("Вату"),
    },
    CurrencyInfo {
        code: "WST",
        numeric: 882,
        minor_units: Some(2),
        name: "Tala",
        name_ru: Some("Тала"),
    },
    CurrencyInfo {
        code: "XAD",
        numeric: 396,
        minor_units: Some(2),
        name: "Arab Accounting Dinar",
        name_ru: None,
    },
    CurrencyInfo {
        code: "XAF",
        numeric: 950,
        minor_units: Some(0),
        name: "CFA Franc BEAC",
        name_ru: Some("Франк КФА ВЕАС"),
    },
    CurrencyInfo {
        code: "XAG",
        numeric: 961,
        minor_units: None,
        name: "Silver",
        name_ru: Some("Тройская унция серебра"),
    },
    CurrencyInfo {
        code: "XAU",
        numeric: 959,
        minor_units: None,
        name: "Gold",
        name_ru: Some("Тройская унция золота"),
    },
    CurrencyInfo {
        code: "XBA",
        numeric: 955,
        minor_units: None,
        name: "Bond Markets Unit European Composite Unit (EURCO)",
        name_ru: Some("Европейская составная единица рынка облигаций (EURCO)"),
    },
    CurrencyInfo {
        code: "XBB",
        numeric: 956,
        minor_units: None,
        name: "Bond Markets Unit European Monetary Unit (E.M.U.-6)",
        name_ru: Some("Европейская валютная единица рынка облигаций (E.M.U.-6)"),
    },
    CurrencyInfo {
        code: "XBC",
        numeric: 957,
        minor_units: None,
        name: "Bond Markets Unit European Unit of Account 9 (E.U.A.-9)",
        name_ru: Some(
            "Расчётная единица 9 Европейского платежного союза рынка облигаций (E.U.A.-9)",
        ),
    },
    CurrencyInfo {
        code: "XBD",
        numeric: 958,
        minor_units: None,
        name: "Bond Markets Unit European Unit of Account 17 (E.U.A.-17)",
        name_ru: Some(
            "Расчётная единица 17 Европейского платежного союза рынка облигаций (E.U.A.-17)",
        ),
    },
    CurrencyInfo {
        code: "XCD",
        numeric: 951,
        minor_units: Some(2),
        name: "East Caribbean Dollar",
        name_ru: Some("Восточно-карибский доллар"),
    },
    CurrencyInfo {
        code: "XCG",
        numeric: 532,
        minor_units: Some(2),
        name: "Caribbean Guilder",
        name_ru: None,
    },
    CurrencyInfo {
        code: "XDR",
        numeric: 960,
        minor_units: None,
        name: "SDR (Special Drawing Right)",
        name_ru: Some("Специальное право заимствования (SDR)"),
    },
    CurrencyInfo {
        code: "XOF",
        numeric: 952,
        minor_units: Some(0),
        name: "CFA Franc BCEAO",
        name_ru: Some("Франк КФА ВСЕАО"),
    },
    CurrencyInfo {
        code: "XPD",
        numeric: 964,
        minor_units: None,
        name: "Palladium",
        name_ru: Some("Тройская унция палладия"),
    },
    CurrencyInfo {
        code: "XPF",
        numeric: 953,
        minor_units: Some(0),
        name: "CFP Franc",
        name_ru: Some("Франк КФП"),
    },
    CurrencyInfo {
        code: "XPT",
        numeric: 962,
        minor_units: None,
        name: "Platinum",
        name_ru: Some("Тройская унция платины"),
    },
    CurrencyInfo {
        code: "XSU",
        numeric: 994,
        minor_units: None,
        name: "Sucre",
        name_ru: Some("Сукре"),
    },
    CurrencyInfo {
        code: "XTS",
        numeric: 963,
        minor_units: None,
        name: "Codes specifically reserved for testing purposes",
        name_ru: Some("Коды, зарезервированные для тестовых целей"),
    },
    CurrencyInfo {
        code: "XUA",
        numeric: 965,
        minor_units: None,
        name: "ADB Unit of Account",
        name_ru: Some("Расчётная единица ADB"),
    },
    CurrencyInfo {
        code: "XXX",
        numeric: 999,
        minor_units: None,
        name: "The codes assigned for transactions where no currency is involved",
        name_ru: Some("Коды, назначаемые при неденежных переводах"),
    },
    CurrencyInfo {
        code: "YER",
        numeric: 886,
        minor_units: Some(2),
        name: "Yemeni Rial",
        name_ru: Some("Йеменский риал"),
    },
    CurrencyInfo {
        code: "ZAR",
        numeric: 710,
        minor_units: Some(2),
        name: "Rand",
        name_ru: Some("Рэнд"),
    },
    CurrencyInfo {
        code: "ZMW",
        numeric: 967,
        minor_units: Some(2),
        name: "Zambian Kwacha",
        name_ru: Some("Замбийская квача"),
    },
    CurrencyInfo {
        code: "ZWG",
        numeric: 924,
        minor_units: Some(2),
        name: "Zimbabwe Gold",
        name_ru: None,
    },
];

/// One constant per currency, named by its code.
impl Currency {
    /// UAE Dirham (AED, 784).
    pub const AED: Currency = Currency(0);
    /// Afghani (AFN, 971).
    pub const AFN: Currency = Currency(1);
    /// Lek (ALL, 008).
    pub const ALL: Currency = Currency(2);
    /// Armenian Dram (AMD, 051).
    pub const AMD: Currency = Currency(3);
    /// Kwanza (AOA, 973).
    pub const AOA: Currency = Currency(4);
    /// Argentine Peso (ARS, 032).
    pub const ARS: Currency = Currency(5);
    /// Australian Dollar (AUD, 036).
    pub const AUD: Currency = Currency(6);
    /// Aruban Florin (AWG, 533).
    pub const AWG: Currency = Currency(7);
    /// Azerbaijan Manat (AZN, 944).
    pub const AZN: Currency = Currency(8);
    /// Convertible Mark (BAM, 977).
    pub const BAM: Currency = Currency(9);
    /// Barbados Dollar (BBD, 052).
    pub const BBD: Currency = Currency(10);
    /// Taka (BDT, 050).
    pub const BDT: Currency = Currency(11);
    /// Bahraini Dinar (BHD, 048).
    pub const BHD: Currency = Currency(12);
    /// Burundi Franc (BIF, 108).
    pub const BIF: Currency = Currency(13);
    /// Bermudian Dollar (BMD, 060).
    pub const BMD: Currency = Currency(14);
    /// Brunei Dollar (BND, 096).
    pub const BND: Currency = Currency(15);
    /// Boliviano (BOB, 068).
    pub const BOB: Currency = Currency(16);
    /// Mvdol (BOV, 984).
    pub const BOV: Currency = Currency(17);
    /// Brazilian Real (BRL, 986).
    pub const BRL: Currency = Currency(18);
    /// Bahamian Dollar (BSD, 044).
    pub const BSD: Currency = Currency(19);
    /// Ngultrum (BTN, 064).
    pub const BTN: Currency = Currency(20);
    /// Pula (BWP, 072).
    pub const BWP: Currency = Currency(21);
    /// Belarusian Ruble (BYN, 933).
    pub const BYN: Currency = Currency(22);
    /// Belize Dollar (BZD, 084).
    pub const BZD: Currency = Currency(23);
    /// Canadian Dollar (CAD, 124).
    pub const CAD: Currency = Currency(24);
    /// Congolese Franc (CDF, 976).
    pub const CDF: Currency = Currency(25);
    /// WIR Euro (CHE, 947).
    pub const CHE: Currency = Currency(26);
    /// Swiss Franc (CHF, 756).
    pub const CHF: Currency = Currency(27);
    /// WIR Franc (CHW, 948).
    pub const CHW: Currency = Currency(28);
    /// Unidad de Fomento (CLF, 990).
    pub const CLF: Currency = Currency(29);
    /// Chilean Peso (CLP, 152).
    pub const CLP: Currency = Currency(30);
    /// Yuan Renminbi (CNY, 156).
    pub const CNY: Currency = Currency(31);
    /// Colombian Peso (COP, 170).
    pub const COP: Currency = Currency(32);
    /// Unidad de Valor Real (COU, 970).
    pub const COU: Currency = Currency(33);
    /// Costa Rican Colon (CRC, 188).
    pub const CRC: Currency = Currency(34);
    /// Cuban Peso (CUP, 192).
    pub const CUP: Currency = Currency(35);
    /// Cabo Verde Escudo (CVE, 132).
    pub const CVE: Currency = Currency(36);
    /// Czech Koruna (CZK, 203).
    pub const CZK: Currency = Currency(37);
    /// Djibouti Franc (DJF, 262).
    pub const DJF: Currency = Currency(38);
    /// Danish Krone (DKK, 208).
    pub const DKK: Currency = Currency(39);
    /// Dominican Peso (DOP, 214).
    pub const DOP: Currency = Currency(40);
    /// Algerian Dinar (DZD, 012).
    pub const DZD: Currency = Currency(41);
    /// Egyptian Pound (EGP, 818).
    pub const EGP: Currency = Currency(42);
    /// Nakfa (ERN, 232).
    pub const ERN: Currency = Currency(43);
    /// Ethiopian Birr (ETB, 230).
    pub const ETB: Currency = Currency(44);
    /// Euro (EUR, 978).
    pub const EUR: Currency = Currency(45);
    /// Fiji Dollar (FJD, 242).
    pub const FJD: Currency = Currency(46);
    /// Falkland Islands Pound (FKP, 238).
    pub const FKP: Currency = Currency(47);
    /// Pound Sterling (GBP, 826).
    pub const GBP: Currency = Currency(48);
    /// Lari (GEL, 981).
    pub const GEL: Currency = Currency(49);
    /// Ghana Cedi (GHS, 936).
    pub const GHS: Currency = Currency(50);
    /// Gibraltar Pound (GIP, 292).
    pub const GIP: Currency = Currency(51);
    /// Dalasi (GMD, 270).
    pub const GMD: Currency = Currency(52);
    /// Guinean Franc (GNF, 324).
    pub const GNF: Currency = Currency(53);
    /// Quetzal (GTQ, 320).
    pub const GTQ: Currency = Currency(54);
    /// Guyana Dollar (GYD, 328).
    pub const GYD: Currency = Currency(55);
    /// Hong Kong Dollar (HKD, 344).
    pub const HKD: Currency = Currency(56);
    /// Lempira (HNL, 340).
    pub const HNL: Currency = Currency(57);
    /// Gourde (HTG, 332).
    pub const HTG: Currency = Currency(58);
    /// Forint (HUF, 348).
    pub const HUF: Currency = Currency(59);
    /// Rupiah (IDR, 360).
    pub const IDR: Currency = Currency(60);
    /// New Israeli Sheqel (ILS, 376).
    pub const ILS: Currency = Currency(61);
    /// Indian Rupee (INR, 356).
    pub const INR: Currency = Currency(62);
    /// Iraqi Dinar (IQD, 368).
    pub const IQD: Currency = Currency(63);
    /// Iranian Rial (IRR, 364).
    pub const IRR: Currency = Currency(64);
    /// Iceland Krona (ISK, 352).
    pub const ISK: Currency = Currency(65);
    /// Jamaican Dollar (JMD, 388).
    pub const JMD: Currency = Currency(66);
    /// Jordanian Dinar (JOD, 400).
    pub const JOD: Currency = Currency(67);
    /// Yen (JPY, 392).
    pub const JPY: Currency = Currency(68);
    /// Kenyan Shilling (KES, 404).
    pub const KES: Currency = Currency(69);
    /// Som (KGS, 417).
    pub const KGS: Currency = Currency(70);
    /// Riel (KHR, 116).
    pub const KHR: Currency = Currency(71);
    /// Comorian Franc (KMF, 174).
    pub const KMF: Currency = Currency(72);
    /// North Korean Won (KPW, 408).
    pub const KPW: Currency = Currency(73);
    /// Won (KRW, 410).
    pub const KRW: Currency = Currency(74);
    /// Kuwaiti Dinar (KWD, 414).
    pub const KWD: Currency = Currency(75);
    /// Cayman Islands Dollar (KYD, 136).
    pub const KYD: Currency = Currency(76);
    /// Tenge (KZT, 398).
    pub const KZT: Currency = Currency(77);
    /// Lao Kip (LAK, 418).
    pub const LAK: Currency = Currency(78);
    /// Lebanese Pound (LBP, 422).
    pub const LBP: Currency = Currency(79);
    /// Sri Lanka Rupee (LKR, 144).
    pub const LKR: Currency = Currency(80);
    /// Liberian Dollar (LRD, 430).
    pub const LRD: Currency = Currency(81);
    /// Loti (LSL, 426).
    pub const LSL: Currency = Currency(82);
    /// Libyan Dinar (LYD, 434).
    pub const LYD: Currency = Currency(83);
    /// Moroccan Dirham (MAD, 504).
    pub const MAD: Currency = Currency(84);
    /// Moldovan Leu (MDL, 498).
    pub const MDL: Currency = Currency(85);
    /// Malagasy Ariary (MGA, 969).
    pub const MGA: Currency = Currency(86);
    /// Denar (MKD, 807).
    pub const MKD: Currency = Currency(87);
    /// Kyat (MMK, 104).
    pub const MMK: Currency = Currency(88);
    /// Tugrik (MNT, 496).
    pub const MNT: Currency = Currency(89);
    /// Pataca (MOP, 446).
    pub const MOP: Currency = Currency(90);
    /// Ouguiya (MRU, 929).
    pub const MRU: Currency = Currency(91);
    /// Mauritius Rupee (MUR, 480).
    pub const MUR: Currency = Currency(92);
    /// Rufiyaa (MVR, 462).
    pub const MVR: Currency = Currency(93);
    /// Malawi Kwacha (MWK, 454).
    pub const MWK: Currency = Currency(94);
    /// Mexican Peso (MXN, 484).
    pub const MXN: Currency = Currency(95);
    /// Mexican Unidad de Inversion (UDI) (MXV, 979).
    pub const MXV: Currency = Currency(96);
    /// Malaysian Ringgit (MYR, 458).
    pub const MYR: Currency = Currency(97);
    /// Mozambique Metical (MZN, 943).
    pub const MZN: Currency = Currency(98);
    /// Namibia Dollar (NAD, 516).
    pub const NAD: Currency = Currency(99);
    /// Naira (NGN, 566).
    pub const NGN: Currency = Currency(100);
    /// Cordoba Oro (NIO, 558).
    pub const NIO: Currency = Currency(101);
    /// Norwegian Krone (NOK, 578).
    pub const NOK: Currency = Currency(102);
    /// Nepalese Rupee (NPR, 524).
    pub const NPR: Currency = Currency(103);
    /// New Zealand Dollar (NZD, 554).
    pub const NZD: Currency = Currency(104);
    /// Rial Omani (OMR, 512).
    pub const OMR: Currency = Currency(105);
    /// Balboa (PAB, 590).
    pub const PAB: Currency = Currency(106);
    /// Sol (PEN, 604).
    pub const PEN: Currency = Currency(107);
    /// Kina (PGK, 598).
    pub const PGK: Currency = Currency(108);
    /// Philippine Peso (PHP, 608).
    pub const PHP: Currency = Currency(109);
    /// Pakistan Rupee (PKR, 586).
    pub const PKR: Currency = Currency(110);
    /// Zloty (PLN, 985).
    pub const PLN: Currency = Currency(111);
    /// Guarani (PYG, 600).
    pub const PYG: Currency = Currency(112);
    /// Qatari Rial (QAR, 634).
    pub const QAR: Currency = Currency(113);
    /// Romanian Leu (RON, 946).
    pub const RON: Currency = Currency(114);
    /// Serbian Dinar (RSD, 941).
    pub const RSD: Currency = Currency(115);
    /// Russian Ruble (RUB, 643).
    pub const RUB: Currency = Currency(116);
    /// Rwanda Franc (RWF, 646).
    pub const RWF: Currency = Currency(117);
    /// Saudi Riyal (SAR, 682).
    pub const SAR: Currency = Currency(118);
    /// Solomon Islands Dollar (SBD, 090).
    pub const SBD: Currency = Currency(119);
    /// Seychelles Rupee (SCR, 690).
    pub const SCR: Currency = Currency(120);
    /// Sudanese Pound (SDG, 938).
    pub const SDG: Currency = Currency(121);
    /// Swedish Krona (SEK, 752).
    pub const SEK: Currency = Currency(122);
    /// Singapore Dollar (SGD, 702).
    pub const SGD: Currency = Currency(123);
    /// Saint Helena Pound (SHP, 654).
    pub const SHP: Currency = Currency(124);
    /// Leone (SLE, 925).
    pub const SLE: Currency = Currency(125);
    /// Somali Shilling (SOS, 706).
    pub const SOS: Currency = Currency(126);
    /// Surinam Dollar (SRD, 968).
    pub const SRD: Currency = Currency(127);
    /// South Sudanese Pound (SSP, 728).
    pub const SSP: Currency = Currency(128);
    /// Dobra (STN, 930).
    pub const STN: Currency = Currency(129);
    /// El Salvador Colon (SVC, 222).
    pub const SVC: Currency = Currency(130);
    /// Syrian Pound (SYP, 760).
    pub const SYP: Currency = Currency(131);
    /// Lilangeni (SZL, 748).
    pub const SZL: Currency = Currency(132);
    /// Baht (THB, 764).
    pub const THB: Currency = Currency(133);
    /// Somoni (TJS, 972).
    pub const TJS: Currency = Currency(134);
    /// Turkmenistan New Manat (TMT, 934).
    pub const TMT: Currency = Currency(135);
    /// Tunisian Dinar (TND, 788).
    pub const TND: Currency = Currency(136);
    /// Pa’anga (TOP, 776).
    pub const TOP: Currency = Currency(137);
    /// Turkish Lira (TRY, 949).
    pub const TRY: Currency = Currency(138);
    /// Trinidad and Tobago Dollar (TTD, 780).
    pub const TTD: Currency = Currency(139);
    /// New Taiwan Dollar (TWD, 901).
    pub const TWD: Currency = Currency(140);
    /// Tanzanian Shilling (TZS, 834).
    pub const TZS: Currency = Currency(141);
    /// Hryvnia (UAH, 980).
    pub const UAH: Currency = Currency(142);
    /// Uganda Shilling (UGX, 800).
    pub const UGX: Currency = Currency(143);
    /// US Dollar (USD, 840).
    pub const USD: Currency = Currency(144);
    /// US Dollar (Next day) (USN, 997).
    pub const USN: Currency = Currency(145);
    /// Uruguay Peso en Unidades Indexadas (UI) (UYI, 940).
    pub const UYI: Currency = Currency(146);
    /// Peso Uruguayo (UYU, 858).
    pub const UYU: Currency = Currency(147);
    /// Unidad Previsional (UYW, 927).
    pub const UYW: Currency = Currency(148);
    /// Uzbekistan Sum (UZS, 860).
    pub const UZS: Currency = Currency(149);
    /// Bolívar Soberano (VED, 926).
    pub const VED: Currency = Currency(150);
    /// Bolívar Soberano (VES, 928).
    pub const VES: Currency = Currency(151);
    /// Dong (VND, 704).
    pub const VND: Currency = Currency(152);
    /// Vatu (VUV, 548).
    pub const VUV: Currency = Currency(153);
    /// Tala (WST, 882).
    pub const WST: Currency = Currency(154);
    /// Arab Accounting Dinar (XAD, 396).
    pub const XAD: Currency = Currency(155);
    /// CFA Franc BEAC (XAF, 950).
    pub const XAF: Currency = Currency(156);
    /// Silver (XAG, 961).
    pub const XAG: Currency = Currency(157);
    /// Gold (XAU, 959).
    pub const XAU: Currency = Currency(158);
    /// Bond Markets Unit European Composite Unit (EURCO) (XBA, 955).
    pub const XBA: Currency = Currency(159);
    /// Bond Markets Unit European Monetary Unit (E.M.U.-6) (XBB, 956).
    pub const XBB: Currency = Currency(160);
    /// Bond Markets Unit European Unit of Account 9 (E.U.A.-9) (XBC, 957).
    pub const XBC: Currency = Currency(161);
    /// Bond Markets Unit European Unit of Account 17 (E.U.A.-17) (XBD, 958).
    pub const XBD: Currency = Currency(162);
    /// East Caribbean Dollar (XCD, 951).
    pub const XCD: Currency = Currency(163);
    /// Caribbean Guilder (XCG, 532).
    pub const XCG: Currency = Currency(164);
    /// SDR (Special Drawing Right) (XDR, 960).
    pub const XDR: Currency = Currency(165);
    /// CFA Franc BCEAO (XOF, 952).
    pub const XOF: Currency = Currency(166);
    /// Palladium (XPD, 964).
    pub const XPD: Currency = Currency(167);
    /// CFP Franc (XPF, 953).
    pub const XPF: Currency = Currency(168);
    /// Platinum (XPT, 962).
    pub const XPT: Currency = Currency(169);
    /// Sucre (XSU, 994).
    pub const XSU: Currency = Currency(170);
    /// Codes specifically reserved for testing purposes (XTS, 963).
    pub const XTS: Currency = Currency(171);
    /// ADB Unit of Account (XUA, 965).
    pub const XUA: Currency = Currency(172);
    /// The codes assigned for transactions where no currency is involved (XXX, 999).
    pub const XXX: Currency = Currency(173);
    /// Yemeni Rial (YER, 886).
    pub const YER: Currency = Currency(174);
    /// Rand (ZAR, 710).
    pub const ZAR: Currency = Currency(175);
    /// Zambian Kwacha (ZMW, 967).
    pub const ZMW: Currency = Currency(176);
    /// Zimbabwe Gold (ZWG, 924).
    pub const ZWG: Currency = Currency(177);
}
