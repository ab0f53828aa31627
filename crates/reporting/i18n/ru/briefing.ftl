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
date-long = { $day } { $month } { $year } г.
month-1-of = января
month-2-of = февраля
month-3-of = марта
month-4-of = апреля
month-5-of = мая
month-6-of = июня
month-7-of = июля
month-8-of = августа
month-9-of = сентября
month-10-of = октября
month-11-of = ноября
month-12-of = декабря

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
