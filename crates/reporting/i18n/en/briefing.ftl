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
date-long = { $day } { $month } { $year }
month-1-of = January
month-2-of = February
month-3-of = March
month-4-of = April
month-5-of = May
month-6-of = June
month-7-of = July
month-8-of = August
month-9-of = September
month-10-of = October
month-11-of = November
month-12-of = December

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
