// @generated from data/reference/countries.csv by the workspace's codegen task — do not edit

use crate::country::{Country, CountryInfo};

/// ISO 3166-1, sorted by alpha-3.
pub(crate) static COUNTRIES: &[CountryInfo] = &[
    CountryInfo {
        alpha2: "AW",
        alpha3: "ABW",
        numeric: 533,
        name_en: "Aruba",
        name_ru: "Аруба",
    },
    CountryInfo {
        alpha2: "AF",
        alpha3: "AFG",
        numeric: 4,
        name_en: "Afghanistan",
        name_ru: "Афганистан",
    },
    CountryInfo {
        alpha2: "AO",
        alpha3: "AGO",
        numeric: 24,
        name_en: "Angola",
        name_ru: "Ангола",
    },
    CountryInfo {
        alpha2: "AI",
        alpha3: "AIA",
        numeric: 660,
        name_en: "Anguilla",
        name_ru: "Ангвилла",
    },
    CountryInfo {
        alpha2: "AX",
        alpha3: "ALA",
        numeric: 248,
        name_en: "Åland Islands",
        name_ru: "Аландские острова",
    },
    CountryInfo {
        alpha2: "AL",
        alpha3: "ALB",
        numeric: 8,
        name_en: "Albania",
        name_ru: "Албания",
    },
    CountryInfo {
        alpha2: "AD",
        alpha3: "AND",
        numeric: 20,
        name_en: "Andorra",
        name_ru: "Андорра",
    },
    CountryInfo {
        alpha2: "AE",
        alpha3: "ARE",
        numeric: 784,
        name_en: "United Arab Emirates",
        name_ru: "Объединённые Арабские Эмираты",
    },
    CountryInfo {
        alpha2: "AR",
        alpha3: "ARG",
        numeric: 32,
        name_en: "Argentina",
        name_ru: "Аргентина",
    },
    CountryInfo {
        alpha2: "AM",
        alpha3: "ARM",
        numeric: 51,
        name_en: "Armenia",
        name_ru: "Армения",
    },
    CountryInfo {
        alpha2: "AS",
        alpha3: "ASM",
        numeric: 16,
        name_en: "American Samoa",
        name_ru: "Американские Самоа",
    },
    CountryInfo {
        alpha2: "AQ",
        alpha3: "ATA",
        numeric: 10,
        name_en: "Antarctica",
        name_ru: "Антарктика",
    },
    CountryInfo {
        alpha2: "TF",
        alpha3: "ATF",
        numeric: 260,
        name_en: "French Southern Territories",
        name_ru: "Французские южные территории",
    },
    CountryInfo {
        alpha2: "AG",
        alpha3: "ATG",
        numeric: 28,
        name_en: "Antigua and Barbuda",
        name_ru: "Антигуа и Барбуда",
    },
    CountryInfo {
        alpha2: "AU",
        alpha3: "AUS",
        numeric: 36,
        name_en: "Australia",
        name_ru: "Австралия",
    },
    CountryInfo {
        alpha2: "AT",
        alpha3: "AUT",
        numeric: 40,
        name_en: "Austria",
        name_ru: "Австрия",
    },
    CountryInfo {
        alpha2: "AZ",
        alpha3: "AZE",
        numeric: 31,
        name_en: "Azerbaijan",
        name_ru: "Азербайджан",
    },
    CountryInfo {
        alpha2: "BI",
        alpha3: "BDI",
        numeric: 108,
        name_en: "Burundi",
        name_ru: "Бурунди",
    },
    CountryInfo {
        alpha2: "BE",
        alpha3: "BEL",
        numeric: 56,
        name_en: "Belgium",
        name_ru: "Бельгия",
    },
    CountryInfo {
        alpha2: "BJ",
        alpha3: "BEN",
        numeric: 204,
        name_en: "Benin",
        name_ru: "Бенин",
    },
    CountryInfo {
        alpha2: "BQ",
        alpha3: "BES",
        numeric: 535,
        name_en: "Bonaire, Sint Eustatius and Saba",
        name_ru: "Бонайре, Синт-Эстатиус и Саба",
    },
    CountryInfo {
        alpha2: "BF",
        alpha3: "BFA",
        numeric: 854,
        name_en: "Burkina Faso",
        name_ru: "Буркина-Фасо",
    },
    CountryInfo {
        alpha2: "BD",
        alpha3: "BGD",
        numeric: 50,
        name_en: "Bangladesh",
        name_ru: "Бангладеш",
    },
    CountryInfo {
        alpha2: "BG",
        alpha3: "BGR",
        numeric: 100,
        name_en: "Bulgaria",
        name_ru: "Болгария",
    },
    CountryInfo {
        alpha2: "BH",
        alpha3: "BHR",
        numeric: 48,
        name_en: "Bahrain",
        name_ru: "Бахрейн",
    },
    CountryInfo {
        alpha2: "BS",
        alpha3: "BHS",
        numeric: 44,
        name_en: "Bahamas",
        name_ru: "Багамы",
    },
    CountryInfo {
        alpha2: "BA",
        alpha3: "BIH",
        numeric: 70,
        name_en: "Bosnia and Herzegovina",
        name_ru: "Босния и Герцеговина",
    },
    CountryInfo {
        alpha2: "BL",
        alpha3: "BLM",
        numeric: 652,
        name_en: "Saint Barthélemy",
        name_ru: "Сен-Бартельми",
    },
    CountryInfo {
        alpha2: "BY",
        alpha3: "BLR",
        numeric: 112,
        name_en: "Belarus",
        name_ru: "Беларусь",
    },
    CountryInfo {
        alpha2: "BZ",
        alpha3: "BLZ",
        numeric: 84,
        name_en: "Belize",
        name_ru: "Белиз",
    },
    CountryInfo {
        alpha2: "BM",
        alpha3: "BMU",
        numeric: 60,
        name_en: "Bermuda",
        name_ru: "Бермуды",
    },
    CountryInfo {
        alpha2: "BO",
        alpha3: "BOL",
        numeric: 68,
        name_en: "Bolivia, Plurinational State of",
        name_ru: "Боливия",
    },
    CountryInfo {
        alpha2: "BR",
        alpha3: "BRA",
        numeric: 76,
        name_en: "Brazil",
        name_ru: "Бразилия",
    },
    CountryInfo {
        alpha2: "BB",
        alpha3: "BRB",
        numeric: 52,
        name_en: "Barbados",
        name_ru: "Барбадос",
    },
    CountryInfo {
        alpha2: "BN",
        alpha3: "BRN",
        numeric: 96,
        name_en: "Brunei Darussalam",
        name_ru: "Бруней Даруссалам",
    },
    CountryInfo {
        alpha2: "BT",
        alpha3: "BTN",
        numeric: 64,
        name_en: "Bhutan",
        name_ru: "Бутан",
    },
    CountryInfo {
        alpha2: "BV",
        alpha3: "BVT",
        numeric: 74,
        name_en: "Bouvet Island",
        name_ru: "Остров Буве",
    },
    CountryInfo {
        alpha2: "BW",
        alpha3: "BWA",
        numeric: 72,
        name_en: "Botswana",
        name_ru: "Ботсвана",
    },
    CountryInfo {
        alpha2: "CF",
        alpha3: "CAF",
        numeric: 140,
        name_en: "Central African Republic",
        name_ru: "Центрально-африканская республика",
    },
    CountryInfo {
        alpha2: "CA",
        alpha3: "CAN",
        numeric: 124,
        name_en: "Canada",
        name_ru: "Канада",
    },
    CountryInfo {
        alpha2: "CC",
        alpha3: "CCK",
        numeric: 166,
        name_en: "Cocos (Keeling) Islands",
        name_ru: "Кокосовые острова",
    },
    CountryInfo {
        alpha2: "CH",
        alpha3: "CHE",
        numeric: 756,
        name_en: "Switzerland",
        name_ru: "Швейцария",
    },
    CountryInfo {
        alpha2: "CL",
        alpha3: "CHL",
        numeric: 152,
        name_en: "Chile",
        name_ru: "Чили",
    },
    CountryInfo {
        alpha2: "CN",
        alpha3: "CHN",
        numeric: 156,
        name_en: "China",
        name_ru: "Китай",
    },
    CountryInfo {
        alpha2: "CI",
        alpha3: "CIV",
        numeric: 384,
        name_en: "Côte d'Ivoire",
        name_ru: "Кот-д'Ивуар",
    },
    CountryInfo {
        alpha2: "CM",
        alpha3: "CMR",
        numeric: 120,
        name_en: "Cameroon",
        name_ru: "Камерун",
    },
    CountryInfo {
        alpha2: "CD",
        alpha3: "COD",
        numeric: 180,
        name_en: "Congo, The Democratic Republic of the",
        name_ru: "Демократическая Республика Конго",
    },
    CountryInfo {
        alpha2: "CG",
        alpha3: "COG",
        numeric: 178,
        name_en: "Congo",
        name_ru: "Конго",
    },
    CountryInfo {
        alpha2: "CK",
        alpha3: "COK",
        numeric: 184,
        name_en: "Cook Islands",
        name_ru: "Острова Кука",
    },
    CountryInfo {
        alpha2: "CO",
        alpha3: "COL",
        numeric: 170,
        name_en: "Colombia",
        name_ru: "Колумбия",
    },
    CountryInfo {
        alpha2: "KM",
        alpha3: "COM",
        numeric: 174,
        name_en: "Comoros",
        name_ru: "Коморы",
    },
    CountryInfo {
        alpha2: "CV",
        alpha3: "CPV",
        numeric: 132,
        name_en: "Cabo Verde",
        name_ru: "Кабо-Верде",
    },
    CountryInfo {
        alpha2: "CR",
        alpha3: "CRI",
        numeric: 188,
        name_en: "Costa Rica",
        name_ru: "Коста-Рика",
    },
    CountryInfo {
        alpha2: "CU",
        alpha3: "CUB",
        numeric: 192,
        name_en: "Cuba",
        name_ru: "Куба",
    },
    CountryInfo {
        alpha2: "CW",
        alpha3: "CUW",
        numeric: 531,
        name_en: "Curaçao",
        name_ru: "Кюрасао",
    },
    CountryInfo {
        alpha2: "CX",
        alpha3: "CXR",
        numeric: 162,
        name_en: "Christmas Island",
        name_ru: "Остров Рождества",
    },
    CountryInfo {
        alpha2: "KY",
        alpha3: "CYM",
        numeric: 136,
        name_en: "Cayman Islands",
        name_ru: "Каймановы острова",
    },
    CountryInfo {
        alpha2: "CY",
        alpha3: "CYP",
        numeric: 196,
        name_en: "Cyprus",
        name_ru: "Кипр",
    },
    CountryInfo {
        alpha2: "CZ",
        alpha3: "CZE",
        numeric: 203,
        name_en: "Czechia",
        name_ru: "Чехия",
    },
    CountryInfo {
        alpha2: "DE",
        alpha3: "DEU",
        numeric: 276,
        name_en: "Germany",
        name_ru: "Германия",
    },
    CountryInfo {
        alpha2: "DJ",
        alpha3: "DJI",
        numeric: 262,
        name_en: "Djibouti",
        name_ru: "Джибути",
    },
    CountryInfo {
        alpha2: "DM",
        alpha3: "DMA",
        numeric: 212,
        name_en: "Dominica",
        name_ru: "Доминика",
    },
    CountryInfo {
        alpha2: "DK",
        alpha3: "DNK",
        numeric: 208,
        name_en: "Denmark",
        name_ru: "Дания",
    },
    CountryInfo {
        alpha2: "DO",
        alpha3: "DOM",
        numeric: 214,
        name_en: "Dominican Republic",
        name_ru: "Доминиканская республика",
    },
    CountryInfo {
        alpha2: "DZ",
        alpha3: "DZA",
        numeric: 12,
        name_en: "Algeria",
        name_ru: "Алжир",
    },
    CountryInfo {
        alpha2: "EC",
        alpha3: "ECU",
        numeric: 218,
        name_en: "Ecuador",
        name_ru: "Эквадор",
    },
    CountryInfo {
        alpha2: "EG",
        alpha3: "EGY",
        numeric: 818,
        name_en: "Egypt",
        name_ru: "Египет",
    },
    CountryInfo {
        alpha2: "ER",
        alpha3: "ERI",
        numeric: 232,
        name_en: "Eritrea",
        name_ru: "Эритрея",
    },
    CountryInfo {
        alpha2: "EH",
        alpha3: "ESH",
        numeric: 732,
        name_en: "Western Sahara",
        name_ru: "Западная Сахара",
    },
    CountryInfo {
        alpha2: "ES",
        alpha3: "ESP",
        numeric: 724,
        name_en: "Spain",
        name_ru: "Испания",
    },
    CountryInfo {
        alpha2: "EE",
        alpha3: "EST",
        numeric: 233,
        name_en: "Estonia",
        name_ru: "Эстония",
    },
    CountryInfo {
        alpha2: "ET",
        alpha3: "ETH",
        numeric: 231,
        name_en: "Ethiopia",
        name_ru: "Эфиопия",
    },
    CountryInfo {
        alpha2: "FI",
        alpha3: "FIN",
        numeric: 246,
        name_en: "Finland",
        name_ru: "Финляндия",
    },
    CountryInfo {
        alpha2: "FJ",
        alpha3: "FJI",
        numeric: 242,
        name_en: "Fiji",
        name_ru: "Фиджи",
    },
    CountryInfo {
        alpha2: "FK",
        alpha3: "FLK",
        numeric: 238,
        name_en: "Falkland Islands (Malvinas)",
        name_ru: "Фолклендские (Мальвинские) острова",
    },
    CountryInfo {
        alpha2: "FR",
        alpha3: "FRA",
        numeric: 250,
        name_en: "France",
        name_ru: "Франция",
    },
    CountryInfo {
        alpha2: "FO",
        alpha3: "FRO",
        numeric: 234,
        name_en: "Faroe Islands",
        name_ru: "Фарерские острова",
    },
    CountryInfo {
        alpha2: "FM",
        alpha3: "FSM",
        numeric: 583,
        name_en: "Micronesia, Federated States of",
        name_ru: "Федеративные Штаты Микронезии",
    },
    CountryInfo {
        alpha2: "GA",
        alpha3: "GAB",
        numeric: 266,
        name_en: "Gabon",
        name_ru: "Габон",
    },
    CountryInfo {
        alpha2: "GB",
        alpha3: "GBR",
        numeric: 826,
        name_en: "United Kingdom",
        name_ru: "Соединённое Королевство",
    },
    CountryInfo {
        alpha2: "GE",
        alpha3: "GEO",
        numeric: 268,
        name_en: "Georgia",
        name_ru: "Грузия",
    },
    CountryInfo {
        alpha2: "GG",
        alpha3: "GGY",
        numeric: 831,
        name_en: "Guernsey",
        name_ru: "Гернси",
    },
    CountryInfo {
        alpha2: "GH",
        alpha3: "GHA",
        numeric: 288,
        name_en: "Ghana",
        name_ru: "Гана",
    },
    CountryInfo {
        alpha2: "GI",
        alpha3: "GIB",
        numeric: 292,
        name_en: "Gibraltar",
        name_ru: "Гибралтар",
    },
    CountryInfo {
        alpha2: "GN",
        alpha3: "GIN",
        numeric: 324,
        name_en: "Guinea",
        name_ru: "Гвинея",
    },
    CountryInfo {
        alpha2: "GP",
        alpha3: "GLP",
        numeric: 312,
        name_en: "Guadeloupe",
        name_ru: "Гваделупа",
    },
    CountryInfo {
        alpha2: "GM",
        alpha3: "GMB",
        numeric: 270,
        name_en: "Gambia",
        name_ru: "Гамбия",
    },
    CountryInfo {
        alpha2: "GW",
        alpha3: "GNB",
        numeric: 624,
        name_en: "Guinea-Bissau",
        name_ru: "Гвинея-Бисау",
    },
    CountryInfo {
        alpha2: "GQ",
        alpha3: "GNQ",
        numeric: 226,
        name_en: "Equatorial Guinea",
        name_ru: "Экваториальная Гвинея",
    },
    CountryInfo {
        alpha2: "GR",
        alpha3: "GRC",
        numeric: 300,
        name_en: "Greece",
        name_ru: "Греция",
    },
    CountryInfo {
        alpha2: "GD",
        alpha3: "GRD",
        numeric: 308,
        name_en: "Grenada",
        name_ru: "Гренада",
    },
    CountryInfo {
        alpha2: "GL",
        alpha3: "GRL",
        numeric: 304,
        name_en: "Greenland",
        name_ru: "Гренландия",
    },
    CountryInfo {
        alpha2: "GT",
        alpha3: "GTM",
        numeric: 320,
        name_en: "Guatemala",
        name_ru: "Гватемала",
    },
    CountryInfo {
        alpha2: "GF",
        alpha3: "GUF",
        numeric: 254,
        name_en: "French Guiana",
        name_ru: "Французская Гвиана",
    },
    CountryInfo {
        alpha2: "GU",
        alpha3: "GUM",
        numeric: 316,
        name_en: "Guam",
        name_ru: "Гуам",
    },
    CountryInfo {
        alpha2: "GY",
        alpha3: "GUY",
        numeric: 328,
        name_en: "Guyana",
        name_ru: "Гайана",
    },
    CountryInfo {
        alpha2: "HK",
        alpha3: "HKG",
        numeric: 344,
        name_en: "Hong Kong",
        name_ru: "Гонконг",
    },
    CountryInfo {
        alpha2: "HM",
        alpha3: "HMD",
        numeric: 334,
        name_en: "Heard Island and McDonald Islands",
        name_ru: "Остров Херд и острова МакДональд",
    },
    CountryInfo {
        alpha2: "HN",
        alpha3: "HND",
        numeric: 340,
        name_en: "Honduras",
        name_ru: "Гондурас",
    },
    CountryInfo {
        alpha2: "HR",
        alpha3: "HRV",
        numeric: 191,
        name_en: "Croatia",
        name_ru: "Хорватия",
    },
    CountryInfo {
        alpha2: "HT",
        alpha3: "HTI",
        numeric: 332,
        name_en: "Haiti",
        name_ru: "Гаити",
    },
    CountryInfo {
        alpha2: "HU",
        alpha3: "HUN",
        numeric: 348,
        name_en: "Hungary",
        name_ru: "Венгрия",
    },
    CountryInfo {
        alpha2: "ID",
        alpha3: "IDN",
        numeric: 360,
        name_en: "Indonesia",
        name_ru: "Индонезия",
    },
    CountryInfo {
        alpha2: "IM",
        alpha3: "IMN",
        numeric: 833,
        name_en: "Isle of Man",
        name_ru: "Остров Мэн",
    },
    CountryInfo {
        alpha2: "IN",
        alpha3: "IND",
        numeric: 356,
        name_en: "India",
        name_ru: "Индия",
    },
    CountryInfo {
        alpha2: "IO",
        alpha3: "IOT",
        numeric: 86,
        name_en: "British Indian Ocean Territory",
        name_ru: "Британская территория Индийского океана",
    },
    CountryInfo {
        alpha2: "IE",
        alpha3: "IRL",
        numeric: 372,
        name_en: "Ireland",
        name_ru: "Ирландия",
    },
    CountryInfo {
        alpha2: "IR",
        alpha3: "IRN",
        numeric: 364,
        name_en: "Iran, Islamic Republic of",
        name_ru: "Иран",
    },
    CountryInfo {
        alpha2: "IQ",
        alpha3: "IRQ",
        numeric: 368,
        name_en: "Iraq",
        name_ru: "Ирак",
    },
    CountryInfo {
        alpha2: "IS",
        alpha3: "ISL",
        numeric: 352,
        name_en: "Iceland",
        name_ru: "Исландия",
    },
    CountryInfo {
        alpha2: "IL",
        alpha3: "ISR",
        numeric: 376,
        name_en: "Israel",
        name_ru: "Израиль",
    },
    CountryInfo {
        alpha2: "IT",
        alpha3: "ITA",
        numeric: 380,
        name_en: "Italy",
        name_ru: "Италия",
    },
    CountryInfo {
        alpha2: "JM",
        alpha3: "JAM",
        numeric: 388,
        name_en: "Jamaica",
        name_ru: "Ямайка",
    },
    CountryInfo {
        alpha2: "JE",
        alpha3: "JEY",
        numeric: 832,
        name_en: "Jersey",
        name_ru: "Джерси",
    },
    CountryInfo {
        alpha2: "JO",
        alpha3: "JOR",
        numeric: 400,
        name_en: "Jordan",
        name_ru: "Иордания",
    },
    CountryInfo {
        alpha2: "JP",
        alpha3: "JPN",
        numeric: 392,
        name_en: "Japan",
        name_ru: "Япония",
    },
    CountryInfo {
        alpha2: "KZ",
        alpha3: "KAZ",
        numeric: 398,
        name_en: "Kazakhstan",
        name_ru: "Казахстан",
    },
    CountryInfo {
        alpha2: "KE",
        alpha3: "KEN",
        numeric: 404,
        name_en: "Kenya",
        name_ru: "Кения",
    },
    CountryInfo {
        alpha2: "KG",
        alpha3: "KGZ",
        numeric: 417,
        name_en: "Kyrgyzstan",
        name_ru: "Киргизия",
    },
    CountryInfo {
        alpha2: "KH",
        alpha3: "KHM",
        numeric: 116,
        name_en: "Cambodia",
        name_ru: "Камбоджа",
    },
    CountryInfo {
        alpha2: "KI",
        alpha3: "KIR",
        numeric: 296,
        name_en: "Kiribati",
        name_ru: "Кирибати",
    },
    CountryInfo {
        alpha2: "KN",
        alpha3: "KNA",
        numeric: 659,
        name_en: "Saint Kitts and Nevis",
        name_ru: "Сент-Китс и Невис",
    },
    CountryInfo {
        alpha2: "KR",
        alpha3: "KOR",
        numeric: 410,
        name_en: "Korea, Republic of",
        name_ru: "Республика Корея",
    },
    CountryInfo {
        alpha2: "KW",
        alpha3: "KWT",
        numeric: 414,
        name_en: "Kuwait",
        name_ru: "Кувейт",
    },
    CountryInfo {
        alpha2: "LA",
        alpha3: "LAO",
        numeric: 418,
        name_en: "Lao People's Democratic Republic",
        name_ru: "Лаосская Народно-Демократическая Республика",
    },
    CountryInfo {
        alpha2: "LB",
        alpha3: "LBN",
        numeric: 422,
        name_en: "Lebanon",
        name_ru: "Ливан",
    },
    CountryInfo {
        alpha2: "LR",
        alpha3: "LBR",
        numeric: 430,
        name_en: "Liberia",
        name_ru: "Либерия",
    },
    CountryInfo {
        alpha2: "LY",
        alpha3: "LBY",
        numeric: 434,
        name_en: "Libya",
        name_ru: "Ливия",
    },
    CountryInfo {
        alpha2: "LC",
        alpha3: "LCA",
        numeric: 662,
        name_en: "Saint Lucia",
        name_ru: "Сент-Люсия",
    },
    CountryInfo {
        alpha2: "LI",
        alpha3: "LIE",
        numeric: 438,
        name_en: "Liechtenstein",
        name_ru: "Лихтенштейн",
    },
    CountryInfo {
        alpha2: "LK",
        alpha3: "LKA",
        numeric: 144,
        name_en: "Sri Lanka",
        name_ru: "Шри-Ланка",
    },
    CountryInfo {
        alpha2: "LS",
        alpha3: "LSO",
        numeric: 426,
        name_en: "Lesotho",
        name_ru: "Лесото",
    },
    CountryInfo {
        alpha2: "LT",
        alpha3: "LTU",
        numeric: 440,
        name_en: "Lithuania",
        name_ru: "Литва",
    },
    CountryInfo {
        alpha2: "LU",
        alpha3: "LUX",
        numeric: 442,
        name_en: "Luxembourg",
        name_ru: "Люксембург",
    },
    CountryInfo {
        alpha2: "LV",
        alpha3: "LVA",
        numeric: 428,
        name_en: "Latvia",
        name_ru: "Латвия",
    },
    CountryInfo {
        alpha2: "MO",
        alpha3: "MAC",
        numeric: 446,
        name_en: "Macao",
        name_ru: "Макао",
    },
    CountryInfo {
        alpha2: "MF",
        alpha3: "MAF",
        numeric: 663,
        name_en: "Saint Martin (French part)",
        name_ru: "Сен-Мартен (Франция)",
    },
    CountryInfo {
        alpha2: "MA",
        alpha3: "MAR",
        numeric: 504,
        name_en: "Morocco",
        name_ru: "Марокко",
    },
    CountryInfo {
        alpha2: "MC",
        alpha3: "MCO",
        numeric: 492,
        name_en: "Monaco",
        name_ru: "Монако",
    },
    CountryInfo {
        alpha2: "MD",
        alpha3: "MDA",
        numeric: 498,
        name_en: "Moldova, Republic of",
        name_ru: "Республика Молдова",
    },
    CountryInfo {
        alpha2: "MG",
        alpha3: "MDG",
        numeric: 450,
        name_en: "Madagascar",
        name_ru: "Мадагаскар",
    },
    CountryInfo {
        alpha2: "MV",
        alpha3: "MDV",
        numeric: 462,
        name_en: "Maldives",
        name_ru: "Мальдивы",
    },
    CountryInfo {
        alpha2: "MX",
        alpha3: "MEX",
        numeric: 484,
        name_en: "Mexico",
        name_ru: "Мексика",
    },
    CountryInfo {
        alpha2: "MH",
        alpha3: "MHL",
        numeric: 584,
        name_en: "Marshall Islands",
        name_ru: "Маршалловы острова",
    },
    CountryInfo {
        alpha2: "MK",
        alpha3: "MKD",
        numeric: 807,
        name_en: "North Macedonia",
        name_ru: "Северная Македония",
    },
    CountryInfo {
        alpha2: "ML",
        alpha3: "MLI",
        numeric: 466,
        name_en: "Mali",
        name_ru: "Мали",
    },
    CountryInfo {
        alpha2: "MT",
        alpha3: "MLT",
        numeric: 470,
        name_en: "Malta",
        name_ru: "Мальта",
    },
    CountryInfo {
        alpha2: "MM",
        alpha3: "MMR",
        numeric: 104,
        name_en: "Myanmar",
        name_ru: "Мьянма",
    },
    CountryInfo {
        alpha2: "ME",
        alpha3: "MNE",
        numeric: 499,
        name_en: "Montenegro",
        name_ru: "Черногория",
    },
    CountryInfo {
        alpha2: "MN",
        alpha3: "MNG",
        numeric: 496,
        name_en: "Mongolia",
        name_ru: "Монголия",
    },
    CountryInfo {
        alpha2: "MP",
        alpha3: "MNP",
        numeric: 580,
        name_en: "Northern Mariana Islands",
        name_ru: "Острова северной Марианы",
    },
    CountryInfo {
        alpha2: "MZ",
        alpha3: "MOZ",
        numeric: 508,
        name_en: "Mozambique",
        name_ru: "Мозамбик",
    },
    CountryInfo {
        alpha2: "MR",
        alpha3: "MRT",
        numeric: 478,
        name_en: "Mauritania",
        name_ru: "Мавритания",
    },
    CountryInfo {
        alpha2: "MS",
        alpha3: "MSR",
        numeric: 500,
        name_en: "Montserrat",
        name_ru: "Монтсеррат",
    },
    CountryInfo {
        alpha2: "MQ",
        alpha3: "MTQ",
        numeric: 474,
        name_en: "Martinique",
        name_ru: "Мартиника",
    },
    CountryInfo {
        alpha2: "MU",
        alpha3: "MUS",
        numeric: 480,
        name_en: "Mauritius",
        name_ru: "Маврикий",
    },
    CountryInfo {
        alpha2: "MW",
        alpha3: "MWI",
        numeric: 454,
        name_en: "Malawi",
        name_ru: "Малави",
    },
    CountryInfo {
        alpha2: "MY",
        alpha3: "MYS",
        numeric: 458,
        name_en: "Malaysia",
        name_ru: "Малайзия",
    },
    CountryInfo {
        alpha2: "YT",
        alpha3: "MYT",
        numeric: 175,
        name_en: "Mayotte",
        name_ru: "Майот",
    },
    CountryInfo {
        alpha2: "NA",
        alpha3: "NAM",
        numeric: 516,
        name_en: "Namibia",
        name_ru: "Намибия",
    },
    CountryInfo {
        alpha2: "NC",
        alpha3: "NCL",
        numeric: 540,
        name_en: "New Caledonia",
        name_ru: "Новая Каледония",
    },
    CountryInfo {
        alpha2: "NE",
        alpha3: "NER",
        numeric: 562,
        name_en: "Niger",
        name_ru: "Нигер",
    },
    CountryInfo {
        alpha2: "NF",
        alpha3: "NFK",
        numeric: 574,
        name_en: "Norfolk Island",
        name_ru: "Остров Норфолк",
    },
    CountryInfo {
        alpha2: "NG",
        alpha3: "NGA",
        numeric: 566,
        name_en: "Nigeria",
        name_ru: "Нигерия",
    },
    CountryInfo {
        alpha2: "NI",
        alpha3: "NIC",
        numeric: 558,
        name_en: "Nicaragua",
        name_ru: "Никарагуа",
    },
    CountryInfo {
        alpha2: "NU",
        alpha3: "NIU",
        numeric: 570,
        name_en: "Niue",
        name_ru: "Ниуэ",
    },
    CountryInfo {
        alpha2: "NL",
        alpha3: "NLD",
        numeric: 528,
        name_en: "Netherlands",
        name_ru: "Нидерланды",
    },
    CountryInfo {
        alpha2: "NO",
        alpha3: "NOR",
        numeric: 578,
        name_en: "Norway",
        name_ru: "Норвегия",
    },
    CountryInfo {
        alpha2: "NP",
        alpha3: "NPL",
        numeric: 524,
        name_en: "Nepal",
        name_ru: "Непал",
    },
    CountryInfo {
        alpha2: "NR",
        alpha3: "NRU",
        numeric: 520,
        name_en: "Nauru",
        name_ru: "Науру",
    },
    CountryInfo {
        alpha2: "NZ",
        alpha3: "NZL",
        numeric: 554,
        name_en: "New Zealand",
        name_ru: "Новая Зеландия",
    },
    CountryInfo {
        alpha2: "OM",
        alpha3: "OMN",
        numeric: 512,
        name_en: "Oman",
        name_ru: "Оман",
    },
    CountryInfo {
        alpha2: "PK",
        alpha3: "PAK",
        numeric: 586,
        name_en: "Pakistan",
        name_ru: "Пакистан",
    },
    CountryInfo {
        alpha2: "PA",
        alpha3: "PAN",
        numeric: 591,
        name_en: "Panama",
        name_ru: "Панама",
    },
    CountryInfo {
        alpha2: "PN",
        alpha3: "PCN",
        numeric: 612,
        name_en: "Pitcairn",
        name_ru: "Питкэрн",
    },
    CountryInfo {
        alpha2: "PE",
        alpha3: "PER",
        numeric: 604,
        name_en: "Peru",
        name_ru: "Перу",
    },
    CountryInfo {
        alpha2: "PH",
        alpha3: "PHL",
        numeric: 608,
        name_en: "Philippines",
        name_ru: "Филиппины",
    },
    CountryInfo {
        alpha2: "PW",
        alpha3: "PLW",
        numeric: 585,
        name_en: "Palau",
        name_ru: "Палау",
    },
    CountryInfo {
        alpha2: "PG",
        alpha3: "PNG",
        numeric: 598,
        name_en: "Papua New Guinea",
        name_ru: "Папуа — Новая Гвинея",
    },
    CountryInfo {
        alpha2: "PL",
        alpha3: "POL",
        numeric: 616,
        name_en: "Poland",
        name_ru: "Польша",
    },
    CountryInfo {
        alpha2: "PR",
        alpha3: "PRI",
        numeric: 630,
        name_en: "Puerto Rico",
        name_ru: "Пуэрто-Рико",
    },
    CountryInfo {
        alpha2: "KP",
        alpha3: "PRK",
        numeric: 408,
        name_en: "Korea, Democratic People's Republic of",
        name_ru: "Корейская Народно-Демократическая Республика",
    },
    CountryInfo {
        alpha2: "PT",
        alpha3: "PRT",
        numeric: 620,
        name_en: "Portugal",
        name_ru: "Португалия",
    },
    CountryInfo {
        alpha2: "PY",
        alpha3: "PRY",
        numeric: 600,
        name_en: "Paraguay",
        name_ru: "Парагвай",
    },
    CountryInfo {
        alpha2: "PS",
        alpha3: "PSE",
        numeric: 275,
        name_en: "Palestine, State of",
        name_ru: "Палестина",
    },
    CountryInfo {
        alpha2: "PF",
        alpha3: "PYF",
        numeric: 258,
        name_en: "French Polynesia",
        name_ru: "Французская Полинезия",
    },
    CountryInfo {
        alpha2: "QA",
        alpha3: "QAT",
        numeric: 634,
        name_en: "Qatar",
        name_ru: "Катар",
    },
    CountryInfo {
        alpha2: "RE",
        alpha3: "REU",
        numeric: 638,
        name_en: "Réunion",
        name_ru: "Реюньон",
    },
    CountryInfo {
        alpha2: "RO",
        alpha3: "ROU",
        numeric: 642,
        name_en: "Romania",
        name_ru: "Румыния",
    },
    CountryInfo {
        alpha2: "RU",
        alpha3: "RUS",
        numeric: 643,
        name_en: "Russian Federation",
        name_ru: "Российская Федерация",
    },
    CountryInfo {
        alpha2: "RW",
        alpha3: "RWA",
        numeric: 646,
        name_en: "Rwanda",
        name_ru: "Руанда",
    },
    CountryInfo {
        alpha2: "SA",
        alpha3: "SAU",
        numeric: 682,
        name_en: "Saudi Arabia",
        name_ru: "Саудовская Аравия",
    },
    CountryInfo {
        alpha2: "SD",
        alpha3: "SDN",
        numeric: 729,
        name_en: "Sudan",
        name_ru: "Судан",
    },
    CountryInfo {
        alpha2: "SN",
        alpha3: "SEN",
        numeric: 686,
        name_en: "Senegal",
        name_ru: "Сенегал",
    },
    CountryInfo {
        alpha2: "SG",
        alpha3: "SGP",
        numeric: 702,
        name_en: "Singapore",
        name_ru: "Сингапур",
    },
    CountryInfo {
        alpha2: "GS",
        alpha3: "SGS",
        numeric: 239,
        name_en: "South Georgia and the South Sandwich Islands",
        name_ru: "Южная Джорджия и Южные Сандвичевы острова",
    },
    CountryInfo {
        alpha2: "SH",
        alpha3: "SHN",
        numeric: 654,
        name_en: "Saint Helena, Ascension and Tristan da Cunha",
        name_ru: "Остров Святой Елены, Остров Вознесения и Тристан-да-Кунья",
    },
    CountryInfo {
        alpha2: "SJ",
        alpha3: "SJM",
        numeric: 744,
        name_en: "Svalbard and Jan Mayen",
        name_ru: "Шпицберген и Ян-Майен",
    },
    CountryInfo {
        alpha2: "SB",
        alpha3: "SLB",
        numeric: 90,
        name_en: "Solomon Islands",
        name_ru: "Соломоновы Острова",
    },
    CountryInfo {
        alpha2: "SL",
        alpha3: "SLE",
        numeric: 694,
        name_en: "Sierra Leone",
        name_ru: "Сьерра-Леоне",
    },
    CountryInfo {
        alpha2: "SV",
        alpha3: "SLV",
        numeric: 222,
        name_en: "El Salvador",
        name_ru: "Сальвадор",
    },
    CountryInfo {
        alpha2: "SM",
        alpha3: "SMR",
        numeric: 674,
        name_en: "San Marino",
        name_ru: "Сан-Марино",
    },
    CountryInfo {
        alpha2: "SO",
        alpha3: "SOM",
        numeric: 706,
        name_en: "Somalia",
        name_ru: "Сомали",
    },
    CountryInfo {
        alpha2: "PM",
        alpha3: "SPM",
        numeric: 666,
        name_en: "Saint Pierre and Miquelon",
        name_ru: "Сен-Пьер и Микелон",
    },
    CountryInfo {
        alpha2: "RS",
        alpha3: "SRB",
        numeric: 688,
        name_en: "Serbia",
        name_ru: "Сербия",
    },
    CountryInfo {
        alpha2: "SS",
        alpha3: "SSD",
        numeric: 728,
        name_en: "South Sudan",
        name_ru: "Южный Судан",
    },
    CountryInfo {
        alpha2: "ST",
        alpha3: "STP",
        numeric: 678,
        name_en: "Sao Tome and Principe",
        name_ru: "Сан-Томе и Принсипи",
    },
    CountryInfo {
        alpha2: "SR",
        alpha3: "SUR",
        numeric: 740,
        name_en: "Suriname",
        name_ru: "Суринам",
    },
    CountryInfo {
        alpha2: "SK",
        alpha3: "SVK",
        numeric: 703,
        name_en: "Slovakia",
        name_ru: "Словакия",
    },
    CountryInfo {
        alpha2: "SI",
        alpha3: "SVN",
        numeric: 705,
        name_en: "Slovenia",
        name_ru: "Словения",
    },
    CountryInfo {
        alpha2: "SE",
        alpha3: "SWE",
        numeric: 752,
        name_en: "Sweden",
        name_ru: "Швеция",
    },
    CountryInfo {
        alpha2: "SZ",
        alpha3: "SWZ",
        numeric: 748,
        name_en: "Eswatini",
        name_ru: "Эсватини",
    },
    CountryInfo {
        alpha2: "SX",
        alpha3: "SXM",
        numeric: 534,
        name_en: "Sint Maarten (Dutch part)",
        name_ru: "Синт-Мартен (голландская часть)",
    },
    CountryInfo {
        alpha2: "SC",
        alpha3: "SYC",
        numeric: 690,
        name_en: "Seychelles",
        name_ru: "Сейшелы",
    },
    CountryInfo {
        alpha2: "SY",
        alpha3: "SYR",
        numeric: 760,
        name_en: "Syrian Arab Republic",
        name_ru: "Сирийская Арабская Республика",
    },
    CountryInfo {
        alpha2: "TC",
        alpha3: "TCA",
        numeric: 796,
        name_en: "Turks and Caicos Islands",
        name_ru: "Острова Туркс и Каикос",
    },
    CountryInfo {
        alpha2: "TD",
        alpha3: "TCD",
        numeric: 148,
        name_en: "Chad",
        name_ru: "Чад",
    },
    CountryInfo {
        alpha2: "TG",
        alpha3: "TGO",
        numeric: 768,
        name_en: "Togo",
        name_ru: "Того",
    },
    CountryInfo {
        alpha2: "TH",
        alpha3: "THA",
        numeric: 764,
        name_en: "Thailand",
        name_ru: "Таиланд",
    },
    CountryInfo {
        alpha2: "TJ",
        alpha3: "TJK",
        numeric: 762,
        name_en: "Tajikistan",
        name_ru: "Таджикистан",
    },
    CountryInfo {
        alpha2: "TK",
        alpha3: "TKL",
        numeric: 772,
        name_en: "Tokelau",
        name_ru: "Токелау",
    },
    CountryInfo {
        alpha2: "TM",
        alpha3: "TKM",
        numeric: 795,
        name_en: "Turkmenistan",
        name_ru: "Туркменистан",
    },
    CountryInfo {
        alpha2: "TL",
        alpha3: "TLS",
        numeric: 626,
        name_en: "Timor-Leste",
        name_ru: "Восточный Тимор",
    },
    CountryInfo {
        alpha2: "TO",
        alpha3: "TON",
        numeric: 776,
        name_en: "Tonga",
        name_ru: "Тонга",
    },
    CountryInfo {
        alpha2: "TT",
        alpha3: "TTO",
        numeric: 780,
        name_en: "Trinidad and Tobago",
        name_ru: "Тринидад и Тобаго",
    },
    CountryInfo {
        alpha2: "TN",
        alpha3: "TUN",
        numeric: 788,
        name_en: "Tunisia",
        name_ru: "Тунис",
    },
    CountryInfo {
        alpha2: "TR",
        alpha3: "TUR",
        numeric: 792,
        name_en: "Türkiye",
        name_ru: "Турция",
    },
    CountryInfo {
        alpha2: "TV",
        alpha3: "TUV",
        numeric: 798,
        name_en: "Tuvalu",
        name_ru: "Тувалу",
    },
    CountryInfo {
        alpha2: "TW",
        alpha3: "TWN",
        numeric: 158,
        name_en: "Taiwan, Province of China",
        name_ru: "Китайская провинция Тайвань",
    },
    CountryInfo {
        alpha2: "TZ",
        alpha3: "TZA",
        numeric: 834,
        name_en: "Tanzania, United Republic of",
        name_ru: "Танзания",
    },
    CountryInfo {
        alpha2: "UG",
        alpha3: "UGA",
        numeric: 800,
        name_en: "Uganda",
        name_ru: "Уганда",
    },
    CountryInfo {
        alpha2: "UA",
        alpha3: "UKR",
        numeric: 804,
        name_en: "Ukraine",
        name_ru: "Украина",
    },
    CountryInfo {
        alpha2: "UM",
        alpha3: "UMI",
        numeric: 581,
        name_en: "United States Minor Outlying Islands",
        name_ru: "Соединенные штаты Малых Удаленных островов",
    },
    CountryInfo {
        alpha2: "UY",
        alpha3: "URY",
        numeric: 858,
        name_en: "Uruguay",
        name_ru: "Уругвай",
    },
    CountryInfo {
        alpha2: "US",
        alpha3: "USA",
        numeric: 840,
        name_en: "United States",
        name_ru: "Соединённые штаты",
    },
    CountryInfo {
        alpha2: "UZ",
        alpha3: "UZB",
        numeric: 860,
        name_en: "Uzbekistan",
        name_ru: "Узбекистан",
    },
    CountryInfo {
        alpha2: "VA",
        alpha3: "VAT",
        numeric: 336,
        name_en: "Holy See (Vatican City State)",
        name_ru: "Государство-город Ватикан",
    },
    CountryInfo {
        alpha2: "VC",
        alpha3: "VCT",
        numeric: 670,
        name_en: "Saint Vincent and the Grenadines",
        name_ru: "Сент-Винсент и Гренадины",
    },
    CountryInfo {
        alpha2: "VE",
        alpha3: "VEN",
        numeric: 862,
        name_en: "Venezuela, Bolivarian Republic of",
        name_ru: "Боливарианская Республика Венесуэла",
    },
    CountryInfo {
        alpha2: "VG",
        alpha3: "VGB",
        numeric: 92,
        name_en: "Virgin Islands, British",
        name_ru: "Виргинские острова (Британия)",
    },
    CountryInfo {
        alpha2: "VI",
        alpha3: "VIR",
        numeric: 850,
        name_en: "Virgin Islands, U.S.",
        name_ru: "Виргинские острова (США)",
    },
    CountryInfo {
        alpha2: "VN",
        alpha3: "VNM",
        numeric: 704,
        name_en: "Viet Nam",
        name_ru: "Вьетнам",
    },
    CountryInfo {
        alpha2: "VU",
        alpha3: "VUT",
        numeric: 548,
        name_en: "Vanuatu",
        name_ru: "Вануату",
    },
    CountryInfo {
        alpha2: "WF",
        alpha3: "WLF",
        numeric: 876,
        name_en: "Wallis and Futuna",
        name_ru: "Уоллес и Футана",
    },
    CountryInfo {
        alpha2: "WS",
        alpha3: "WSM",
        numeric: 882,
        name_en: "Samoa",
        name_ru: "Самоа",
    },
    CountryInfo {
        alpha2: "YE",
        alpha3: "YEM",
        numeric: 887,
        name_en: "Yemen",
        name_ru: "Йемен",
    },
    CountryInfo {
        alpha2: "ZA",
        alpha3: "ZAF",
        numeric: 710,
        name_en: "South Africa",
        name_ru: "Южная Африка",
    },
    CountryInfo {
        alpha2: "ZM",
        alpha3: "ZMB",
        numeric: 894,
        name_en: "Zambia",
        name_ru: "Замбия",
    },
    CountryInfo {
        alpha2: "ZW",
        alpha3: "ZWE",
        numeric: 716,
        name_en: "Zimbabwe",
        name_ru: "Зимбабве",
    },
];

