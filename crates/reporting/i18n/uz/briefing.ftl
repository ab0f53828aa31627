# Dostyk brifingi — o‘zbek tilidagi xabarlar (lotin yozuvi).
# Tarjimonlarga: «=» belgisining o‘ng tomonidagi matnni o‘zgartiring; { $placeholders } o‘zgarishsiz qoladi.
#
# REVIEW: every message in this file was translated for the project (from the English and
# Russian files), not quoted from a source, and needs review by a native speaker of Uzbek.
# The letters o‘ and g‘ are written with U+2018 as the official Latin alphabet prescribes.
# Numbers, dates and plural forms are not written here: they come from CLDR through ICU4X.

## O‘lchov birliklari. { $value } tilga mos formatlangan.
unit-usd-bn = { $value } mlrd AQSh dollari
unit-usd-m = { $value } mln AQSh dollari
unit-usd = { $value } AQSh dollari
unit-percent = { $value }%
unit-km3 = { $value } km³
unit-mm3 = { $value } mln m³
unit-bcm = { $value } mlrd m³
unit-mt = { $value } mln t
unit-count = { $value }
unit-name-minutes = daqiqa

## Hisobot bezagi.
contents = Mundarija
sources-label = Manbalar
rag-green = jadval bo‘yicha
rag-amber = xavf ostida
rag-red = ortda qolish
rag-grey = baholanmagan

## Excel.
xlsx-figures-sheet = Ko‘rsatkichlar
xlsx-col-id = Identifikator
xlsx-col-indicator = Ko‘rsatkich
xlsx-col-period = Davr
xlsx-col-side = Tomon
xlsx-col-unit = Birlik
xlsx-col-shown = Ko‘rsatilishi
xlsx-col-sources = Manbalar
xlsx-col-method = Usul
xlsx-col-number = Qiymat
xlsx-col-value = Qiymat (aniq o‘nli yozuv)
xlsx-unit-usd = AQSh dollari
xlsx-unit-percent = %
xlsx-unit-km3 = km³
xlsx-unit-mm3 = mln m³
xlsx-unit-bcm = mlrd m³
xlsx-unit-mt = mln t
xlsx-unit-count = dona
xlsx-unit-year = yil
sheet-targets = Maqsad bayonotlari { $n }
sheet-ledger = Bayonotlar reyestri { $n }
sheet-trade-by-side = Tomonlar bo‘yicha savdo
sheet-trade-sub-annual = Yil qismi bo‘yicha savdo
sheet-trade-hs-sections = TIF TN bo‘limlari bo‘yicha
sheet-trade-top-products = Asosiy tovarlar
sheet-trade-agri-food = Agro-oziq-ovqat savdosi
sheet-trade-comtrade-mirror = Ko‘zgu statistikasi
sheet-projects = Qo‘shma loyihalar
sheet-roadmap-by-area = Yo‘l xaritalari, sohalar
sheet-water-limits = Suv olish limitlari
sheet-water-compliance = Suv olish va limitlar
sheet-water-facts = Sirdaryo ko‘rsatkichlari
sheet-gas-annual = Gaz yillar bo‘yicha
sheet-transit-freight = Yuk tashish
sheet-transit-crossings = O‘tish punktlari
sheet-transit-facts = Temir yo‘l ko‘rsatkichlari
sheet-sources = Manbalar
sheet-changes = O‘zgarishlar

