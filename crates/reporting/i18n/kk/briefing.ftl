# Dostyk брифингі — қазақ тіліндегі хабарламалар (кирилл жазуы).
# Аудармашыларға: «=» белгісінің оң жағындағы мәтінді өзгертіңіз; { $placeholders } өзгеріссіз қалады.
#
# REVIEW: every message in this file was translated for the project (from the English and
# Russian files), not quoted from a source, and needs review by a native speaker of Kazakh.
# Numbers, dates and plural forms are not written here: they come from CLDR through ICU4X.

## Өлшем бірліктері. { $value } тілге сай пішімделген.
unit-usd-bn = { $value } млрд АҚШ доллары
unit-usd-m = { $value } млн АҚШ доллары
unit-usd = { $value } АҚШ доллары
unit-percent = { $value }%
unit-km3 = { $value } км³
unit-mm3 = { $value } млн м³
unit-bcm = { $value } млрд м³
unit-mt = { $value } млн т
unit-count = { $value }
unit-name-minutes = мин

## Есеп безендірілуі.
contents = Мазмұны
sources-label = Дереккөздер
rag-green = кестеге сай
rag-amber = қауіп бар
rag-red = артта қалу
rag-grey = бағаланбаған

## Excel.
xlsx-figures-sheet = Көрсеткіштер
xlsx-col-id = Сәйкестендіргіш
xlsx-col-indicator = Көрсеткіш
xlsx-col-period = Кезең
xlsx-col-side = Тарап
xlsx-col-unit = Бірлік
xlsx-col-shown = Көрсетілуі
xlsx-col-sources = Дереккөздер
xlsx-col-method = Әдіс
xlsx-col-number = Мәні
xlsx-col-value = Мәні (дәл ондық жазба)
xlsx-unit-usd = АҚШ доллары
xlsx-unit-percent = %
xlsx-unit-km3 = км³
xlsx-unit-mm3 = млн м³
xlsx-unit-bcm = млрд м³
xlsx-unit-mt = млн т
xlsx-unit-count = дана
xlsx-unit-year = жыл
sheet-targets = Мақсат мәлімдемелері { $n }
sheet-ledger = Мәлімдемелер тізілімі { $n }
sheet-trade-by-side = Тараптар бойынша айналым
sheet-trade-sub-annual = Жыл бөлігіндегі айналым
sheet-trade-hs-sections = СЭҚ ТН бөлімдері бойынша
sheet-trade-top-products = Негізгі тауарлар
sheet-trade-agri-food = Агроазық-түлік саудасы
sheet-trade-comtrade-mirror = Айна статистикасы
sheet-projects = Бірлескен жобалар
sheet-roadmap-by-area = Жол карталары, салалар
sheet-water-limits = Су алу лимиттері
sheet-water-compliance = Су алу мен лимиттер
sheet-water-facts = Сырдария көрсеткіштері
sheet-gas-annual = Газ жылдар бойынша
sheet-transit-freight = Жүк тасымалы
sheet-transit-crossings = Өткізу пункттері
sheet-transit-facts = Темір жол көрсеткіштері
sheet-sources = Дереккөздер
sheet-changes = Өзгерістер