/// One constant per country, named by its alpha-3 code.
impl Country {
    /// Aruba (AW, ABW, M49 533).
    pub const ABW: Country = Country(0);
    /// Afghanistan (AF, AFG, M49 004).
    pub const AFG: Country = Country(1);
    /// Angola (AO, AGO, M49 024).
    pub const AGO: Country = Country(2);
    /// Anguilla (AI, AIA, M49 660).
    pub const AIA: Country = Country(3);
    /// Åland Islands (AX, ALA, M49 248).
    pub const ALA: Country = Country(4);
    /// Albania (AL, ALB, M49 008).
    pub const ALB: Country = Country(5);
    /// Andorra (AD, AND, M49 020).
    pub const AND: Country = Country(6);
    /// United Arab Emirates (AE, ARE, M49 784).
    pub const ARE: Country = Country(7);
    /// Argentina (AR, ARG, M49 032).
    pub const ARG: Country = Country(8);
    /// Armenia (AM, ARM, M49 051).
    pub const ARM: Country = Country(9);
    /// American Samoa (AS, ASM, M49 016).
    pub const ASM: Country = Country(10);
    /// Antarctica (AQ, ATA, M49 010).
    pub const ATA: Country = Country(11);
    /// French Southern Territories (TF, ATF, M49 260).
    pub const ATF: Country = Country(12);
    /// Antigua and Barbuda (AG, ATG, M49 028).
    pub const ATG: Country = Country(13);
    /// Australia (AU, AUS, M49 036).
    pub const AUS: Country = Country(14);
    /// Austria (AT, AUT, M49 040).
    pub const AUT: Country = Country(15);
    /// Azerbaijan (AZ, AZE, M49 031).
    pub const AZE: Country = Country(16);
    /// Burundi (BI, BDI, M49 108).
    pub const BDI: Country = Country(17);
    /// Belgium (BE, BEL, M49 056).
    pub const BEL: Country = Country(18);
    /// Benin (BJ, BEN, M49 204).
    pub const BEN: Country = Country(19);
    /// Bonaire, Sint Eustatius and Saba (BQ, BES, M49 535).
    pub const BES: Country = Country(20);
    /// Burkina Faso (BF, BFA, M49 854).
    pub const BFA: Country = Country(21);
    /// Bangladesh (BD, BGD, M49 050).
    pub const BGD: Country = Country(22);
    /// Bulgaria (BG, BGR, M49 100).
    pub const BGR: Country = Country(23);
    /// Bahrain (BH, BHR, M49 048).
    pub const BHR: Country = Country(24);
    /// Bahamas (BS, BHS, M49 044).
    pub const BHS: Country = Country(25);
    /// Bosnia and Herzegovina (BA, BIH, M49 070).
    pub const BIH: Country = Country(26);
    /// Saint Barthélemy (BL, BLM, M49 652).
    pub const BLM: Country = Country(27);
    /// Belarus (BY, BLR, M49 112).
    pub const BLR: Country = Country(28);
    /// Belize (BZ, BLZ, M49 084).
    pub const BLZ: Country = Country(29);
    /// Bermuda (BM, BMU, M49 060).
    pub const BMU: Country = Country(30);
    /// Bolivia, Plurinational State of (BO, BOL, M49 068).
    pub const BOL: Country = Country(31);
    /// Brazil (BR, BRA, M49 076).
    pub const BRA: Country = Country(32);
    /// Barbados (BB, BRB, M49 052).
    pub const BRB: Country = Country(33);
    /// Brunei Darussalam (BN, BRN, M49 096).
    pub const BRN: Country = Country(34);
    /// Bhutan (BT, BTN, M49 064).
    pub const BTN: Country = Country(35);
    /// Bouvet Island (BV, BVT, M49 074).
    pub const BVT: Country = Country(36);
    /// Botswana (BW, BWA, M49 072).
    pub const BWA: Country = Country(37);
    /// Central African Republic (CF, CAF, M49 140).
    pub const CAF: Country = Country(38);
    /// Canada (CA, CAN, M49 124).
    pub const CAN: Country = Country(39);
    /// Cocos (Keeling) Islands (CC, CCK, M49 166).
    pub const CCK: Country = Country(40);
    /// Switzerland (CH, CHE, M49 756).
    pub const CHE: Country = Country(41);
    /// Chile (CL, CHL, M49 152).
    pub const CHL: Country = Country(42);
    /// China (CN, CHN, M49 156).
    pub const CHN: Country = Country(43);
    /// Côte d'Ivoire (CI, CIV, M49 384).
    pub const CIV: Country = Country(44);
    /// Cameroon (CM, CMR, M49 120).
    pub const CMR: Country = Country(45);
    /// Congo, The Democratic Republic of the (CD, COD, M49 180).
    pub const COD: Country = Country(46);
    /// Congo (CG, COG, M49 178).
    pub const COG: Country = Country(47);
    /// Cook Islands (CK, COK, M49 184).
    pub const COK: Country = Country(48);
    /// Colombia (CO, COL, M49 170).
    pub const COL: Country = Country(49);
    /// Comoros (KM, COM, M49 174).
    pub const COM: Country = Country(50);
    /// Cabo Verde (CV, CPV, M49 132).
    pub const CPV: Country = Country(51);
    /// Costa Rica (CR, CRI, M49 188).
    pub const CRI: Country = Country(52);
    /// Cuba (CU, CUB, M49 192).
    pub const CUB: Country = Country(53);
    /// Curaçao (CW, CUW, M49 531).
    pub const CUW: Country = Country(54);
    /// Christmas Island (CX, CXR, M49 162).
    pub const CXR: Country = Country(55);
    /// Cayman Islands (KY, CYM, M49 136).
    pub const CYM: Country = Country(56);
    /// Cyprus (CY, CYP, M49 196).
    pub const CYP: Country = Country(57);
    /// Czechia (CZ, CZE, M49 203).
    pub const CZE: Country = Country(58);
    /// Germany (DE, DEU, M49 276).
    pub const DEU: Country = Country(59);
    /// Djibouti (DJ, DJI, M49 262).
    pub const DJI: Country = Country(60);
    /// Dominica (DM, DMA, M49 212).
    pub const DMA: Country = Country(61);
    /// Denmark (DK, DNK, M49 208).
    pub const DNK: Country = Country(62);
    /// Dominican Republic (DO, DOM, M49 214).
    pub const DOM: Country = Country(63);
    /// Algeria (DZ, DZA, M49 012).
    pub const DZA: Country = Country(64);
    /// Ecuador (EC, ECU, M49 218).
    pub const ECU: Country = Country(65);
    /// Egypt (EG, EGY, M49 818).
    pub const EGY: Country = Country(66);
    /// Eritrea (ER, ERI, M49 232).
    pub const ERI: Country = Country(67);
    /// Western Sahara (EH, ESH, M49 732).
    pub const ESH: Country = Country(68);
    /// Spain (ES, ESP, M49 724).
    pub const ESP: Country = Country(69);
    /// Estonia (EE, EST, M49 233).
    pub const EST: Country = Country(70);
    /// Ethiopia (ET, ETH, M49 231).
    pub const ETH: Country = Country(71);
    /// Finland (FI, FIN, M49 246).
    pub const FIN: Country = Country(72);
    /// Fiji (FJ, FJI, M49 242).
    pub const FJI: Country = Country(73);
    /// Falkland Islands (Malvinas) (FK, FLK, M49 238).
    pub const FLK: Country = Country(74);
    /// France (FR, FRA, M49 250).
    pub const FRA: Country = Country(75);
    /// Faroe Islands (FO, FRO, M49 234).
    pub const FRO: Country = Country(76);
    /// Micronesia, Federated States of (FM, FSM, M49 583).
    pub const FSM: Country = Country(77);
    /// Gabon (GA, GAB, M49 266).
    pub const GAB: Country = Country(78);
    /// United Kingdom (GB, GBR, M49 826).
    pub const GBR: Country = Country(79);
    /// Georgia (GE, GEO, M49 268).
    pub const GEO: Country = Country(80);
    /// Guernsey (GG, GGY, M49 831).
    pub const GGY: Country = Country(81);
    /// Ghana (GH, GHA, M49 288).
    pub const GHA: Country = Country(82);
    /// Gibraltar (GI, GIB, M49 292).
    pub const GIB: Country = Country(83);
    /// Guinea (GN, GIN, M49 324).
    pub const GIN: Country = Country(84);
    /// Guadeloupe (GP, GLP, M49 312).
    pub const GLP: Country = Country(85);
    /// Gambia (GM, GMB, M49 270).
    pub const GMB: Country = Country(86);
    /// Guinea-Bissau (GW, GNB, M49 624).
    pub const GNB: Country = Country(87);
    /// Equatorial Guinea (GQ, GNQ, M49 226).
    pub const GNQ: Country = Country(88);
    /// Greece (GR, GRC, M49 300).
    pub const GRC: Country = Country(89);
    /// Grenada (GD, GRD, M49 308).
    pub const GRD: Country = Country(90);
    /// Greenland (GL, GRL, M49 304).
    pub const GRL: Country = Country(91);
    /// Guatemala (GT, GTM, M49 320).
    pub const GTM: Country = Country(92);
    /// French Guiana (GF, GUF, M49 254).
    pub const GUF: Country = Country(93);
    /// Guam (GU, GUM, M49 316).
    pub const GUM: Country = Country(94);
    /// Guyana (GY, GUY, M49 328).
    pub const GUY: Country = Country(95);
    /// Hong Kong (HK, HKG, M49 344).
    pub const HKG: Country = Country(96);
    /// Heard Island and McDonald Islands (HM, HMD, M49 334).
    pub const HMD: Country = Country(97);
    /// Honduras (HN, HND, M49 340).
    pub const HND: Country = Country(98);
    /// Croatia (HR, HRV, M49 191).
    pub const HRV: Country = Country(99);
    /// Haiti (HT, HTI, M49 332).
    pub const HTI: Country = Country(100);
    /// Hungary (HU, HUN, M49 348).
    pub const HUN: Country = Country(101);
    /// Indonesia (ID, IDN, M49 360).
    pub const IDN: Country = Country(102);
    /// Isle of Man (IM, IMN, M49 833).
    pub const IMN: Country = Country(103);
    /// India (IN, IND, M49 356).
    pub const IND: Country = Country(104);
    /// British Indian Ocean Territory (IO, IOT, M49 086).
    pub const IOT: Country = Country(105);
    /// Ireland (IE, IRL, M49 372).
    pub const IRL: Country = Country(106);
    /// Iran, Islamic Republic of (IR, IRN, M49 364).
    pub const IRN: Country = Country(107);
    /// Iraq (IQ, IRQ, M49 368).
    pub const IRQ: Country = Country(108);
    /// Iceland (IS, ISL, M49 352).
    pub const ISL: Country = Country(109);
    /// Israel (IL, ISR, M49 376).
    pub const ISR: Country = Country(110);
    /// Italy (IT, ITA, M49 380).
    pub const ITA: Country = Country(111);
    /// Jamaica (JM, JAM, M49 388).
    pub const JAM: Country = Country(112);
    /// Jersey (JE, JEY, M49 832).
    pub const JEY: Country = Country(113);
    /// Jordan (JO, JOR, M49 400).
    pub const JOR: Country = Country(114);
    /// Japan (JP, JPN, M49 392).
    pub const JPN: Country = Country(115);
    /// Kazakhstan (KZ, KAZ, M49 398).
    pub const KAZ: Country = Country(116);
    /// Kenya (KE, KEN, M49 404).
    pub const KEN: Country = Country(117);
    /// Kyrgyzstan (KG, KGZ, M49 417).
    pub const KGZ: Country = Country(118);
    /// Cambodia (KH, KHM, M49 116).
    pub const KHM: Country = Country(119);
    /// Kiribati (KI, KIR, M49 296).
    pub const KIR: Country = Country(120);
    /// Saint Kitts and Nevis (KN, KNA, M49 659).
    pub const KNA: Country = Country(121);
    /// Korea, Republic of (KR, KOR, M49 410).
    pub const KOR: Country = Country(122);
    /// Kuwait (KW, KWT, M49 414).
    pub const KWT: Country = Country(123);
    /// Lao People's Democratic Republic (LA, LAO, M49 418).
    pub const LAO: Country = Country(124);
    /// Lebanon (LB, LBN, M49 422).
    pub const LBN: Country = Country(125);
    /// Liberia (LR, LBR, M49 430).
    pub const LBR: Country = Country(126);
    /// Libya (LY, LBY, M49 434).
    pub const LBY: Country = Country(127);
    /// Saint Lucia (LC, LCA, M49 662).
    pub const LCA: Country = Country(128);
    /// Liechtenstein (LI, LIE, M49 438).
    pub const LIE: Country = Country(129);
    /// Sri Lanka (LK, LKA, M49 144).
    pub const LKA: Country = Country(130);
    /// Lesotho (LS, LSO, M49 426).
    pub const LSO: Country = Country(131);
    /// Lithuania (LT, LTU, M49 440).
    pub const LTU: Country = Country(132);
    /// Luxembourg (LU, LUX, M49 442).
    pub const LUX: Country = Country(133);
    /// Latvia (LV, LVA, M49 428).
    pub const LVA: Country = Country(134);
    /// Macao (MO, MAC, M49 446).
    pub const MAC: Country = Country(135);
    /// Saint Martin (French part) (MF, MAF, M49 663).
    pub const MAF: Country = Country(136);
    /// Morocco (MA, MAR, M49 504).
    pub const MAR: Country = Country(137);
    /// Monaco (MC, MCO, M49 492).
    pub const MCO: Country = Country(138);
    /// Moldova, Republic of (MD, MDA, M49 498).
    pub const MDA: Country = Country(139);
    /// Madagascar (MG, MDG, M49 450).
    pub const MDG: Country = Country(140);
    /// Maldives (MV, MDV, M49 462).
    pub const MDV: Country = Country(141);
    /// Mexico (MX, MEX, M49 484).
    pub const MEX: Country = Country(142);
    /// Marshall Islands (MH, MHL, M49 584).
    pub const MHL: Country = Country(143);
    /// North Macedonia (MK, MKD, M49 807).
    pub const MKD: Country = Country(144);
    /// Mali (ML, MLI, M49 466).
    pub const MLI: Country = Country(145);
    /// Malta (MT, MLT, M49 470).
    pub const MLT: Country = Country(146);
    /// Myanmar (MM, MMR, M49 104).
    pub const MMR: Country = Country(147);
    /// Montenegro (ME, MNE, M49 499).
    pub const MNE: Country = Country(148);
    /// Mongolia (MN, MNG, M49 496).
    pub const MNG: Country = Country(149);
    /// Northern Mariana Islands (MP, MNP, M49 580).
    pub const MNP: Country = Country(150);
    /// Mozambique (MZ, MOZ, M49 508).
    pub const MOZ: Country = Country(151);
    /// Mauritania (MR, MRT, M49 478).
    pub const MRT: Country = Country(152);
    /// Montserrat (MS, MSR, M49 500).
    pub const MSR: Country = Country(153);
    /// Martinique (MQ, MTQ, M49 474).
    pub const MTQ: Country = Country(154);
    /// Mauritius (MU, MUS, M49 480).
    pub const MUS: Country = Country(155);
    /// Malawi (MW, MWI, M49 454).
    pub const MWI: Country = Country(156);
    /// Malaysia (MY, MYS, M49 458).
    pub const MYS: Country = Country(157);
    /// Mayotte (YT, MYT, M49 175).
    pub const MYT: Country = Country(158);
    /// Namibia (NA, NAM, M49 516).
    pub const NAM: Country = Country(159);
    /// New Caledonia (NC, NCL, M49 540).
    pub const NCL: Country = Country(160);
    /// Niger (NE, NER, M49 562).
    pub const NER: Country = Country(161);
    /// Norfolk Island (NF, NFK, M49 574).
    pub const NFK: Country = Country(162);
    /// Nigeria (NG, NGA, M49 566).
    pub const NGA: Country = Country(163);
    /// Nicaragua (NI, NIC, M49 558).
    pub const NIC: Country = Country(164);
    /// Niue (NU, NIU, M49 570).
    pub const NIU: Country = Country(165);
    /// Netherlands (NL, NLD, M49 528).
    pub const NLD: Country = Country(166);
    /// Norway (NO, NOR, M49 578).
    pub const NOR: Country = Country(167);
    /// Nepal (NP, NPL, M49 524).
    pub const NPL: Country = Country(168);
    /// Nauru (NR, NRU, M49 520).
    pub const NRU: Country = Country(169);
    /// New Zealand (NZ, NZL, M49 554).
    pub const NZL: Country = Country(170);
    /// Oman (OM, OMN, M49 512).
    pub const OMN: Country = Country(171);
    /// Pakistan (PK, PAK, M49 586).
    pub const PAK: Country = Country(172);
    /// Panama (PA, PAN, M49 591).
    pub const PAN: Country = Country(173);
    /// Pitcairn (PN, PCN, M49 612).
    pub const PCN: Country = Country(174);
    /// Peru (PE, PER, M49 604).
    pub const PER: Country = Country(175);
    /// Philippines (PH, PHL, M49 608).
    pub const PHL: Country = Country(176);
    /// Palau (PW, PLW, M49 585).
    pub const PLW: Country = Country(177);
    /// Papua New Guinea (PG, PNG, M49 598).
    pub const PNG: Country = Country(178);
    /// Poland (PL, POL, M49 616).
    pub const POL: Country = Country(179);
    /// Puerto Rico (PR, PRI, M49 630).
    pub const PRI: Country = Country(180);
    /// Korea, Democratic People's Republic of (KP, PRK, M49 408).
    pub const PRK: Country = Country(181);
    /// Portugal (PT, PRT, M49 620).
    pub const PRT: Country = Country(182);
    /// Paraguay (PY, PRY, M49 600).
    pub const PRY: Country = Country(183);
    /// Palestine, State of (PS, PSE, M49 275).
    pub const PSE: Country = Country(184);
    /// French Polynesia (PF, PYF, M49 258).
    pub const PYF: Country = Country(185);
    /// Qatar (QA, QAT, M49 634).
    pub const QAT: Country = Country(186);
    /// Réunion (RE, REU, M49 638).
    pub const REU: Country = Country(187);
    /// Romania (RO, ROU, M49 642).
    pub const ROU: Country = Country(188);
    /// Russian Federation (RU, RUS, M49 643).
    pub const RUS: Country = Country(189);
    /// Rwanda (RW, RWA, M49 646).
    pub const RWA: Country = Country(190);
    /// Saudi Arabia (SA, SAU, M49 682).
    pub const SAU: Country = Country(191);
    /// Sudan (SD, SDN, M49 729).
    pub const SDN: Country = Country(192);
    /// Senegal (SN, SEN, M49 686).
    pub const SEN: Country = Country(193);
    /// Singapore (SG, SGP, M49 702).
    pub const SGP: Country = Country(194);
    /// South Georgia and the South Sandwich Islands (GS, SGS, M49 239).
    pub const SGS: Country = Country(195);
    /// Saint Helena, Ascension and Tristan da Cunha (SH, SHN, M49 654).
    pub const SHN: Country = Country(196);
    /// Svalbard and Jan Mayen (SJ, SJM, M49 744).
    pub const SJM: Country = Country(197);
    /// Solomon Islands (SB, SLB, M49 090).
    pub const SLB: Country = Country(198);
    /// Sierra Leone (SL, SLE, M49 694).
    pub const SLE: Country = Country(199);
    /// El Salvador (SV, SLV, M49 222).
    pub const SLV: Country = Country(200);
    /// San Marino (SM, SMR, M49 674).
    pub const SMR: Country = Country(201);
    /// Somalia (SO, SOM, M49 706).
    pub const SOM: Country = Country(202);
    /// Saint Pierre and Miquelon (PM, SPM, M49 666).
    pub const SPM: Country = Country(203);
    /// Serbia (RS, SRB, M49 688).
    pub const SRB: Country = Country(204);
    /// South Sudan (SS, SSD, M49 728).
    pub const SSD: Country = Country(205);
    /// Sao Tome and Principe (ST, STP, M49 678).
    pub const STP: Country = Country(206);
    /// Suriname (SR, SUR, M49 740).
    pub const SUR: Country = Country(207);
    /// Slovakia (SK, SVK, M49 703).
    pub const SVK: Country = Country(208);
    /// Slovenia (SI, SVN, M49 705).
    pub const SVN: Country = Country(209);
    /// Sweden (SE, SWE, M49 752).
    pub const SWE: Country = Country(210);
    /// Eswatini (SZ, SWZ, M49 748).
    pub const SWZ: Country = Country(211);
    /// Sint Maarten (Dutch part) (SX, SXM, M49 534).
    pub const SXM: Country = Country(212);
    /// Seychelles (SC, SYC, M49 690).
    pub const SYC: Country = Country(213);
    /// Syrian Arab Republic (SY, SYR, M49 760).
    pub const SYR: Country = Country(214);
    /// Turks and Caicos Islands (TC, TCA, M49 796).
    pub const TCA: Country = Country(215);
    /// Chad (TD, TCD, M49 148).
    pub const TCD: Country = Country(216);
    /// Togo (TG, TGO, M49 768).
    pub const TGO: Country = Country(217);
    /// Thailand (TH, THA, M49 764).
    pub const THA: Country = Country(218);
    /// Tajikistan (TJ, TJK, M49 762).
    pub const TJK: Country = Country(219);
    /// Tokelau (TK, TKL, M49 772).
    pub const TKL: Country = Country(220);
    /// Turkmenistan (TM, TKM, M49 795).
    pub const TKM: Country = Country(221);
    /// Timor-Leste (TL, TLS, M49 626).
    pub const TLS: Country = Country(222);
    /// Tonga (TO, TON, M49 776).
    pub const TON: Country = Country(223);
    /// Trinidad and Tobago (TT, TTO, M49 780).
    pub const TTO: Country = Country(224);
    /// Tunisia (TN, TUN, M49 788).
    pub const TUN: Country = Country(225);
    /// Türkiye (TR, TUR, M49 792).
    pub const TUR: Country = Country(226);
    /// Tuvalu (TV, TUV, M49 798).
    pub const TUV: Country = Country(227);
    /// Taiwan, Province of China (TW, TWN, M49 158).
    pub const TWN: Country = Country(228);
    /// Tanzania, United Republic of (TZ, TZA, M49 834).
    pub const TZA: Country = Country(229);
    /// Uganda (UG, UGA, M49 800).
    pub const UGA: Country = Country(230);
    /// Ukraine (UA, UKR, M49 804).
    pub const UKR: Country = Country(231);
    /// United States Minor Outlying Islands (UM, UMI, M49 581).
    pub const UMI: Country = Country(232);
    /// Uruguay (UY, URY, M49 858).
    pub const URY: Country = Country(233);
    /// United States (US, USA, M49 840).
    pub const USA: Country = Country(234);
    /// Uzbekistan (UZ, UZB, M49 860).
    pub const UZB: Country = Country(235);
    /// Holy See (Vatican City State) (VA, VAT, M49 336).
    pub const VAT: Country = Country(236);
    /// Saint Vincent and the Grenadines (VC, VCT, M49 670).
    pub const VCT: Country = Country(237);
    /// Venezuela, Bolivarian Republic of (VE, VEN, M49 862).
    pub const VEN: Country = Country(238);
    /// Virgin Islands, British (VG, VGB, M49 092).
    pub const VGB: Country = Country(239);
    /// Virgin Islands, U.S. (VI, VIR, M49 850).
    pub const VIR: Country = Country(240);
    /// Viet Nam (VN, VNM, M49 704).
    pub const VNM: Country = Country(241);
    /// Vanuatu (VU, VUT, M49 548).
    pub const VUT: Country = Country(242);
    /// Wallis and Futuna (WF, WLF, M49 876).
    pub const WLF: Country = Country(243);
    /// Samoa (WS, WSM, M49 882).
    pub const WSM: Country = Country(244);
    /// Yemen (YE, YEM, M49 887).
    pub const YEM: Country = Country(245);
    /// South Africa (ZA, ZAF, M49 710).
    pub const ZAF: Country = Country(246);
    /// Zambia (ZM, ZMB, M49 894).
    pub const ZMB: Country = Country(247);
    /// Zimbabwe (ZW, ZWE, M49 716).
    pub const ZWE: Country = Country(248);
}
