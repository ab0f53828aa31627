# Брифинг Dostyk — сообщения на русском языке.
# Переводчикам: меняйте текст справа от «=»; { $placeholders } оставляйте как есть.

## Единицы. { $value } уже отформатировано для языка.
unit-usd-bn = { $value } млрд долл. США
unit-usd-m = { $value } млн долл. США
unit-usd = { $value } долл. США
unit-percent = { $value } %
unit-km3 = { $value } км³
unit-mm3 = { $value } млн м³
unit-bcm = { $value } млрд м³
unit-mt = { $value } млн т
unit-count = { $value }

## Даты.

## Оформление отчёта.
contents = Содержание
sources-label = Источники
rag-green = в графике
rag-amber = под угрозой
rag-red = отставание
rag-grey = без оценки

## Excel.
xlsx-figures-sheet = Показатели
xlsx-col-id = Идентификатор
xlsx-col-indicator = Показатель
xlsx-col-period = Период
xlsx-col-side = Сторона
xlsx-col-value = Значение (точно)
xlsx-col-unit = Единица
xlsx-col-shown = Как показано
xlsx-col-sources = Источники
xlsx-col-method = Метод

## Брифинг.
report-title = Сотрудничество Казахстана и Узбекистана: справка
report-subtitle = Набор данных { $dataset }, по состоянию на { $date }
section-summary = Кратко
section-trade = Торговля
section-statements = Реестр заявлений
section-projects = Совместные промышленные проекты
section-roadmap = Дорожные карты и обязательства
section-water = Вода
section-gas = Газ
section-transit = Транзит
section-sources = Источники и методология
absent-summary = В наборе данных нет показателей для краткой сводки.
absent-trade = В наборе данных нет показателей торговли.
absent-water = В наборе данных нет показателей по воде.
absent-gas = В наборе данных нет показателей по газу.
absent-transit = В наборе данных нет показателей транзита.
absent-statements = В наборе данных нет заявлений о целевых показателях.
absent-projects = В наборе данных нет реестра совместных проектов.
absent-roadmap = В наборе данных нет мероприятий дорожных карт.
methodology-note = Для каждого показателя указаны источники. Расчётные показатели вычислены Dostyk указанным методом; формулы и ссылки на источники — в docs/methodology.md.
illustrative-warning = Отчёт содержит иллюстративные данные, не взятые из публикаций (источники: { $ids }).
as-of = по состоянию на { $date }
undated = без даты
not-published = не опубликовано
no-due-date = срок не установлен
kpi-target-in-force = Действующая цель: { $indicator }
kpi-overdue-measures = Просроченные мероприятия дорожных карт
caption-target-history = Все заявления о цели: { $indicator }
caption-projects = Реестр названных совместных проектов
caption-roadmap = Мероприятия дорожных карт по сферам на { $date }
caption-measures = Каждое мероприятие, его оценка и последние сведения
caption-sources = Источники, на которые ссылается отчёт
change-new = новое значение или срок
change-repeat = повторяет предыдущее заявление
registry-adds-up-1 = В реестре{" "}
registry-adds-up-2 = {" "}неотменённых проектов;{" "}
registry-adds-up-3 = {" "}из них имеют опубликованную стоимость, в сумме{" "}
registry-adds-up-4 = . Сравните с заявлениями о портфеле в реестре заявлений.
rag-rule-projects = Правило оценки: завершён → зелёный; отменён или нет плановых этапов → без оценки; плановый этап просрочен и не достигнут → красный; срок в пределах 90 дней без сообщений о работе → жёлтый; иначе зелёный. Оценку проекта определяет худший этап.
rag-rule-measures = Правило оценки: выполнено → зелёный; отменено или срок не установлен → без оценки; действующий срок прошёл, не выполнено → красный; срок в пределах 90 дней без сообщений о работе → жёлтый; иначе зелёный.
measure-detail-status = статус: { $status }, срок: { $due }
measure-promised-at = обещано: { $meeting } ({ $date })
measure-reported-at = {" "}(сообщено: { $meeting })
measure-planned = запланировано
measure-in-progress = выполняется
measure-done = выполнено
measure-cancelled = отменено
measure-postponed = перенесено
project-pipeline = подготовка
project-implementation = реализация
project-finalisation = завершение
project-completed = завершён
project-cancelled = отменён
project-suspended = приостановлен
area-trade = Торговля
area-agriculture = Сельское хозяйство
area-industry = Промышленность
area-transit = Транзит и транспорт
area-gas = Газ
area-water = Вода
area-energy = Энергетика
area-other = Прочее
col-date = Дата
col-issuer = Кто заявил
col-target = Цель
col-horizon = Срок
col-change = Изменение
col-wording = Формулировка
col-sources = Источники
col-project = Проект
col-sector = Отрасль
col-location = Место
col-value = Стоимость
col-jobs = Рабочие места
col-status = Статус
col-rag = Оценка
col-next-milestone = Следующий этап
col-area = Сфера
col-measures = Мероприятий
col-due = Срок наступил
col-done = Выполнено
col-overdue = Просрочено
col-id = Идентификатор
col-publisher = Издатель
col-title = Название
col-published = Дата
col-address = Адрес
col-note = Примечание
horizon-by-year = к { $year } году
horizon-years = { $first }–{ $last } гг.
horizon-worded = «{ $text }»
horizon-worded-implied = «{ $text }» (≈ { $year })
horizon-not-stated = не указан
caption-ledger = Реестр заявлений: { $indicator }
col-speaker = Кто
col-side = Сторона
col-claim = Тип
col-period = Период
col-qualifier = Оговорка
col-caveats = Примечания
claim-actual = факт
claim-target = цель
claim-forecast = прогноз
flag-unverified = не подтверждено
flag-undated-source = источник без даты
flag-period-unverified = период выведен
flag-side-unspecified = сторона не указана
flag-conflicting = источники расходятся
conflict-with = расходится с: { $others }
conflict-more = ещё { $count }
side-kazakhstan = Казахстан
side-uzbekistan = Узбекистан
side-joint = совместно
side-third-party = третья сторона
period-ytd = { $first }–{ $last } { $year }
period-quarter = { $quarter } кв. { $year }
period-month = { $month } { $year }
period-marketing-year = { $years } ({ $first }–{ $last })
period-range = { $first }–{ $last }
month-1-short = янв.
month-1-name = январь
month-2-short = февр.
month-2-name = февраль
month-3-short = март
month-3-name = март
month-4-short = апр.
month-4-name = апрель
month-5-short = май
month-5-name = май
month-6-short = июнь
month-6-name = июнь
month-7-short = июль
month-7-name = июль
month-8-short = авг.
month-8-name = август
month-9-short = сент.
month-9-name = сентябрь
month-10-short = окт.
month-10-name = октябрь
month-11-short = нояб.
month-11-name = ноябрь
month-12-short = дек.
month-12-name = декабрь