## Brifing.
report-title = Qozog‘iston va O‘zbekiston hamkorligi: ma’lumotnoma
report-subtitle = { $dataset } ma’lumotlar to‘plami, { $date } holatiga
section-summary = Qisqacha
section-trade = Savdo
section-statements = Bayonotlar reyestri
section-projects = Qo‘shma sanoat loyihalari
section-roadmap = Yo‘l xaritalari va majburiyatlar
section-water = Suv
section-gas = Gaz
section-transit = Tranzit
section-sources = Manbalar va metodologiya
absent-summary = Ma’lumotlar to‘plamida qisqacha sharh uchun ko‘rsatkichlar yo‘q.
absent-trade = Ma’lumotlar to‘plamida savdo ko‘rsatkichlari yo‘q.
absent-water = Ma’lumotlar to‘plamida suv ko‘rsatkichlari yo‘q.
absent-gas = Ma’lumotlar to‘plamida gaz ko‘rsatkichlari yo‘q.
absent-transit = Ma’lumotlar to‘plamida tranzit ko‘rsatkichlari yo‘q.
absent-statements = Ma’lumotlar to‘plamida maqsadli ko‘rsatkichlar haqidagi bayonotlar yo‘q.
absent-projects = Ma’lumotlar to‘plamida qo‘shma loyihalar reyestri yo‘q.
absent-roadmap = Ma’lumotlar to‘plamida yo‘l xaritalari tadbirlari yo‘q.
methodology-note = Har bir ko‘rsatkichning manbalari ko‘rsatilgan. Hisoblangan ko‘rsatkichlarni Dostyk ko‘rsatilgan usul bilan chiqargan; formulalar va manbalarga havolalar docs/methodology.md faylida.
illustrative-warning = Hisobotda nashrlardan olinmagan namunaviy ma’lumotlar bor (manbalar: { $ids }).
as-of = { $date } holatiga
undated = sanasiz
not-published = e’lon qilinmagan
no-due-date = muddat belgilanmagan
kpi-target-in-force = Amaldagi maqsad: { $indicator }
kpi-overdue-measures = Muddati o‘tgan yo‘l xaritasi tadbirlari
caption-target-history = Maqsad haqidagi barcha bayonotlar: { $indicator }
caption-projects = Nomlangan qo‘shma loyihalar reyestri
caption-roadmap = Yo‘l xaritasi tadbirlari sohalar bo‘yicha, { $date } holatiga
caption-measures = Har bir tadbir, uning bahosi va so‘nggi ma’lumotlar
caption-sources = Hisobotda havola qilingan manbalar
change-new = yangi qiymat yoki muddat
change-repeat = oldingi bayonotni takrorlaydi
registry-adds-up-1 = Reyestrda{" "}
registry-adds-up-2 = {" "}ta bekor qilinmagan loyiha bor;{" "}
registry-adds-up-3 = {" "}tasining qiymati e’lon qilingan, jami{" "}
registry-adds-up-4 = . Bayonotlar reyestridagi loyihalar portfeli haqidagi bayonotlar bilan solishtiring.
rag-rule-projects = Baholash qoidasi: yakunlangan → yashil; bekor qilingan yoki rejali bosqichi yo‘q → baholanmagan; rejali bosqich muddati o‘tgan va bajarilmagan → qizil; muddatga 90 kun qolgan va ish haqida xabar yo‘q → sariq; aks holda yashil. Loyiha bahosini eng yomon bosqich belgilaydi.
rag-rule-measures = Baholash qoidasi: bajarilgan → yashil; bekor qilingan yoki muddat belgilanmagan → baholanmagan; amaldagi muddat o‘tgan va bajarilmagan → qizil; muddatga 90 kun qolgan va ish haqida xabar yo‘q → sariq; aks holda yashil.
measure-detail-status = holati: { $status }, muddati: { $due }
measure-promised-at = va’da qilingan: { $meeting } ({ $date })
measure-reported-at = {" "}(xabar qilingan: { $meeting })
measure-planned = rejalashtirilgan
measure-in-progress = bajarilmoqda
measure-done = bajarildi
measure-cancelled = bekor qilindi
measure-postponed = ko‘chirildi
project-pipeline = tayyorgarlik
project-implementation = amalga oshirish
project-finalisation = yakunlash
project-completed = yakunlandi
project-cancelled = bekor qilindi
project-suspended = to‘xtatildi
area-trade = Savdo
area-agriculture = Qishloq xo‘jaligi
area-industry = Sanoat
area-transit = Tranzit va transport
area-gas = Gaz
area-water = Suv
area-energy = Energetika
area-other = Boshqa
col-date = Sana
col-issuer = Kim bayon qildi
col-target = Maqsad
col-horizon = Muddat
col-change = O‘zgarish
col-wording = Ifoda
col-sources = Manbalar
col-project = Loyiha
col-sector = Soha
col-location = Joy
col-value = Qiymati
col-jobs = Ish o‘rinlari
col-status = Holati
col-rag = Baho
col-next-milestone = Keyingi bosqich
col-area = Soha
col-measures = Tadbirlar
col-due = Muddati kelgan
col-done = Bajarilgan
col-overdue = Muddati o‘tgan
col-id = Identifikator
col-publisher = Nashriyot
col-title = Nomi
col-published = Sana
col-address = Manzil
col-note = Izoh
horizon-by-year = { $year }-yilgacha
horizon-years = { $first }–{ $last }-yillar
horizon-worded = “{ $text }”
horizon-worded-implied = “{ $text }” (≈ { $year })
horizon-not-stated = ko‘rsatilmagan
caption-ledger = Bayonotlar reyestri: { $indicator }
col-speaker = Kim
col-side = Tomon
col-claim = Turi
col-period = Davr
col-qualifier = Izoh
col-caveats = Eslatmalar
qualifier-about = taxminan
qualifier-more-than = ko‘proq
claim-actual = haqiqiy
claim-target = maqsad
claim-forecast = prognoz
flag-unverified = tasdiqlanmagan
flag-undated-source = manba sanasiz
flag-period-unverified = davr taxminiy
flag-side-unspecified = tomon ko‘rsatilmagan
flag-conflicting = manbalar bir-biriga zid
conflict-with = zid: { $others }
conflict-more = yana { $count } ta
side-kazakhstan = Qozog‘iston
side-uzbekistan = O‘zbekiston
side-joint = birgalikda
side-third-party = uchinchi tomon
period-ytd = { $year }-yil { $first }–{ $last }
period-quarter = { $year }-yil { $quarter }-chorak
period-month = { $year }-yil { $month }
period-marketing-year = { $years } ({ $first }–{ $last })
period-range = { $first }–{ $last }
month-1-short = yan
month-1-name = yanvar
month-2-short = fev
month-2-name = fevral
month-3-short = mar
month-3-name = mart
month-4-short = apr
month-4-name = aprel
month-5-short = may
month-5-name = may
month-6-short = iyn
month-6-name = iyun
month-7-short = iyl
month-7-name = iyul
month-8-short = avg
month-8-name = avgust
month-9-short = sen
month-9-name = sentabr
month-10-short = okt
month-10-name = oktabr
month-11-short = noy
month-11-name = noyabr
month-12-short = dek
month-12-name = dekabr

