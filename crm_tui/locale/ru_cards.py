"""Russian for the client and contact cards, the contact list, the record forms and the
conflict and confirmation dialogs."""

MESSAGES: dict[str, str] = {
    # -- a contact's mark (a junk or competitor mark zeroes the score of their leads)
    "Mark": "Отметка",
    "no mark": "без отметки",
    "junk: not a buyer": "мусор: не покупатель",
    "competitor": "конкурент",
    # -- the conflict dialog
    "Another user saved this record after you opened it. Reload shows their version (your "
    "changes in the form are dropped); Keep editing leaves your values in the form and your "
    "next save replaces their change.": (
        "Другой пользователь сохранил эту запись после того, как вы её открыли. «Загрузить "
        "их версию» покажет его изменения (ваши правки в форме пропадут); «Продолжить "
        "правку» оставит ваши значения в форме, и следующее сохранение заменит его изменения."
    ),
    "Someone else saved this {kind} first": "Эту запись ({kind}) уже сохранил другой пользователь",
    "conflict": "конфликт",
    "Reload their version": "Загрузить их версию",
    "Keep editing": "Продолжить правку",
    "an unknown time": "неизвестное время",
    "another user": "другой пользователь",
    "Changed by {who} at {when}.": "Изменил(а) {who}, {when}.",
    "Changed fields: {fields}": "Изменённые поля: {fields}",
    "Which fields changed is not known.": "Какие поля изменились, неизвестно.",
    "What you typed is still in the form.": "Всё, что вы ввели, осталось в форме.",
    "client": "клиент",
    "counterparty": "контрагент",
    "contact": "контакт",
    "deal": "сделка",
    "task": "задача",
    "participant": "участник",
    "lead": "лид",
    # -- the confirmation dialog
    "Confirm or cancel the change described in the dialog.": (
        "Подтвердите или отмените изменение, описанное в окне."
    ),
    "confirm": "подтверждение",
    "Yes": "Да",
    "No": "Нет",
    # -- forms
    "form": "форма",
    "Save": "Сохранить",
    "Cancel": "Отмена",
    "Your values are kept; saving now replaces the other user's change.": (
        "Ваши значения сохранены в форме; сохранение заменит изменения другого пользователя."
    ),
    "The client's fields. Only the head of sales may give a client to another manager. "
    "Ctrl+S saves; a field that is refused shows why right under it.": (
        "Поля клиента. Передать клиента другому менеджеру может только руководитель отдела "
        "продаж. Ctrl+S сохраняет; если поле не принято, причина видна прямо под ним."
    ),
    "New client": "Новый клиент",
    "Edit client": "Изменить клиента",
    "Name": "Название",
    "Type": "Тип",
    "Segment": "Сегмент",
    "Industry": "Отрасль",
    "Priority": "Приоритет",
    "Owner": "Ответственный",
    "Legal address": "Юридический адрес",
    "Delivery address": "Адрес доставки",
    "Notes": "Примечания",
    "A legal entity of the client on which contracts and invoices are made. INN, KPP, OGRN, "
    "BIK and accounts are checked as you leave each field. Ctrl+S saves.": (
        "Юридическое лицо клиента, на которое оформляются договоры и счета. ИНН, КПП, ОГРН, "
        "БИК и счета проверяются при выходе из каждого поля. Ctrl+S сохраняет."
    ),
    "New counterparty": "Новый контрагент",
    "Edit counterparty": "Изменить контрагента",
    "other": "другое",
    "Legal form": "Организационно-правовая форма",
    "INN": "ИНН",
    "KPP": "КПП",
    "OGRN": "ОГРН",
    "OGRN / OGRNIP": "ОГРН / ОГРНИП",
    "Bank": "Банк",
    "BIK": "БИК",
    "Settlement account": "Расчётный счёт",
    "Correspondent account": "Корреспондентский счёт",
    "10 or 12 digits": "10 или 12 цифр",
    "9 characters; none for a sole trader": "9 знаков; у ИП не бывает",
    "13 or 15 digits": "13 или 15 цифр",
    "9 digits": "9 цифр",
    "20 digits": "20 цифр",
    "A person who acts for a client. Put several phones or e-mails in one box separated by "
    "commas; phones may be typed in any format. Ctrl+S saves.": (
        "Человек, который действует от имени клиента. Несколько телефонов или адресов "
        "e-mail пишите в одном поле через запятую; телефон можно вводить в любом формате. "
        "Ctrl+S сохраняет."
    ),
    "New contact": "Новый контакт",
    "Edit contact": "Изменить контакт",
    "Full name": "ФИО",
    "Position": "Должность",
    "Phones": "Телефоны",
    "E-mails": "E-mail",
    "Relationship": "Отношения",
    "Preferred channel": "Предпочтительный канал",
    "Address": "Адрес",
    "Interests and needs": "Интересы и потребности",
    "Personal notes": "Личные заметки",
    "+7 916 123-45-67, …": "+7 916 123-45-67, …",
    "name@example.ru, …": "name@example.ru, …",
    # -- the contact picker
    "Find the person by name, phone or e-mail; down moves into the matches and enter picks "
    "one. Then give their position at this client (or leave it empty to keep the one on "
    "their card) and press ctrl+s.": (
        "Найдите человека по ФИО, телефону или e-mail; стрелка вниз переходит к найденным, "
        "Enter выбирает. Затем укажите должность у этого клиента (или оставьте пустой, "
        "чтобы взять должность из карточки) и нажмите Ctrl+S."
    ),
    "Link the contact": "Привязать контакт",
    "Go to the matches": "К найденным",
    "Chosen: {name}": "Выбран: {name}",
    "Choose a contact first.": "Сначала выберите контакт.",
    "Nobody chosen yet.": "Пока никто не выбран.",
    "Link a contact to {client}": "Привязать контакт к клиенту {client}",
    "Name, phone or e-mail…": "ФИО, телефон или e-mail…",
    "Position at this client": "Должность у этого клиента",
    "Link": "Привязать",
    # -- the client card
    "The client card. The top shows the client's fields and which important ones are still "
    "empty. Keys 1 to 5 switch between the tabs: counterparties, contacts, deals, open tasks "
    "and the timeline. Enter on a row opens or edits it.": (
        "Карточка клиента. Вверху — поля клиента и то, какие из важных ещё не заполнены. "
        "Клавиши 1–5 переключают вкладки: контрагенты, контакты, сделки, открытые задачи и "
        "лента событий. Enter на строке открывает или изменяет её."
    ),
    "Client card": "Карточка клиента",
    "Add counterparty": "Добавить контрагента",
    "Archive or restore counterparty": "В архив / из архива",
    "Link an existing contact": "Привязать существующий контакт",
    "Left the company: end the link": "Уволился: завершить связь",
    "New deal": "Новая сделка",
    "New task": "Новая задача",
    "Log an activity": "Запись в историю",
    "Show counterparties": "Показать контрагентов",
    "Show contacts": "Показать контакты",
    "Show deals": "Показать сделки",
    "Show open tasks": "Показать открытые задачи",
    "Show the timeline": "Показать ленту событий",
    "Counterparties": "Контрагенты",
    "Contacts": "Контакты",
    "Deals": "Сделки",
    "Open tasks": "Открытые задачи",
    "Timeline": "Лента событий",
    "(archived)": "(в архиве)",
    "Restore counterparty": "Вернуть контрагента из архива",
    "Archive counterparty": "Отправить контрагента в архив",
    "Restore {name}?": "Вернуть {name} из архива?",
    "Archive {name}? It stays in the history and can be restored.": (
        "Отправить {name} в архив? Запись останется в истории, её можно вернуть."
    ),
    "{name} left {client}? The link ends today and stays in the history.": (
        "{name} больше не работает в {client}? Связь завершится сегодня и останется в "
        "истории."
    ),
    "{name} has already left.": "{name} уже не работает здесь.",
    "Left the company": "Уволился",
    # -- the contact card and the contact list
    "The contact card. Keys 1 to 4 switch between the clients this person works or worked "
    "for, the deals and roles they have, their open tasks and their timeline. Enter on a "
    "client or a deal opens it.": (
        "Карточка контакта. Клавиши 1–4 переключают вкладки: клиенты, в которых человек "
        "работает или работал, сделки и роли в них, открытые задачи и лента событий. Enter "
        "на клиенте или сделке открывает их."
    ),
    "Contact card": "Карточка контакта",
    "Clients": "Клиенты",
    "Deals and roles": "Сделки и роли",
    "Show clients": "Показать клиентов",
    "Show deals and roles": "Показать сделки и роли",
    "All contacts, by name. Type in the search box to find a person by the start of their "
    "name or e-mail; use / to search phones and everything else.": (
        "Все контакты по алфавиту. В строке поиска найдите человека по началу ФИО или "
        "e-mail; телефоны и всё остальное ищите через /."
    ),
    "Name or e-mail…": "ФИО или e-mail…",
    "Filter the list": "Фильтр списка",
    "Refresh list": "Обновить список",
    "Phone": "Телефон",
    "E-mail": "E-mail",
    # -- how records read
    "low": "низкий",
    "normal": "обычный",
    "high": "высокий",
    "organisation": "организация",
    "sole trader": "ИП",
    "person": "физическое лицо",
    "partner": "партнёр",
    "supplier": "поставщик",
    "e-mail": "письмо",
    "phone": "телефон",
    "messenger": "мессенджер",
    "meeting": "встреча",
    "any": "любой",
    "Call": "Звонок",
    "Meeting": "Встреча",
    "Note": "Заметка",
    "Stage change": "Смена этапа",
    "System": "Система",
    "Proposal": "Коммерческое предложение",
    "Other": "Другое",
    "Title": "Название",
    "Archived": "В архиве",
    "Amount": "Сумма",
    "Discount": "Скидка",
    "Description": "Описание",
    "Expected close": "Ожидаемое закрытие",
    "Stage": "Этап",
    "Counterparty": "Контрагент",
    "Left on": "Ушёл",
    # -- card tables, timeline, tasks, completeness
    "The timeline: calls, meetings, e-mails, notes and stage changes, newest first, with who "
    "logged them. Older entries load as you scroll down.": (
        "Лента событий: звонки, встречи, письма, заметки и смены этапов, новые сверху, с "
        "автором. Более старые записи подгружаются при прокрутке вниз."
    ),
    "When": "Когда",
    "What": "Что",
    "Who": "Кто",
    "Text": "Текст",
    "Open tasks linked to this card, the soonest due first.": (
        "Открытые задачи по этой карточке, ближайшие по сроку сверху."
    ),
    "Due": "Срок",
    "Task": "Задача",
    "Assignee": "Исполнитель",
    "About": "Относится к",
    "The client's legal entities (counterparties) with INN, KPP, OGRN and bank details. "
    "Enter edits the highlighted one.": (
        "Юридические лица клиента (контрагенты) с ИНН, КПП, ОГРН и банковскими реквизитами. "
        "Enter изменяет выделенное."
    ),
    "Every client this person works or worked for. Enter opens the client's card.": (
        "Все клиенты, в которых человек работает или работал. Enter открывает карточку "
        "клиента."
    ),
    "The deals, contracts and tickets this person takes part in, with the roles they play "
    "in each. Enter opens the record.": (
        "Сделки, договоры и обращения, в которых участвует человек, с его ролями в каждой. "
        "Enter открывает запись."
    ),
    "Form": "Форма",
    "Status": "Статус",
    "Since": "С",
    "Left": "Ушёл",
    "Also works for": "Работает также в",
    "Deal": "Сделка",
    "Outcome": "Результат",
    "won": "выиграна",
    "lost": "проиграна",
    "Contract": "Договор",
    "Ticket": "Обращение",
    "Record": "Запись",
    "Client": "Клиент",
    "Roles": "Роли",
    "Primary": "Основной",
    "yes": "да",
    "archived": "в архиве",
    "Card complete: every important field is filled in.": (
        "Карточка заполнена: все важные поля на месте."
    ),
    "Missing on this card: {fields}": "Не заполнено: {fields}",
}