## Брифинг.
report-title = Қазақстан мен Өзбекстан ынтымақтастығы: анықтама
report-subtitle = { $dataset } деректер жиыны, { $date } жағдай бойынша
section-summary = Қысқаша
section-trade = Сауда
section-statements = Мәлімдемелер тізілімі
section-projects = Бірлескен өнеркәсіптік жобалар
section-roadmap = Жол карталары мен міндеттемелер
section-water = Су
section-gas = Газ
section-transit = Транзит
section-sources = Дереккөздер мен әдістеме
absent-summary = Деректер жиынында қысқаша шолуға арналған көрсеткіштер жоқ.
absent-trade = Деректер жиынында сауда көрсеткіштері жоқ.
absent-water = Деректер жиынында су көрсеткіштері жоқ.
absent-gas = Деректер жиынында газ көрсеткіштері жоқ.
absent-transit = Деректер жиынында транзит көрсеткіштері жоқ.
absent-statements = Деректер жиынында мақсатты көрсеткіштер туралы мәлімдемелер жоқ.
absent-projects = Деректер жиынында бірлескен жобалар тізілімі жоқ.
absent-roadmap = Деректер жиынында жол карталарының іс-шаралары жоқ.
methodology-note = Әр көрсеткіштің дереккөздері көрсетілген. Есептелген көрсеткіштерді Dostyk көрсетілген әдіспен шығарған; формулалар мен дереккөздерге сілтемелер docs/methodology.md файлында.
illustrative-warning = Есепте жарияланымнан алынбаған көрнекі деректер бар (дереккөздер: { $ids }).
as-of = { $date } жағдай бойынша
undated = күні жоқ
not-published = жарияланбаған
no-due-date = мерзімі белгіленбеген
kpi-target-in-force = Қолданыстағы мақсат: { $indicator }
kpi-overdue-measures = Мерзімі өткен жол картасы іс-шаралары
caption-target-history = Мақсат туралы барлық мәлімдемелер: { $indicator }
caption-projects = Аталған бірлескен жобалар тізілімі
caption-roadmap = Жол картасы іс-шаралары салалар бойынша, { $date } жағдай бойынша
caption-measures = Әр іс-шара, оның бағасы және соңғы мәліметтер
caption-sources = Есепте сілтеме жасалған дереккөздер
change-new = жаңа мән немесе мерзім
change-repeat = алдыңғы мәлімдемені қайталайды
registry-adds-up-1 = Тізілімде{" "}
registry-adds-up-2 = {" "}күші жойылмаған жоба бар;{" "}
registry-adds-up-3 = {" "}жобаның құны жарияланған, жиыны{" "}
registry-adds-up-4 = . Мәлімдемелер тізіліміндегі жоба портфелі туралы мәлімдемелермен салыстырыңыз.
rag-rule-projects = Бағалау ережесі: аяқталған → жасыл; күші жойылған немесе жоспарлы кезеңі жоқ → бағаланбаған; жоспарлы кезеңнің мерзімі өтіп, орындалмаған → қызыл; мерзімге 90 күн қалды және жұмыс туралы хабар жоқ → сары; әйтпесе жасыл. Жобаның бағасын ең нашар кезеңі анықтайды.
rag-rule-measures = Бағалау ережесі: орындалған → жасыл; күші жойылған немесе мерзімі белгіленбеген → бағаланбаған; қолданыстағы мерзімі өтіп, орындалмаған → қызыл; мерзімге 90 күн қалды және жұмыс туралы хабар жоқ → сары; әйтпесе жасыл.
measure-detail-status = мәртебесі: { $status }, мерзімі: { $due }
measure-promised-at = уәде етілген: { $meeting } ({ $date })
measure-reported-at = {" "}(хабарланған: { $meeting })
measure-planned = жоспарланған
measure-in-progress = орындалуда
measure-done = орындалды
measure-cancelled = күші жойылды
measure-postponed = шегерілді
project-pipeline = дайындық
project-implementation = іске асыру
project-finalisation = аяқталу
project-completed = аяқталды
project-cancelled = күші жойылды
project-suspended = тоқтатылды
area-trade = Сауда
area-agriculture = Ауыл шаруашылығы
area-industry = Өнеркәсіп
area-transit = Транзит және көлік
area-gas = Газ
area-water = Су
area-energy = Энергетика
area-other = Басқа
col-date = Күні
col-issuer = Кім мәлімдеді
col-target = Мақсат
col-horizon = Мерзімі
col-change = Өзгеріс
col-wording = Тұжырым
col-sources = Дереккөздер
col-project = Жоба
col-sector = Сала
col-location = Орны
col-value = Құны
col-jobs = Жұмыс орындары
col-status = Мәртебесі
col-rag = Бағасы
col-next-milestone = Келесі кезең
col-area = Сала
col-measures = Іс-шаралар
col-due = Мерзімі келді
col-done = Орындалды
col-overdue = Мерзімі өтті
col-id = Сәйкестендіргіш
col-publisher = Баспагер
col-title = Атауы
col-published = Күні
col-address = Мекенжайы
col-note = Ескертпе
horizon-by-year = { $year } жылға қарай
horizon-years = { $first }–{ $last } жж.
horizon-worded = «{ $text }»
horizon-worded-implied = «{ $text }» (≈ { $year })
horizon-not-stated = көрсетілмеген
caption-ledger = Мәлімдемелер тізілімі: { $indicator }
col-speaker = Кім
col-side = Тарап
col-claim = Түрі
col-period = Кезең
col-qualifier = Ескерту
col-caveats = Ескертпелер
qualifier-about = шамамен
qualifier-more-than = астам
claim-actual = нақты
claim-target = мақсат
claim-forecast = болжам
flag-unverified = расталмаған
flag-undated-source = дереккөздің күні жоқ
flag-period-unverified = кезең шамаланған
flag-side-unspecified = тарап көрсетілмеген
flag-conflicting = дереккөздер сәйкес емес
conflict-with = сәйкес емес: { $others }
conflict-more = тағы { $count }
side-kazakhstan = Қазақстан
side-uzbekistan = Өзбекстан
side-joint = бірлесіп
side-third-party = үшінші тарап
period-ytd = { $year } ж. { $first }–{ $last }
period-quarter = { $year } ж. { $quarter }-тоқсан
period-month = { $year } ж. { $month }
period-marketing-year = { $years } ({ $first }–{ $last })
period-range = { $first }–{ $last }
month-1-short = қаң.
month-1-name = қаңтар
month-2-short = ақп.
month-2-name = ақпан
month-3-short = нау.
month-3-name = наурыз
month-4-short = сәу.
month-4-name = сәуір
month-5-short = мам.
month-5-name = мамыр
month-6-short = мау.
month-6-name = маусым
month-7-short = шіл.
month-7-name = шілде
month-8-short = там.
month-8-name = тамыз
month-9-short = қыр.
month-9-name = қыркүйек
month-10-short = қаз.
month-10-name = қазан
month-11-short = қар.
month-11-name = қараша
month-12-short = жел.
month-12-name = желтоқсан