## Торговля.
kpi-turnover = Товарооборот за { $year } г. по данным стороны: { $side }
kpi-required-growth = Необходимый ежегодный рост до { $year } г., данные стороны: { $side }
from-year = от { $year } г.
target-path-from = Траектория к цели от данных стороны: { $side }
chart-trade-title = Двусторонний товарооборот и траектория к цели
chart-trade-description = Годовой товарооборот по данным каждой стороны и траектория роста, необходимая от последнего значения каждой стороны для достижения действующей цели (пунктир).
unit-bn-usd = млрд долл. США
caption-trade-by-side = Товарооборот по годам по данным каждой стороны и расхождение между ними
col-year = Год
col-gap = Расхождение (КЗ − УЗ)
col-gap-pct = Расхождение, % к УЗ
col-other-values = Другие опубликованные значения
trade-choice-rule = Если сторона публиковала за год несколько значений, показано значение из самой поздней публикации (статистика уточняется); остальные приведены рядом.
flow-turnover = товарооборот
flow-export = экспорт
flow-import = импорт
side-unspecified = не указана
caption-trade-sub-annual = Показатели за часть года, как опубликованы
col-flow = Поток
caption-trade-hs-sections = Торговля по разделам ТН ВЭД, { $year } г., по данным каждой стороны в UN Comtrade
caption-trade-agri-food = Агропродовольственная торговля (группы ТН ВЭД 01–24), { $year } г., по данным каждой стороны в UN Comtrade
col-hs-section = Раздел ТН ВЭД
col-share = Доля, %
col-agri-food = Агропродовольственные товары
hs-section-none = Группы 98–99 (вне разделов)
caption-trade-top-products = Основные товары, { $year } г., по данным каждой стороны в UN Comtrade (рост к предыдущему году)
col-product = Товар (ТН ВЭД)
col-growth = Рост, %
caption-trade-comtrade-mirror = Зеркальная статистика UN Comtrade: что заявил экспортёр и что импортёр (импорт CIF, экспорт FOB)
col-exporter-declared = По данным экспортёра
col-importer-declared = По данным импортёра
col-mirror-gap = Расхождение, % к экспортёру
col-mirror-gap-adjusted = Расхождение после CIF/FOB 1,06, %
absent-trade-products = В наборе данных нет данных о торговле по товарам (ТН ВЭД), поэтому структура по разделам, доля агропродовольственных товаров и основные товары не показаны.

## Вода.
water-line = { $line }
season-growing = вегетационный период { $year } г.
season-non-growing = межвегетационный период { $first }–{ $last } гг.
caption-water-limits = Лимиты водозабора МКВК на Сырдарье по периодам
col-country = Страна
col-line = Линия
col-season = Период
col-limit = Лимит
chart-water-title = Лимит Казахстана по каналу Достык по периодам
chart-water-description = Лимит МКВК на водозабор Казахстана через канал Достык за каждый период, для которого он опубликован.
unit-km3-label = км³
series-limit = лимит
absent-water-intake = В наборе данных нет подекадных данных о водозаборе, поэтому соблюдение лимитов оценить нельзя.
caption-water-compliance = Водозабор против лимитов по периодам
col-intake = Водозабор
col-deviation = Отклонение, %
col-dekads-reported = Декад с данными
col-dekads-over = Декады сверх лимита
water-compliance-error = Соблюдение лимитов оценить не удалось: { $error }

