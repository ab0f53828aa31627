# Dostyk briefing — English messages.
# Translators: edit the text on the right of "="; keep the { $placeholders } as they are.

## Units. { $value } is already formatted for the language.
unit-usd-bn = ${ $value } bn
unit-usd-m = ${ $value } m
unit-usd = ${ $value }
unit-percent = { $value }%
unit-km3 = { $value } km³
unit-mm3 = { $value } million m³
unit-bcm = { $value } bcm
unit-mt = { $value } Mt
unit-count = { $value }

## Dates.

## Report furniture.
contents = Contents
sources-label = Sources
rag-green = on track
rag-amber = at risk
rag-red = off track
rag-grey = not rated

## Excel.
xlsx-figures-sheet = Figures
xlsx-col-id = Figure id
xlsx-col-indicator = Indicator
xlsx-col-period = Period
xlsx-col-side = Reporting side
xlsx-col-value = Value (exact)
xlsx-col-unit = Unit
xlsx-col-shown = As shown
xlsx-col-sources = Sources
xlsx-col-method = Method

## The briefing.
report-title = Kazakhstan–Uzbekistan cooperation: briefing
report-subtitle = Dataset { $dataset }, as of { $date }
section-summary = Summary
section-trade = Trade
section-statements = Statements ledger
section-projects = Joint industrial projects
section-roadmap = Roadmap and commitments
section-water = Water
section-gas = Gas
section-transit = Transit
section-sources = Sources and methodology
absent-summary = The dataset holds no figures for a summary.
absent-trade = The dataset holds no trade figures.
absent-water = The dataset holds no water figures.
absent-gas = The dataset holds no gas figures.
absent-transit = The dataset holds no transit figures.
absent-statements = The dataset holds no target statements.
absent-projects = The dataset holds no joint project registry.
absent-roadmap = The dataset holds no roadmap measures.
methodology-note = Every figure names its sources. Figures marked as derived were computed by Dostyk with the stated method; the formulas and their citations are in docs/methodology.md.
illustrative-warning = This report contains illustrative data that is not from a publication (sources: { $ids }).
as-of = as of { $date }
undated = undated
not-published = not published
no-due-date = no due date
kpi-target-in-force = Target in force: { $indicator }
kpi-overdue-measures = Overdue roadmap measures
caption-target-history = Every statement of the target: { $indicator }
caption-projects = Registry of named joint projects
caption-roadmap = Roadmap measures by area, as of { $date }
caption-measures = Each measure, its rating and the latest evidence
caption-sources = Sources cited in this report
change-new = new value or horizon
change-repeat = repeats the previous statement
registry-adds-up-1 = The registry lists{" "}
registry-adds-up-2 = {" "}projects that are not cancelled;{" "}
registry-adds-up-3 = {" "}of them have a published value, together{" "}
registry-adds-up-4 = . Compare with the portfolio statements in the statements ledger.
rag-rule-projects = Rating rule: completed → green; cancelled or no planned milestone → not rated; a planned milestone past its deadline and not reached → red; a deadline within 90 days with no work reported → amber; otherwise green. The worst milestone sets the project's rating.
rag-rule-measures = Rating rule: done → green; cancelled or no due date → not rated; due date in force passed and not done → red; due within 90 days with no work reported → amber; otherwise green.
measure-detail-status = status { $status }, due { $due }
measure-promised-at = promised at { $meeting } ({ $date })
measure-reported-at = {" "}(reported at { $meeting })
measure-planned = planned
measure-in-progress = in progress
measure-done = done
measure-cancelled = cancelled
measure-postponed = postponed
project-pipeline = pipeline
project-implementation = implementation
project-finalisation = finalisation
project-completed = completed
project-cancelled = cancelled
project-suspended = suspended
area-trade = Trade
area-agriculture = Agriculture
area-industry = Industry
area-transit = Transit and transport
area-gas = Gas
area-water = Water
area-energy = Energy
area-other = Other
col-date = Date
col-issuer = Issuer
col-target = Target
col-horizon = Horizon
col-change = Change
col-wording = Wording
col-sources = Sources
col-project = Project
col-sector = Sector
col-location = Location
col-value = Value
col-jobs = Jobs
col-status = Status
col-rag = Rating
col-next-milestone = Next milestone
col-area = Area
col-measures = Measures
col-due = Due
col-done = Done
col-overdue = Overdue
col-id = Id
col-publisher = Publisher
col-title = Title
col-published = Published
col-address = Address
col-note = Note
horizon-by-year = by { $year }
horizon-years = { $first }–{ $last }
horizon-worded = “{ $text }”
horizon-worded-implied = “{ $text }” (≈ { $year })
horizon-not-stated = not stated
caption-ledger = Claims ledger: { $indicator }
col-speaker = Who
col-side = Side
col-claim = Claim
col-period = Period
col-qualifier = Qualifier
col-caveats = Caveats
claim-actual = actual
claim-target = target
claim-forecast = forecast
flag-unverified = unverified
flag-undated-source = undated source
flag-period-unverified = period inferred
flag-side-unspecified = side not stated
flag-conflicting = sources conflict
conflict-with = conflicts with { $others }
conflict-more = { $count } more
side-kazakhstan = Kazakhstan
side-uzbekistan = Uzbekistan
side-joint = joint
side-third-party = third party
period-ytd = { $first }–{ $last } { $year }
period-quarter = Q{ $quarter } { $year }
period-month = { $month } { $year }
period-marketing-year = { $years } ({ $first }–{ $last })
period-range = { $first }–{ $last }
month-1-short = Jan
month-1-name = January
month-2-short = Feb
month-2-name = February
month-3-short = Mar
month-3-name = March
month-4-short = Apr
month-4-name = April
month-5-short = May
month-5-name = May
month-6-short = Jun
month-6-name = June
month-7-short = Jul
month-7-name = July
month-8-short = Aug
month-8-name = August
month-9-short = Sep
month-9-name = September
month-10-short = Oct
month-10-name = October
month-11-short = Nov
month-11-name = November
month-12-short = Dec
month-12-name = December