## Savdo.
kpi-turnover = { $year }-yil tovar aylanmasi, tomon ma’lumotlari: { $side }
kpi-required-growth = { $year }-yilgacha zarur yillik o‘sish, tomon ma’lumotlari: { $side }
from-year = { $year }-yildan
target-path-from = Maqsadga yo‘l, tomon ma’lumotlaridan: { $side }
chart-trade-title = Ikki tomonlama tovar aylanmasi va maqsadga yo‘l
chart-trade-description = Har bir tomon e’lon qilgan yillik tovar aylanmasi va har bir tomonning so‘nggi qiymatidan amaldagi maqsadga erishish uchun zarur o‘sish yo‘li (uzuq chiziq).
unit-bn-usd = mlrd AQSh dollari
caption-trade-by-side = Har bir tomon ma’lumotlari bo‘yicha yillar kesimida tovar aylanmasi va ular orasidagi farq
col-year = Yil
col-gap = Farq (QZ − UZ)
col-gap-pct = Farq, UZ ga nisbatan %
col-other-values = Boshqa e’lon qilingan qiymatlar
trade-choice-rule = Agar tomon bir yil uchun bir nechta qiymat e’lon qilgan bo‘lsa, eng so‘nggi nashrdagi qiymat ko‘rsatiladi (statistika aniqlashtiriladi); qolganlari yonida keltirilgan.
flow-turnover = tovar aylanmasi
flow-export = eksport
flow-import = import
side-unspecified = ko‘rsatilmagan
caption-trade-sub-annual = Yilning bir qismi bo‘yicha ko‘rsatkichlar, e’lon qilinganidek
col-flow = Oqim
caption-trade-hs-sections = TIF TN bo‘limlari bo‘yicha savdo, { $year }-yil, har bir tomonning UN Comtrade’ga bergan ma’lumotlari bo‘yicha
caption-trade-agri-food = Agro-oziq-ovqat savdosi (TIF TN 01–24 guruhlari), { $year }-yil, har bir tomonning UN Comtrade’ga bergan ma’lumotlari bo‘yicha
col-hs-section = TIF TN bo‘limi
col-share = Ulushi, %
col-agri-food = Agro-oziq-ovqat mahsulotlari
hs-section-none = 98–99 guruhlari (bo‘limlardan tashqari)
caption-trade-top-products = Asosiy tovarlar, { $year }-yil, har bir tomonning UN Comtrade’ga bergan ma’lumotlari bo‘yicha (oldingi yilga nisbatan o‘sish)
col-product = Tovar (TIF TN)
col-growth = O‘sish, %
caption-trade-comtrade-mirror = UN Comtrade ko‘zgu statistikasi: eksportchi va importchi nimani e’lon qilgan (import CIF, eksport FOB)
col-exporter-declared = Eksportchi ma’lumotlari
col-importer-declared = Importchi ma’lumotlari
col-mirror-gap = Farq, eksportchiga nisbatan %
col-mirror-gap-adjusted = CIF/FOB 1,06 tuzatishidan keyingi farq, %
absent-trade-products = Ma’lumotlar to‘plamida tovarlar (TIF TN) bo‘yicha savdo ma’lumotlari yo‘q, shuning uchun bo‘limlar bo‘yicha tuzilma, agro-oziq-ovqat ulushi va asosiy tovarlar ko‘rsatilmagan.