## Газ.
gas-balance-error = Не удалось свести данные по газу: { $error }
gas-route-via = { $from } → { $to } через { $via } ({ $route })
gas-route = { $from } → { $to } ({ $route })
complete-yes = весь год
complete-partial = часть года
caption-gas-annual = Поставки газа по годам и маршрутам
col-route = Маршрут
col-kind = Вид
col-volume-bcm = Объём
col-coverage = Охват
gas-conditions-note = Объёмы приведены к 20 °C и 101,325 кПа (ГОСТ 2939), как принято у российских, казахстанских и узбекских операторов; если источник не указывает условия, это отмечено в файле данных и принят ГОСТ.
kpi-gas-latest = Российский газ в Узбекистан через Казахстан, { $year } г.
kpi-gas-target = Действующая цель по транзиту газа
kpi-gas-required-growth = Необходимый ежегодный рост для цели по газу
chart-gas-title = Транзит газа в Узбекистан через Казахстан
chart-gas-description = Годовые объёмы транзита и целевой объём с первого года действия цели.
unit-bcm-label = млрд м³
series-transit = транзит
series-target = цель

## Транзит.
absent-freight = В наборе данных нет рядов грузоперевозок.
direction-export = экспорт
direction-import = импорт
direction-transit = транзит
caption-freight = Грузоперевозки между Казахстаном и Узбекистаном по годам
col-corridor = Коридор
col-mode = Вид транспорта
col-direction = Направление
col-freight-mt = Объём
mode-rail = железная дорога
mode-road = автотранспорт
mode-multimodal = мультимодальный
crossing-current = пропускная способность сейчас
crossing-observed = фактический поток
crossing-planned = плановая пропускная способность
caption-crossings = Пункты пропуска: пропускная способность сейчас и после модернизации
col-crossing = Пункт пропуска
col-indicator = Показатель
absent-cpmm = В наборе данных нет записей о поездках и пересечениях границы, поэтому показатели CAREC CPMM (время и стоимость пересечения, скорость) не рассчитаны.
status-actual = факт
status-planned = план
kpi-growth = Рост товарооборота в { $year } г., данные стороны: { $side }
kpi-freight = Грузоперевозки { $year } г.: { $corridor }, { $direction }
series-intake = водозабор
chart-dekads-title = Водозабор по декадам: { $country }, { $line }, { $season }
chart-dekads-description = Водозабор в каждой декаде против декадного лимита (пунктир); столбцы сверх лимита выделены цветом.
chart-dekads-no-limits = Водозабор в каждой декаде; лимит установлен только на период, поэтому сравнивается по итогу периода в таблице ниже.
unit-mm3-label = млн м³
caption-water-facts = Сырдарья, Шардаринское водохранилище и канал Достык: показатели как опубликованы
caption-transit-facts = Железнодорожные перевозки между Казахстаном и Узбекистаном и цели: показатели как опубликованы

## Издание на дату (--as-of DATE)

# Translated for the project; to be reviewed.
asof-edition = Издание на дату: справка использует только то, что было опубликовано к { $date }, — так, как её можно было написать в тот день; цели и статусы — действовавшие тогда.
asof-left-out-later = { $count ->
    [one] { $n } строка набора данных, опубликованная позже, не учтена.
    [few] { $n } строки набора данных, опубликованные позже, не учтены.
   *[other] { $n } строк набора данных, опубликованных позже, не учтены.
}
asof-left-out-undated = { $count ->
    [one] { $n } строка не учтена: её источники не датированы и своей даты у неё нет, поэтому её нельзя отнести ко времени.
    [few] { $n } строки не учтены: их источники не датированы и своей даты у них нет, поэтому их нельзя отнести ко времени.
   *[other] { $n } строк не учтено: их источники не датированы и своей даты у них нет, поэтому их нельзя отнести ко времени.
}

## Изменения с даты (report --since)
section-changes = Изменения с { $date }
changes-none = После { $since } и к { $date } в наборе данных ничего нового не стало известно.
caption-changes = Что стало известно после { $since } и к { $date }: заявления, заявленные или пересмотренные цели, сообщения о статусе мер и проектов, новые и пересмотренные опубликованные показатели; каждое — в день, когда стало известно (день публикации его самого раннего датированного источника, иначе его собственная дата)
change-statement = заявление
change-target = заявлена цель
change-measure = статус меры
change-project = статус проекта
change-figure = новый показатель
change-revised = пересмотренный показатель
col-known = Известно с
col-subject = Предмет

## Страны (казахское и узбекское издания берут названия отсюда; английское и русское — из справочника стран).
country-KAZ = Казахстан
country-UZB = Узбекистан
country-KGZ = Киргизия
country-TJK = Таджикистан
country-TKM = Туркмения
country-RUS = Россия
country-CHN = Китай
country-AFG = Афганистан