## Trade section.
kpi-turnover = Turnover { $year }, as { $side } reports it
kpi-required-growth = Growth a year needed by { $year }, { $side }'s figures
from-year = from { $year }
target-path-from = Target path from { $side }'s figure
chart-trade-title = Bilateral trade turnover and the target path
chart-trade-description = Annual turnover as published by each side, with the growth path each side's latest figure would need to reach the target in force (dashed).
unit-bn-usd = bn USD
caption-trade-by-side = Turnover by year as each side published it, and the gap between them
col-year = Year
col-gap = Gap (KZ − UZ)
col-gap-pct = Gap, % of UZ
col-other-values = Other published values
trade-choice-rule = Where a side published more than one figure for a year, the figure of the most recent publication is shown (statistics are revised); the others are listed beside it.
flow-turnover = turnover
flow-export = exports
flow-import = imports
side-unspecified = not stated
caption-trade-sub-annual = Figures for parts of a year, as published
col-flow = Flow
caption-trade-hs-sections = Trade by HS section, { $year }, as each side declared it to UN Comtrade
caption-trade-agri-food = Agri-food trade (HS chapters 01–24), { $year }, as each side declared it to UN Comtrade
col-hs-section = HS section
col-share = Share, %
col-agri-food = Agri-food value
hs-section-none = Chapters 98–99 (no section)
caption-trade-top-products = Top products, { $year }, as each side declared them to UN Comtrade (growth on the year before)
col-product = Product (HS)
col-growth = Growth, %
caption-trade-comtrade-mirror = Mirror statistics from UN Comtrade: what each exporter and importer declared (imports CIF, exports FOB)
col-exporter-declared = Exporter declares
col-importer-declared = Importer declares
col-mirror-gap = Gap, % of exporter's
col-mirror-gap-adjusted = Gap after CIF/FOB 1.06, %
absent-trade-products = The dataset holds no product-level (HS) trade data, so the structure by HS section, the agri-food share and the top products are not shown.

## Water section.
water-line = { $line }
season-growing = growing season { $year }
season-non-growing = non-growing season { $first }–{ $last }
caption-water-limits = ICWC withdrawal limits on the Syr Darya by season
col-country = Country
col-line = Line
col-season = Season
col-limit = Limit
chart-water-title = Kazakhstan's Dostyk canal limit by season
chart-water-description = The ICWC limit for Kazakhstan's intake through the Dostyk canal in each season for which it was published.
unit-km3-label = km³
series-limit = limit
absent-water-intake = No dekad intake figures are published in the dataset, so compliance with the limits cannot be assessed.
caption-water-compliance = Intake against the limits by season
col-intake = Intake
col-deviation = Deviation, %
col-dekads-reported = Dekads reported
col-dekads-over = Dekads over the limit
water-compliance-error = Compliance could not be assessed: { $error }