## Suv.
water-line = { $line }
season-growing = { $year }-yil vegetatsiya davri
season-non-growing = { $first }–{ $last }-yillar vegetatsiyadan tashqari davri
caption-water-limits = Sirdaryo bo‘yicha MDSMK suv olish limitlari davrlar bo‘yicha
col-country = Mamlakat
col-line = Liniya
col-season = Davr
col-limit = Limit
chart-water-title = Qozog‘istonning Do‘stlik kanali bo‘yicha limiti davrlar bo‘yicha
chart-water-description = Qozog‘istonning Do‘stlik kanali orqali suv olishi uchun MDSMK belgilagan limit, e’lon qilingan har bir davr uchun.
unit-km3-label = km³
series-limit = limit
absent-water-intake = Ma’lumotlar to‘plamida dekadalik suv olish ma’lumotlari yo‘q, shuning uchun limitlarga rioya qilinishini dekadalar bo‘yicha kuzatib bo‘lmaydi.
caption-water-seasons = Sirdaryodan suv olish MDSMK limitlariga nisbatan, davrlar bo‘yicha, e’lon qilinganidek
col-scope = Mamlakat
col-withdrawal = Suv olish
col-below-limit = Limitdan kam
col-share-of-limit = Limit ulushi, %
col-assessment = Baho
water-scope-basin = Barcha mamlakatlar birgalikda
water-status-within = limit doirasida
water-status-exceeded = limitdan ortiq
water-status-not-reported = e’lon qilinmagan
water-seasons-unreported = { $country }: oxirgi { $count } davrning { $missing } tasi uchun suv olish e’lon qilinmagan ({ $seasons }), shuning uchun bu davrlarda limitlarga rioya qilinishini baholab bo‘lmaydi.
water-seasons-none-reported = { $country }: oxirgi { $count } davrning birortasi uchun ham suv olish e’lon qilinmagan ({ $first } dan { $last } gacha), shuning uchun limitlarga rioya qilinishini davrlar bo‘yicha baholab bo‘lmaydi.
water-seasons-all-reported = { $country }: oxirgi { $count } davrning har biri uchun suv olish e’lon qilingan.
caption-water-compliance = Davrlar bo‘yicha suv olish va limitlar
col-intake = Suv olish
col-deviation = Og‘ish, %
col-dekads-reported = Ma’lumotli dekadalar
col-dekads-over = Limitdan oshgan dekadalar
water-compliance-error = Limitlarga rioya qilinishini baholab bo‘lmadi: { $error }

## Gaz.
gas-balance-error = Gaz ma’lumotlarini jamlab bo‘lmadi: { $error }
gas-route-via = { $from } → { $to }, { $via } orqali ({ $route })
gas-route = { $from } → { $to } ({ $route })
gas-kind-transit = tranzit
gas-kind-delivery = yetkazib berish
gas-kind-export = eksport
gas-kind-import = import
gas-kind-production = qazib olish
gas-kind-consumption = iste’mol
gas-kind-physical_flow = jismoniy oqim
complete-yes = to‘liq yil
complete-partial = yilning bir qismi
caption-gas-annual = Yillar va yo‘nalishlar bo‘yicha gaz yetkazib berish
col-route = Yo‘nalish
col-kind = Turi
col-volume-bcm = Hajmi
col-coverage = Qamrov
gas-conditions-note = Hajmlar 20 °C va 101,325 kPa sharoitiga keltirilgan (GOST 2939), rossiyalik, qozog‘istonlik va o‘zbekistonlik operatorlardagi kabi; manba sharoitlarni ko‘rsatmasa, bu ma’lumotlar faylida qayd etilgan va GOST qabul qilingan.
kpi-gas-latest = Qozog‘iston orqali O‘zbekistonga Rossiya gazi, { $year }-yil
kpi-gas-target = Gaz tranziti bo‘yicha amaldagi maqsad
kpi-gas-required-growth = Gaz bo‘yicha maqsad uchun zarur yillik o‘sish
chart-gas-title = Qozog‘iston orqali O‘zbekistonga gaz tranziti
chart-gas-description = Tranzitning yillik hajmlari va maqsad amal qila boshlagan birinchi yildan maqsadli hajm.
unit-bcm-label = mlrd m³
series-transit = tranzit
series-target = maqsad

