"""Russian for `crm-tui seed`: its summary lines and refusals."""

MESSAGES: dict[str, str] = {
    "Choose one: --demo or --scale N.": "Выберите что-то одно: --demo или --scale N.",
    "--scale needs a positive number of contacts, not {count}.": (
        "Для --scale нужно положительное число контактов, а не {count}."
    ),
    "The database {url} already has contacts; seeding it again would mix invented records "
    "into them. Seed an empty database instead.": (
        "В базе {url} уже есть контакты; повторное заполнение смешало бы с ними выдуманные "
        "записи. Заполняйте пустую базу."
    ),
    "Demo data created: users {users}, clients {clients}, counterparties {counterparties}, "
    "contacts {contacts}, deals {deals}, tasks {tasks}, activities {activities}, leads {leads}.": (
        "Демо-данные созданы: пользователи — {users}, клиенты — {clients}, контрагенты — "
        "{counterparties}, контакты — {contacts}, сделки — {deals}, задачи — {tasks}, "
        "события — {activities}, лиды — {leads}."
    ),
    "Scale data created in {seconds} s: users {users}, clients {clients}, counterparties "
    "{counterparties}, contacts {contacts}, deals {deals}, tasks {tasks}, activities "
    "{activities}, leads {leads}.": (
        "Данные для нагрузки созданы за {seconds} с: пользователи — {users}, клиенты — "
        "{clients}, контрагенты — {counterparties}, контакты — {contacts}, сделки — {deals}, "
        "задачи — {tasks}, события — {activities}, лиды — {leads}."
    ),
    "Benchmark landmarks in {url}: client #{client_id} «{client_name}» (contacts: {contacts}, "
    "counterparties: {counterparties}, deals: {deals}, activities: {activities}); manager "
    "{login} (tasks: {tasks}).": (
        "Ориентиры для бенчмарка в {url}: клиент #{client_id} «{client_name}» (контакты: "
        "{contacts}, контрагенты: {counterparties}, сделки: {deals}, события: {activities}); "
        "менеджер {login} (задачи: {tasks})."
    ),
}