## Gas section.
gas-balance-error = The gas figures could not be totalled: { $error }
gas-route-via = { $from } → { $to } via { $via } ({ $route })
gas-route = { $from } → { $to } ({ $route })
complete-yes = whole year
complete-partial = part of the year
caption-gas-annual = Gas supplies by year and route
col-route = Route
col-kind = Kind
col-volume-bcm = Volume
col-coverage = Coverage
gas-conditions-note = Volumes are at 20 °C and 101.325 kPa (GOST 2939), the convention of the Russian, Kazakh and Uzbek operators; where a source does not state its reference conditions the data file says so and assumes GOST.
kpi-gas-latest = Russian gas through Kazakhstan to Uzbekistan, { $year }
kpi-gas-target = Gas transit target in force
kpi-gas-required-growth = Growth a year needed for the gas target
chart-gas-title = Gas transit to Uzbekistan through Kazakhstan
chart-gas-description = Annual transit volumes and the target volume from its first year.
unit-bcm-label = bcm
series-transit = transit
series-target = target

## Transit section.
absent-freight = The dataset holds no freight series.
direction-export = export
direction-import = import
direction-transit = transit
caption-freight = Freight between Kazakhstan and Uzbekistan by year
col-corridor = Corridor
col-mode = Mode
col-direction = Direction
col-freight-mt = Freight
mode-rail = rail
mode-road = road
mode-multimodal = multimodal
crossing-current = capacity now
crossing-observed = traffic observed
crossing-planned = capacity planned
caption-crossings = Border crossing points: capacities now and after modernisation
col-crossing = Crossing point
col-indicator = Indicator
absent-cpmm = The dataset holds no trip or crossing records, so the CAREC CPMM indicators (time and cost to cross, speed) are not computed.
status-actual = actual
status-planned = planned
kpi-growth = Turnover growth { $year }, { $side }'s figures
kpi-freight = Freight { $year }: { $corridor }, { $direction }
series-intake = intake
chart-dekads-title = Intake by dekad: { $country }, { $line }, { $season }
chart-dekads-description = Intake in each dekad against the dekad limit (dashed); bars over the limit are drawn in the alert colour.
chart-dekads-no-limits = Intake in each dekad; the limit is set for the season only, so it is compared on the season total in the table below.
unit-mm3-label = million m³
caption-water-facts = Syr Darya, Shardara reservoir and the Dostyk canal: figures as published
caption-transit-facts = Rail freight between Kazakhstan and Uzbekistan and its targets: figures as published

## As-of edition (--as-of DATE)

asof-edition = As-of edition: this briefing uses only what had been published by { $date }, as it could have been written on that day; targets and statuses are those then in force.
asof-left-out-later = { $count ->
    [one] { $n } row of the dataset, published later, is left out.
   *[other] { $n } rows of the dataset, published later, are left out.
}
asof-left-out-undated = { $count ->
    [one] { $n } row is left out because its sources are undated and it carries no date of its own, so it cannot be placed in time.
   *[other] { $n } rows are left out because their sources are undated and they carry no date of their own, so they cannot be placed in time.
}

## Changes since a day (report --since)
section-changes = Changes since { $date }
changes-none = Nothing in the dataset became known after { $since } and by { $date }.
caption-changes = What became known after { $since } and by { $date }: statements, targets stated or restated, status reports on measures and projects, new and revised published figures; each on the day it became known (its earliest dated source's publication day, else its own date)
change-statement = statement
change-target = target stated
change-measure = measure status
change-project = project status
change-figure = new figure
change-revised = revised figure
col-known = Known from
col-subject = Subject

## Countries (the Kazakh and Uzbek editions take names from here; English and Russian from the country table).
country-KAZ = Kazakhstan
country-UZB = Uzbekistan
country-KGZ = Kyrgyzstan
country-TJK = Tajikistan
country-TKM = Turkmenistan
country-RUS = Russia
country-CHN = China
country-AFG = Afghanistan