## Сауда.
kpi-turnover = { $year } жылғы тауар айналымы, тарап деректері: { $side }
kpi-required-growth = { $year } жылға дейін қажетті жыл сайынғы өсім, тарап деректері: { $side }
from-year = { $year } жылдан
target-path-from = Мақсатқа жету траекториясы, тарап деректерінен: { $side }
chart-trade-title = Екіжақты тауар айналымы және мақсатқа жету траекториясы
chart-trade-description = Әр тарап жариялаған жылдық тауар айналымы және әр тараптың соңғы мәнінен қолданыстағы мақсатқа жету үшін қажетті өсу траекториясы (үзік сызық).
unit-bn-usd = млрд АҚШ доллары
caption-trade-by-side = Әр тараптың деректері бойынша жылдар бойынша тауар айналымы және олардың арасындағы айырмашылық
col-year = Жыл
col-gap = Айырмашылық (ҚЗ − ӨЗ)
col-gap-pct = Айырмашылық, ӨЗ-ге %
col-other-values = Басқа жарияланған мәндер
trade-choice-rule = Тарап бір жыл үшін бірнеше мән жариялаған болса, ең соңғы жарияланымдағы мән көрсетіледі (статистика нақтыланады); қалғандары қатар келтірілген.
flow-turnover = тауар айналымы
flow-export = экспорт
flow-import = импорт
side-unspecified = көрсетілмеген
caption-trade-sub-annual = Жылдың бір бөлігіндегі көрсеткіштер, жарияланғандай
col-flow = Ағын
caption-trade-hs-sections = СЭҚ ТН бөлімдері бойынша сауда, { $year } ж., әр тараптың UN Comtrade-қа берген деректері бойынша
caption-trade-agri-food = Агроазық-түлік саудасы (СЭҚ ТН 01–24 топтары), { $year } ж., әр тараптың UN Comtrade-қа берген деректері бойынша
col-hs-section = СЭҚ ТН бөлімі
col-share = Үлесі, %
col-agri-food = Агроазық-түлік тауарлары
hs-section-none = 98–99 топтары (бөлімдерден тыс)
caption-trade-top-products = Негізгі тауарлар, { $year } ж., әр тараптың UN Comtrade-қа берген деректері бойынша (алдыңғы жылға өсім)
col-product = Тауар (СЭҚ ТН)
col-growth = Өсім, %
caption-trade-comtrade-mirror = UN Comtrade айна статистикасы: экспорттаушы мен импорттаушы не мәлімдеді (импорт CIF, экспорт FOB)
col-exporter-declared = Экспорттаушы деректері
col-importer-declared = Импорттаушы деректері
col-mirror-gap = Айырмашылық, экспорттаушыға %
col-mirror-gap-adjusted = CIF/FOB 1,06 түзетуінен кейінгі айырмашылық, %
absent-trade-products = Деректер жиынында тауарлар (СЭҚ ТН) бойынша сауда деректері жоқ, сондықтан бөлімдер бойынша құрылым, агроазық-түлік үлесі және негізгі тауарлар көрсетілмеген.