## Tranzit.
absent-freight = Ma’lumotlar to‘plamida yuk tashish qatorlari yo‘q.
direction-export = eksport
direction-import = import
direction-transit = tranzit
caption-freight = Qozog‘iston va O‘zbekiston o‘rtasida yuk tashish yillar bo‘yicha
col-corridor = Yo‘lak
col-mode = Transport turi
col-direction = Yo‘nalish
col-freight-mt = Hajmi
mode-rail = temir yo‘l
mode-road = avtotransport
mode-multimodal = multimodal
crossing-current = hozirgi o‘tkazish quvvati
crossing-observed = haqiqiy oqim
crossing-planned = rejali o‘tkazish quvvati
caption-crossings = Chegara o‘tish punktlari: hozirgi va modernizatsiyadan keyingi o‘tkazish quvvati
col-crossing = O‘tish punkti
col-indicator = Ko‘rsatkich
absent-cpmm = Ma’lumotlar to‘plamida safarlar va chegaradan o‘tish yozuvlari yo‘q, shuning uchun CAREC CPMM ko‘rsatkichlari (o‘tish vaqti va narxi, tezlik) hisoblanmagan.
status-actual = haqiqiy
status-planned = reja
kpi-growth = { $year }-yil tovar aylanmasi o‘sishi, tomon ma’lumotlari: { $side }
kpi-freight = { $year }-yil yuk tashish: { $corridor }, { $direction }
series-intake = suv olish
chart-dekads-title = Dekadalar bo‘yicha suv olish: { $country }, { $line }, { $season }
chart-dekads-description = Har bir dekadadagi suv olish dekada limitiga nisbatan (uzuq chiziq); limitdan oshgan ustunlar rang bilan ajratilgan.
chart-dekads-no-limits = Har bir dekadadagi suv olish; limit faqat davr uchun belgilangan, shuning uchun quyidagi jadvalda davr yakuni bo‘yicha solishtiriladi.
unit-mm3-label = mln m³
caption-water-facts = Sirdaryo, Chordara suv ombori va Do‘stlik kanali: ko‘rsatkichlar e’lon qilinganidek
caption-transit-facts = Qozog‘iston va O‘zbekiston o‘rtasida temir yo‘l tashuvlari va maqsadlar: ko‘rsatkichlar e’lon qilinganidek

## Sanaga nashr (--as-of DATE)
asof-edition = Sanaga nashr: ma’lumotnoma faqat { $date } gacha e’lon qilingan ma’lumotlardan foydalanadi — o‘sha kuni yozilishi mumkin bo‘lganidek; maqsadlar va holatlar o‘sha paytda amalda bo‘lganlaridir.
asof-left-out-later = { $count ->
    [one] Keyinroq e’lon qilingan ma’lumotlar to‘plamining { $n } ta qatori hisobga olinmadi.
   *[other] Keyinroq e’lon qilingan ma’lumotlar to‘plamining { $n } ta qatori hisobga olinmadi.
}
asof-left-out-undated = { $count ->
    [one] { $n } ta qator hisobga olinmadi: uning manbalari sanasiz va o‘z sanasi ham yo‘q, shuning uchun uni vaqtga bog‘lab bo‘lmaydi.
   *[other] { $n } ta qator hisobga olinmadi: ularning manbalari sanasiz va o‘z sanasi ham yo‘q, shuning uchun ularni vaqtga bog‘lab bo‘lmaydi.
}

