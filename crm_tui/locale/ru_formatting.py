"""Russian for locale-aware formatting: relative days, plural counts, amount parsing."""

MESSAGES: dict[str, str] = {
    "Today": "Сегодня",
    "Tomorrow": "Завтра",
    "Yesterday": "Вчера",
    # Plural forms in the order one|few|many (see crm_tui.formatting.plural).
    "{count} day|{count} days": "{count} день|{count} дня|{count} дней",
    "enter an amount": "введите сумму",
    "“{text}” is not an amount; write it like 1 200 000,50": (
        "«{text}» — не сумма; пишите, например, 1 200 000,50"
    ),
}