## Су.
water-line = { $line }
season-growing = { $year } ж. вегетациялық кезең
season-non-growing = { $first }–{ $last } жж. вегетациядан тыс кезең
caption-water-limits = Сырдария бойынша СШМАК су алу лимиттері кезеңдер бойынша
col-country = Ел
col-line = Желі
col-season = Кезең
col-limit = Лимит
chart-water-title = Қазақстанның Достық каналы бойынша лимиті кезеңдер бойынша
chart-water-description = Қазақстанның Достық каналы арқылы су алуына СШМАК белгілеген лимит, жарияланған әр кезең үшін.
unit-km3-label = км³
series-limit = лимит
absent-water-intake = Деректер жиынында он күндік су алу деректері жоқ, сондықтан лимиттердің сақталуын онкүндіктер бойынша қадағалау мүмкін емес.
caption-water-seasons = Сырдариядан су алу СШМАК лимиттерімен салыстырғанда, кезеңдер бойынша, жарияланғандай
col-scope = Ел
col-withdrawal = Су алу
col-below-limit = Лимиттен төмен
col-share-of-limit = Лимиттің үлесі, %
col-assessment = Бағалау
water-scope-basin = Барлық елдер бірге
water-status-within = лимит шегінде
water-status-exceeded = лимиттен жоғары
water-status-not-reported = жарияланбаған
water-seasons-unreported = { $country }: соңғы { $count } кезеңнің { $missing } кезеңі үшін су алу жарияланбаған ({ $seasons }), сондықтан бұл кезеңдерде лимиттердің сақталуын бағалау мүмкін емес.
water-seasons-none-reported = { $country }: соңғы { $count } кезеңнің ешқайсысы үшін су алу жарияланбаған ({ $first } бастап { $last } дейін), сондықтан лимиттердің сақталуын кезеңдер бойынша бағалау мүмкін емес.
water-seasons-all-reported = { $country }: соңғы { $count } кезеңнің әрқайсысы үшін су алу жарияланған.
caption-water-compliance = Кезеңдер бойынша су алу мен лимиттер
col-intake = Су алу
col-deviation = Ауытқу, %
col-dekads-reported = Деректері бар онкүндіктер
col-dekads-over = Лимиттен асқан онкүндіктер
water-compliance-error = Лимиттердің сақталуын бағалау мүмкін болмады: { $error }

## Газ.
gas-balance-error = Газ деректерін жинақтау мүмкін болмады: { $error }
gas-route-via = { $from } → { $to }, { $via } арқылы ({ $route })
gas-route = { $from } → { $to } ({ $route })
gas-kind-transit = транзит
gas-kind-delivery = жеткізу
gas-kind-export = экспорт
gas-kind-import = импорт
gas-kind-production = өндіру
gas-kind-consumption = тұтыну
gas-kind-physical_flow = физикалық ағын
complete-yes = толық жыл
complete-partial = жылдың бөлігі
caption-gas-annual = Жылдар мен бағыттар бойынша газ жеткізілімі
col-route = Бағыт
col-kind = Түрі
col-volume-bcm = Көлемі
col-coverage = Қамтуы
gas-conditions-note = Көлемдер 20 °C және 101,325 кПа жағдайына келтірілген (МЕМСТ 2939), ресейлік, қазақстандық және өзбекстандық операторлардағыдай; дереккөз жағдайларды көрсетпесе, бұл деректер файлында белгіленген және МЕМСТ қабылданған.
kpi-gas-latest = Қазақстан арқылы Өзбекстанға ресейлік газ, { $year } ж.
kpi-gas-target = Газ транзиті бойынша қолданыстағы мақсат
kpi-gas-required-growth = Газ бойынша мақсатқа қажетті жыл сайынғы өсім
chart-gas-title = Қазақстан арқылы Өзбекстанға газ транзиті
chart-gas-description = Транзиттің жылдық көлемдері және мақсат қолданылған алғашқы жылдан бастап мақсатты көлем.
unit-bcm-label = млрд м³
series-transit = транзит
series-target = мақсат