## Sanadan beri o‘zgarishlar (report --since)
section-changes = { $date } dan beri o‘zgarishlar
changes-none = { $since } dan keyin va { $date } gacha ma’lumotlar to‘plamida yangi hech narsa ma’lum bo‘lmadi.
caption-changes = { $since } dan keyin va { $date } gacha ma’lum bo‘lganlar: bayonotlar, e’lon qilingan yoki qayta ko‘rib chiqilgan maqsadlar, tadbirlar va loyihalar holati haqidagi xabarlar, yangi va qayta ko‘rib chiqilgan e’lon qilingan ko‘rsatkichlar; har biri ma’lum bo‘lgan kuni (eng erta sanali manbasining nashr kuni, aks holda o‘z sanasi)
change-statement = bayonot
change-target = maqsad e’lon qilindi
change-measure = tadbir holati
change-project = loyiha holati
change-figure = yangi ko‘rsatkich
change-revised = qayta ko‘rib chiqilgan ko‘rsatkich
col-known = Ma’lum bo‘lgan sana
col-subject = Mavzu

## Mamlakatlar.
country-KAZ = Qozog‘iston
country-UZB = O‘zbekiston
country-KGZ = Qirg‘iziston
country-TJK = Tojikiston
country-TKM = Turkmaniston
country-RUS = Rossiya
country-CHN = Xitoy
country-AFG = Afg‘oniston

## Usullar: Dostyk ko‘rsatkichni qanday hisoblagan (ko‘rsatkich manbalari bilan birga ko‘rsatiladi).
## Qavs ichidagi nomlar uni hisoblaydigan funksiyalar; ular tarjima qilinmaydi.
## REVIEW: project translation, to be reviewed by a native speaker of Uzbek.
method-as-published = e’lon qilinganidek
method-trade-growth = (yil tovar aylanmasi / oldingi yil tovar aylanmasi − 1) × 100 (dostyk_trade::turnover::growth_pct)
method-trade-required-growth = (maqsad / oxirgi yillik tovar aylanmasi)^(1 / maqsad yiligacha bo‘lgan yillar soni) − 1 (dostyk_trade::target::side_progress)
method-trade-side-gap = Qozog‘iston e’lon qilgan tovar aylanmasidan O‘zbekiston e’lon qilgani ayirmasi (dostyk_trade::published::side_by_side)
method-trade-side-gap-pct = (KZ − UZ) / UZ × 100 (dostyk_trade::published::side_by_side)
method-water-season-intake = mavsumdagi dekadalik suv olish hajmlari yig‘indisi (dostyk_water::compliance::assess)
method-water-season-deviation = (suv olish − limit) / limit × 100, mavsum bo‘yicha (dostyk_water::compliance::assess)
method-water-withdrawal-against-limit = ulush = suv olish / limit × 100; limitdan past = limit − suv olish (dostyk_water::withdrawals::assess_seasons)
method-water-from-shortfall = suv olish = limit − e’lon qilingan kam olish; ulush = suv olish / limit × 100 (dostyk_water::withdrawals::assess_seasons)
method-water-from-share = suv olish = limit × e’lon qilingan ulush / 100 (dostyk_water::withdrawals::assess_seasons)
method-gas-annual-sum = qatorning yil davomida e’lon qilingan satrlari yig‘indisi (satrlar soni: { $rows }), 20 °C da (GOST 2939) (dostyk_transit_gas::balance)
method-gas-required-growth = (maqsad / oxirgi yillik tranzit)^(1 / maqsad yiligacha bo‘lgan yillar soni) − 1 (core-model progress::required_cagr)
method-freight-annual-sum = yil davomida e’lon qilingan satrlar yig‘indisi (satrlar soni: { $rows }) (dostyk_transit_gas::freight::annual_totals)
method-projects-count = reyestrdagi bekor qilinmagan loyihalar soni (registry_totals)
method-projects-valued = reyestrdagi qiymati AQSh dollarida e’lon qilingan loyihalar soni
method-projects-value = reyestrdagi bekor qilinmagan loyihalarning e’lon qilingan qiymatlari yig‘indisi, AQSh dollarida (registry_totals)
method-roadmap-total = yo‘nalishdagi tadbirlar soni
method-roadmap-due = amaldagi muddati hisobot sanasigacha o‘tgan tadbirlar
method-roadmap-done = hisobot sanasidagi oxirgi holati «bajarildi» bo‘lgan tadbirlar
method-roadmap-overdue = amaldagi muddati o‘tgan, holati «bajarildi» ham, «bekor qilindi» ham emas (Measure::is_overdue)
method-roadmap-overdue-sum = hisobot sanasida yo‘nalishlar bo‘yicha muddati o‘tgan tadbirlar yig‘indisi
