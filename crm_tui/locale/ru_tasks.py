"""Russian for the task inbox, the task and activity dialogs, reminders and due times."""

MESSAGES: dict[str, str] = {
    # due times (crm_tui/due_times.py)
    "This evening": "Сегодня вечером",
    "Tomorrow morning": "Завтра утром",
    "Next Monday": "В следующий понедельник",
    "In an hour": "Через час",
    "One hour later": "На час позже",
    "Next week": "На следующей неделе",
    "“{text}” is not a date and time; write it like 05.03.2026 14:30":
        "«{text}» — не дата и время; напишите, например, 05.03.2026 14:30",
    "Enter a date and time, for example 05.03.2026 14:30":
        "Введите дату и время, например 05.03.2026 14:30",
    "There is no time {value} on a clock": "Времени {value} не бывает",
    "There is no such date: {text}": "Такой даты нет: {text}",
    # the task store
    "see the whole team's tasks": "смотреть задачи всего отдела",
    "see another manager's tasks": "смотреть задачи другого менеджера",
    # the task inbox
    "Overdue": "Просрочено",
    "This week": "На этой неделе",
    "Later": "Позже",
    "Done in the last 7 days": "Выполнено за 7 дней",
    "Deals": "Сделки",
    "Contacts": "Контакты",
    "Tasks of one group, paged from the database. Up and Down run on into the "
    "neighbouring groups; Tab jumps to the next group.":
        "Задачи одной группы, загружаемые из базы по страницам. Стрелки вверх и вниз "
        "переходят в соседние группы; Tab — к следующей группе.",
    "Task list": "Список задач",
    "Your tasks, grouped by when they are due on your own calendar (the time zone of "
    "the configuration), with what you completed in the last 7 days at the bottom. "
    "The head of sales can choose a manager or the whole team in the first filter.":
        "Ваши задачи по срокам в вашем календаре (часовой пояс из настроек), внизу — "
        "выполненные за последние 7 дней. Руководитель отдела продаж может выбрать "
        "менеджера или весь отдел в первом фильтре.",
    "Task inbox": "Задачи",
    "New task": "Новая задача",
    "Complete": "Выполнить",
    "Snooze / reschedule": "Отложить / перенести",
    "Open the linked deal, contact or client": "Открыть связанную сделку, контакт или клиента",
    "Choose whose tasks and filters": "Выбрать, чьи задачи, и фильтры",
    "Refresh the inbox": "Обновить список задач",
    "Due": "Срок",
    "Task": "Задача",
    "About": "Относится к",
    "Assignee": "Исполнитель",
    "My tasks": "Мои задачи",
    "Whole team": "Весь отдел",
    "Done: {title}": "Выполнено: {title}",
    "Moved to {when}: {title}": "Перенесено на {when}: {title}",
    "This task is not linked to a deal, contact or client.":
        "Задача не связана ни со сделкой, ни с контактом, ни с клиентом.",
    "Nothing to do here. Press n to add a task.": "Задач нет. Нажмите n, чтобы добавить задачу.",
    "Any type": "Любой тип",
    "Linked to anything": "Связана с чем угодно",
    "Linked to": "Связана с",
    "Anything": "Чем угодно",
    "Whose": "Чьи",
    "Whose tasks": "Чьи задачи",
    "Whose tasks?": "Чьи задачи?",
    "Filter by type": "Отбор по типу",
    "Filter by what the task is linked to": "Отбор по тому, с чем связана задача",
    "Which type of task?": "Какой тип задач?",
    "Linked to what?": "Связанные с чем?",
    "The list of managers is still loading.": "Список менеджеров ещё загружается.",
    # the new-task dialog
    "Send proposal": "Отправить КП",
    "A new task. Type what to do, pick a quick due time or type one (05.03.2026 14:30, "
    "tomorrow 10:00), link it to a client, contact or deal, and save with Ctrl+S.":
        "Новая задача. Напишите, что сделать, выберите быстрый срок или введите свой "
        "(05.03.2026 14:30, завтра 10:00), свяжите с клиентом, контактом или сделкой и "
        "сохраните по Ctrl+S.",
    "Save the task": "Сохранить задачу",
    "Contact": "Контакт",
    "Deal": "Сделка",
    "Save": "Сохранить",
    "Cancel": "Отмена",
    "What to do": "Что сделать",
    "Quick choice": "Быстрый выбор",
    "Search clients…": "Поиск клиента…",
    "Search contacts…": "Поиск контакта…",
    "Search deals…": "Поиск сделки…",
    # completing and snoozing
    "Completing a task records its outcome on the timelines of the linked deal, client "
    "and contact. Type what happened and press Enter.":
        "Результат выполненной задачи попадает в историю связанных сделки, клиента и "
        "контакта. Напишите, что произошло, и нажмите Enter.",
    "Complete with this outcome": "Выполнить с этим результатом",
    "Complete the task": "Выполнение задачи",
    "Outcome": "Результат",
    "Enter completes · Escape cancels": "Enter — выполнить · Escape — отмена",
    "What happened, what was agreed": "Что произошло, о чём договорились",
    "Move the task to a later time: choose one of the offered times, or choose "
    "“Another time…” and type a date and time such as 05.03.2026 14:30.":
        "Перенесите задачу на более позднее время: выберите один из вариантов или "
        "«Другое время…» и введите дату и время, например 05.03.2026 14:30.",
    "Snooze the task": "Отложить задачу",
    "Due: {when}": "Срок: {when}",
    "Another time…": "Другое время…",
    "Enter chooses · Escape cancels": "Enter — выбрать · Escape — отмена",
    # logging an activity
    "Note": "Заметка",
    "Log a call, meeting, e-mail or note on the timeline. The time is now unless you "
    "type another (05.03.2026 14:30). Save with Ctrl+S.":
        "Запишите в историю звонок, встречу, письмо или заметку. Время — сейчас, если не "
        "ввести другое (05.03.2026 14:30). Сохранение — Ctrl+S.",
    "Save the activity": "Сохранить запись",
    "Log an activity": "Запись в историю",
    "Kind": "Вид",
    "What happened": "Что произошло",
    "When": "Когда",
    "Pick the client this is about.": "Выберите клиента, к которому это относится.",
    # reminders
    "Overdue tasks: {overdue}; due today: {today}. F5 opens the task inbox.":
        "Просрочено задач: {overdue}; на сегодня: {today}. F5 — список задач.",
    "Your tasks": "Ваши задачи",
    "Task due: {when}": "Срок задачи: {when}",
    # the record picker
    "Type part of a name to find a record; Down moves into the matches and Enter picks "
    "one (Enter in the box picks the first). Clear the box to unlink the record.":
        "Введите часть названия, чтобы найти запись; стрелка вниз — к найденному, Enter — "
        "выбрать (Enter в поле выбирает первую). Очистите поле, чтобы убрать связь.",
    "Record picker": "Выбор записи",
    "Nothing found": "Ничего не найдено",
}