## Транзит.
absent-freight = Деректер жиынында жүк тасымалы қатарлары жоқ.
direction-export = экспорт
direction-import = импорт
direction-transit = транзит
caption-freight = Қазақстан мен Өзбекстан арасындағы жүк тасымалы жылдар бойынша
col-corridor = Дәліз
col-mode = Көлік түрі
col-direction = Бағыты
col-freight-mt = Көлемі
mode-rail = темір жол
mode-road = автокөлік
mode-multimodal = мультимодальды
crossing-current = қазіргі өткізу қабілеті
crossing-observed = нақты ағын
crossing-planned = жоспарлы өткізу қабілеті
caption-crossings = Өткізу пункттері: қазіргі және жаңғыртудан кейінгі өткізу қабілеті
col-crossing = Өткізу пункті
col-indicator = Көрсеткіш
absent-cpmm = Деректер жиынында сапарлар мен шекарадан өту жазбалары жоқ, сондықтан CAREC CPMM көрсеткіштері (өту уақыты мен құны, жылдамдық) есептелмеген.
status-actual = нақты
status-planned = жоспар
kpi-growth = { $year } жылғы тауар айналымының өсімі, тарап деректері: { $side }
kpi-freight = { $year } жылғы жүк тасымалы: { $corridor }, { $direction }
series-intake = су алу
chart-dekads-title = Онкүндіктер бойынша су алу: { $country }, { $line }, { $season }
chart-dekads-description = Әр онкүндіктегі су алу онкүндік лимитпен салыстырғанда (үзік сызық); лимиттен асқан бағандар түспен ерекшеленген.
chart-dekads-no-limits = Әр онкүндіктегі су алу; лимит тек кезеңге белгіленген, сондықтан төмендегі кестеде кезең қорытындысы бойынша салыстырылады.
unit-mm3-label = млн м³
caption-water-facts = Сырдария, Шардара су қоймасы және Достық каналы: көрсеткіштер жарияланғандай
caption-transit-facts = Қазақстан мен Өзбекстан арасындағы темір жол тасымалы және мақсаттар: көрсеткіштер жарияланғандай

## Күнге арналған басылым (--as-of DATE)
asof-edition = Күнге арналған басылым: анықтама тек { $date } дейін жарияланған мәліметтерді пайдаланады — сол күні жазылуы мүмкін болғандай; мақсаттар мен мәртебелер сол кезде қолданыста болғандары.
asof-left-out-later = { $count ->
    [one] Кейінірек жарияланған деректер жиынының { $n } жолы есепке алынбады.
   *[other] Кейінірек жарияланған деректер жиынының { $n } жолы есепке алынбады.
}
asof-left-out-undated = { $count ->
    [one] { $n } жол есепке алынбады: оның дереккөздерінің күні жоқ және өз күні де жоқ, сондықтан оны уақытқа жатқызу мүмкін емес.
   *[other] { $n } жол есепке алынбады: олардың дереккөздерінің күні жоқ және өз күні де жоқ, сондықтан оларды уақытқа жатқызу мүмкін емес.
}

## Күннен бергі өзгерістер (report --since)
section-changes = { $date } бергі өзгерістер
changes-none = { $since } кейін және { $date } дейін деректер жиынында жаңа ештеңе белгілі болмады.
caption-changes = { $since } кейін және { $date } дейін белгілі болғандар: мәлімдемелер, жарияланған немесе қайта қаралған мақсаттар, іс-шаралар мен жобалардың мәртебесі туралы хабарлар, жаңа және қайта қаралған жарияланған көрсеткіштер; әрқайсысы белгілі болған күні (ең ерте күні бар дереккөзінің жарияланған күні, әйтпесе өз күні)
change-statement = мәлімдеме
change-target = мақсат жарияланды
change-measure = іс-шара мәртебесі
change-project = жоба мәртебесі
change-figure = жаңа көрсеткіш
change-revised = қайта қаралған көрсеткіш
col-known = Белгілі болған күні
col-subject = Тақырып

## Елдер.
country-KAZ = Қазақстан
country-UZB = Өзбекстан
country-KGZ = Қырғызстан
country-TJK = Тәжікстан
country-TKM = Түрікменстан
country-RUS = Ресей
country-CHN = Қытай
country-AFG = Ауғанстан

## Әдістер: Dostyk көрсеткішті қалай есептеді (көрсеткіштің дереккөздерімен бірге көрсетіледі).
## Жақшадағы атаулар — оны есептейтін функциялар; олар аударылмайды.
## REVIEW: project translation, to be reviewed by a native speaker of Kazakh.
method-as-published = жарияланғандай
method-trade-growth = (жылдың тауар айналымы / алдыңғы жылдың тауар айналымы − 1) × 100 (dostyk_trade::turnover::growth_pct)
method-trade-required-growth = (мақсат / соңғы жылдық тауар айналымы)^(1 / мақсат жылына дейінгі жылдар саны) − 1 (dostyk_trade::target::side_progress)
method-trade-side-gap = Қазақстан жариялаған тауар айналымынан Өзбекстан жариялағанын шегергенде (dostyk_trade::published::side_by_side)
method-trade-side-gap-pct = (KZ − UZ) / UZ × 100 (dostyk_trade::published::side_by_side)
method-water-season-intake = маусымдағы онкүндік су алу көлемдерінің қосындысы (dostyk_water::compliance::assess)
method-water-season-deviation = (су алу − лимит) / лимит × 100, маусым бойынша (dostyk_water::compliance::assess)
method-water-withdrawal-against-limit = үлес = су алу / лимит × 100; лимиттен төмен = лимит − су алу (dostyk_water::withdrawals::assess_seasons)
method-water-from-shortfall = су алу = лимит − жарияланған кем алу; үлес = су алу / лимит × 100 (dostyk_water::withdrawals::assess_seasons)
method-water-from-share = су алу = лимит × жарияланған үлес / 100 (dostyk_water::withdrawals::assess_seasons)
method-gas-annual-sum = қатардың жыл ішінде жарияланған жолдарының қосындысы (жолдар саны: { $rows }), 20 °C кезінде (ГОСТ 2939) (dostyk_transit_gas::balance)
method-gas-required-growth = (мақсат / соңғы жылдық транзит)^(1 / мақсат жылына дейінгі жылдар саны) − 1 (core-model progress::required_cagr)
method-freight-annual-sum = жыл ішінде жарияланған жолдардың қосындысы (жолдар саны: { $rows }) (dostyk_transit_gas::freight::annual_totals)
method-projects-count = тізілімдегі күші жойылмаған жобалар саны (registry_totals)
method-projects-valued = тізілімдегі құны АҚШ долларымен жарияланған жобалар саны
method-projects-value = тізілімдегі күші жойылмаған жобалардың жарияланған құнының АҚШ долларындағы қосындысы (registry_totals)
method-roadmap-total = бағыттағы іс-шаралар саны
method-roadmap-due = қолданыстағы мерзімі есеп күніне дейін өткен іс-шаралар
method-roadmap-done = есеп күніне соңғы мәртебесі «орындалды» болған іс-шаралар
method-roadmap-overdue = қолданыстағы мерзімі өткен, мәртебесі «орындалды» да, «күші жойылды» да емес (Measure::is_overdue)
method-roadmap-overdue-sum = есеп күніне бағыттар бойынша мерзімі өткен іс-шаралардың қосындысы
