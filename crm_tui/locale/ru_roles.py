"""Russian messages of contact roles: the role panel, the catalogue, the role reports and
audit, and contracts and tickets."""

MESSAGES: dict[str, str] = {
    # The role panel
    "The people taking part in this record and the roles they play in it. A role belongs "
    "to this record only: the same person may decide one deal and be absent from another. "
    "Exactly one participant is the primary contact (★). A warning marks people who no "
    "longer work for the client.":
        "Участники записи и их роли в ней. Роль относится только к этой записи: один и тот "
        "же человек может принимать решение в одной сделке и не участвовать в другой. Ровно "
        "один участник — основной контакт (★). Предупреждение отмечает тех, кто больше не "
        "работает у клиента.",
    "roles": "роли",
    "Add person": "Добавить участника",
    "Roles": "Роли",
    "Make primary": "Сделать основным",
    "Drop a role": "Снять роль",
    "Remove person": "Убрать участника",
    "Open the contact's card": "Открыть карточку контакта",
    "Primary": "Основной",
    "Position": "Должность",
    "Roles in this record": "Роли в этой записи",
    "The primary flag passes to the next participant.":
        "Отметка «основной контакт» перейдёт к следующему участнику.",
    "Nobody takes part yet. Press a to add a contact.":
        "Участников пока нет. Нажмите a, чтобы добавить контакт.",
    "{kind} «{title}»: who takes part": "{kind} «{title}»: участники",
    "Key roles nobody holds yet: {roles}": "Ключевые роли, которые пока никому не назначены: {roles}",
    "Who takes part in «{title}»?": "Кто участвует в «{title}»?",
    "(becomes the primary contact)": "(станет основным контактом)",
    "Roles of {name} in «{title}»": "Роли: {name} в «{title}»",
    "{name} is the primary contact already.": "{name} уже основной контакт.",
    "{name} has no role here.": "У {name} здесь нет ролей.",
    "Which role does {name} no longer play?": "Какую роль {name} больше не выполняет?",
    "Remove {name} from «{title}»?": "Убрать {name} из «{title}»?",
    "Every key role is taken.": "Все ключевые роли назначены.",
    "left the client": "ушёл от клиента",
    "does not work for the client": "не работает у клиента",
    "Remove, with the roles in this record": "Убрать вместе с ролями в этой записи",
    "Keep": "Оставить",
    "Deal": "Сделка",
    "Contract": "Договор",
    "Ticket": "Обращение",
    "{role} (inactive)": "{role} (неактивна)",
    # The dialogs and the contact picker
    "Choose who takes part. The list starts with the client's current people; Ctrl+T "
    "searches all contacts, Ctrl+N creates a new contact of this client.":
        "Выберите участника. Сначала показаны нынешние сотрудники клиента; Ctrl+T — поиск "
        "по всем контактам, Ctrl+N — новый контакт этого клиента.",
    "Space ticks or unticks the highlighted role, Enter saves the ticked ones. Key roles "
    "are marked ★; a deactivated role can only be unticked.":
        "Пробел отмечает роль или снимает отметку, Enter сохраняет отмеченные. Ключевые роли "
        "отмечены ★; неактивную роль можно только снять.",
    "Up and Down choose an answer, Enter gives it, Escape cancels.":
        "Стрелки вверх и вниз выбирают ответ, Enter подтверждает, Escape — отмена.",
    "This client / all contacts": "Этот клиент / все контакты",
    "New contact": "Новый контакт",
    "Tick / untick": "Отметить / снять",
    "Save the roles": "Сохранить роли",
    "Enter picks · Escape cancels": "Enter — выбрать · Escape — отмена",
    "Space ticks · Enter saves · Escape cancels":
        "Пробел — отметить · Enter — сохранить · Escape — отмена",
    "(inactive, untick to remove)": "(неактивна, снимите отметку, чтобы убрать)",
    "Type part of a name to narrow the list; Up and Down move, Enter picks. The list shows "
    "the client's current people; Ctrl+T switches to all contacts and back.":
        "Введите часть имени, чтобы сузить список; стрелки двигают, Enter выбирает. В "
        "списке — нынешние сотрудники клиента; Ctrl+T переключает на все контакты и обратно.",
    "Contact picker": "Выбор контакта",
    "People of {client} now · Ctrl+T: all contacts":
        "Сотрудники: {client} · Ctrl+T — все контакты",
    "All contacts · Ctrl+T: only people of {client}":
        "Все контакты · Ctrl+T — только сотрудники: {client}",
    "Name…": "Имя…",
    "Nobody found. Ctrl+T: search all contacts · Ctrl+N: new contact":
        "Никого не нашлось. Ctrl+T — искать среди всех контактов · Ctrl+N — новый контакт",
    "Nobody found. Ctrl+N: new contact": "Никого не нашлось. Ctrl+N — новый контакт",
    # The role catalogue
    "The code is the role's permanent key (Latin letters, digits and _); the names are "
    "what people see. A key role is one every deal should have: the board and the report "
    "of deals missing key roles look for it.":
        "Код — постоянный ключ роли (латинские буквы, цифры и _); названия видят "
        "пользователи. Ключевая роль должна быть в каждой сделке: её ищут доска сделок и "
        "отчёт о сделках без ключевых ролей.",
    "role": "роль",
    "Rename the role": "Переименовать роль",
    "New contact role": "Новая роль контакта",
    "Code": "Код",
    "Name (English)": "Название (англ.)",
    "Name (Russian)": "Название (рус.)",
    "Key role: every deal should have it": "Ключевая роль: нужна в каждой сделке",
    "Ctrl+S saves · Escape cancels": "Ctrl+S — сохранить · Escape — отмена",
    "The catalogue has this code already.": "Такой код в справочнике уже есть.",
    "The contact roles people can play in deals, contracts and tickets. Key roles (★) are "
    "the ones every deal should have. Changes are saved to the configuration file at once. "
    "Only an admin may change the list.":
        "Роли, которые контакты выполняют в сделках, договорах и обращениях. Ключевые роли "
        "(★) нужны в каждой сделке. Изменения сразу сохраняются в файл настроек. Менять "
        "список может только администратор.",
    "settings": "настройки",
    "New role": "Новая роль",
    "Rename": "Переименовать",
    "Key role on/off": "Ключевая: вкл/выкл",
    "Remove the role": "Удалить роль",
    "Settings": "Настройки",
    "Key role": "Ключевая",
    "In use": "Используется",
    "Only an admin may change the contact roles.":
        "Менять роли контактов может только администратор.",
    "{assignments} in {records} records": "{assignments} в записях: {records}",
    "«{name}» is a key role now.": "«{name}» теперь ключевая роль.",
    "«{name}» is no longer a key role.": "«{name}» больше не ключевая роль.",
    "Contact roles": "Роли контактов",
    "Remove the role «{name}»? Nobody holds it.": "Удалить роль «{name}»? Она ни у кого не назначена.",
    "Remove the role «{name}»?": "Удалить роль «{name}»?",
    "It is in use: {assignments} assignments in {records} records. Say what happens to "
    "them.":
        "Роль используется: назначений — {assignments}, записей — {records}. Решите, что "
        "с ними будет.",
    "Saved in {path}": "Хранится в {path}",
    "The app was started without a configuration file: changes cannot be saved.":
        "Программа запущена без файла настроек: изменения нельзя сохранить.",
    "inactive; kept on {usage}": "неактивна; осталась: {usage}",
    "Contact roles saved": "Роли контактов сохранены",
    "Make the role active again": "Снова сделать роль активной",
    "Role «{name}» added.": "Роль «{name}» добавлена.",
    "Role «{name}» saved.": "Роль «{name}» сохранена.",
    "Role «{name}» is active again.": "Роль «{name}» снова активна.",
    "Role «{name}» removed.": "Роль «{name}» удалена.",
    "Remove": "Удалить",
    "Keep its assignments and deactivate the role: nobody gets it anew":
        "Сохранить назначения и сделать роль неактивной: новым участникам её не назначить",
    "Remove it from every record: {count} assignments go":
        "Снять роль во всех записях: будет удалено назначений — {count}",
    "Role «{name}» deactivated; assignments kept: {count}.":
        "Роль «{name}» неактивна; сохранено назначений: {count}.",
    "Role «{name}» removed with its assignments: {count}.":
        "Роль «{name}» удалена вместе с назначениями: {count}.",
    "change the contact roles": "менять роли контактов",
    "The app was started without a configuration file, so the role catalogue cannot be "
    "saved.":
        "Программа запущена без файла настроек, поэтому справочник ролей нельзя сохранить.",
    # Reports: deals missing key roles
    "Open deals in which nobody holds one of the key contact roles (marked key in "
    "Settings). The table counts them per manager and stage: Enter on a number shows those "
    "deals below. Enter on a deal opens it; r opens its roles.":
        "Открытые сделки, в которых никому не назначена одна из ключевых ролей (отмечаются "
        "в настройках). Таблица считает их по менеджерам и этапам: Enter на числе показывает "
        "эти сделки ниже. Enter на сделке открывает её, r — её роли.",
    "Total": "Итого",
    "report": "отчёт",
    "Open the deal": "Открыть сделку",
    "Roles of the deal": "Роли в сделке",
    "Quarterly role audit": "Квартальный аудит ролей",
    "Choose manager and stage": "Выбрать менеджера и этап",
    "Reports": "Отчёты",
    "Manager": "Менеджер",
    "Deals missing key roles": "Сделки без ключевых ролей",
    "Deals missing key roles: {count}": "Сделок без ключевых ролей: {count}",
    "nobody": "никто",
    "Key roles: {roles}": "Ключевые роли: {roles}",
    "No role is marked key: mark them in Settings (F8).":
        "Ни одна роль не отмечена ключевой: отметьте их в настройках (F8).",
    "All managers": "Все менеджеры",
    "All stages": "Все этапы",
    "Stage": "Этап",
    "Missing key roles": "Нет ключевых ролей",
    "Created": "Создана",
    # The quarterly role audit
    "Left the client": "Ушли от клиента",
    "No activity": "Нет активности",
    "No primary contact": "Нет основного контакта",
    "nobody takes part": "нет участников",
    "nobody is marked primary": "никто не отмечен основным",
    "the primary contact left the client": "основной контакт ушёл от клиента",
    "The quarterly role audit of open deals, contracts and tickets. 1, 2 and 3 switch "
    "between its lists; Enter opens the record's roles to fix the line, o the record, c "
    "the contact.":
        "Квартальный аудит ролей в открытых сделках, договорах и обращениях. 1, 2 и 3 "
        "переключают списки; Enter открывает роли записи, чтобы исправить строку, o — саму "
        "запись, c — контакт.",
    "audit": "аудит",
    "Fix: open the roles": "Исправить: открыть роли",
    "Open the record": "Открыть запись",
    "Open the contact": "Открыть контакт",
    "People who left the client": "Ушедшие от клиента",
    "People in roles without activity": "Участники с ролями без активности",
    "Deals without a primary contact": "Сделки без основного контакта",
    "Choose the manager": "Выбрать менеджера",
    "Role audit": "Аудит ролей",
    "Open deals, contracts and tickets. No activity means none for {days} days.":
        "Открытые сделки, договоры и обращения. «Нет активности» — ничего за {days} дн.",
    "never": "никогда",
    "Record": "Запись",
    "Left on": "Ушёл",
    "Last activity": "Последняя активность",
    "Problem": "Проблема",
    "Contacts who left, stale contacts in roles, deals without a primary contact":
        "Ушедшие контакты, контакты с ролями без активности, сделки без основного контакта",
    # Reminders
    "Assign contact roles: who decides, who pays?":
        "Назначьте роли контактов: кто принимает решение, кто платит?",
    # Contracts and tickets
    "Contracts and tickets of all clients, newest first. Type a number, a subject or the "
    "start of a client's name to filter. 1 and 2 switch between contracts and tickets; "
    "Enter opens the card, n adds a new one.":
        "Договоры и обращения всех клиентов, сначала новые. Для фильтра введите номер, "
        "тему или начало названия клиента. 1 и 2 переключают договоры и обращения; Enter "
        "открывает карточку, n добавляет новую запись.",
    "contracts": "договоры",
    "Contracts": "Договоры",
    "Tickets": "Обращения",
    "Contracts: {count}": "Договоров: {count}",
    "Tickets: {count}": "Обращений: {count}",
    "Number": "Номер",
    "Signed on": "Подписан",
    "Valid until": "Действует до",
    "Subject": "Тема",
    "Opened on": "Открыто",
    "Closed on": "Закрыто",
    "Number, subject or client…": "Номер, тема или клиент…",
    "Any status": "Любой статус",
    "A contract of a client and the people who take part in it, with their roles (who "
    "approves it, who pays). r changes the people and roles.":
        "Договор клиента и его участники с ролями (кто согласует, кто платит). r меняет "
        "участников и роли.",
    "A ticket (a client's request or complaint) and the people involved, with their roles. "
    "r changes the people and roles.":
        "Обращение клиента (запрос или жалоба) и его участники с ролями. r меняет "
        "участников и роли.",
    "Contract «{number}»": "Договор «{number}»",
    "Ticket «{subject}»": "Обращение «{subject}»",
    "Edit": "Изменить",
    "People and roles": "Участники и роли",
    "Open the client": "Открыть клиента",
    "Nobody takes part yet. Press r to add people and their roles.":
        "Участников пока нет. Нажмите r, чтобы добавить участников и их роли.",
    "A contract of a client: its number, the legal entity it is signed on, the deal it "
    "came from, its status and dates (05.03.2026). Ctrl+S saves.":
        "Договор клиента: номер, юрлицо, с которым он заключён, сделка, из которой он "
        "возник, статус и даты (05.03.2026). Ctrl+S — сохранить.",
    "A ticket (a client's request or complaint): its subject, the legal entity, status and "
    "dates (05.03.2026). A new ticket is opened today unless you say otherwise. Ctrl+S "
    "saves.":
        "Обращение клиента (запрос или жалоба): тема, юрлицо, статус и даты (05.03.2026). "
        "Новое обращение открывается сегодняшним днём, если не указано иное. Ctrl+S — "
        "сохранить.",
    "Edit the contract": "Изменить договор",
    "New contract": "Новый договор",
    "Edit the ticket": "Изменить обращение",
    "New ticket": "Новое обращение",
    "Choose the client first.": "Сначала выберите клиента.",
    "No legal entity yet": "Юрлицо не выбрано",
    "No deal": "Без сделки",
    "The participant does not have this role.": "У участника нет этой роли.",
    "Unknown kind of record: {kind}.": "Неизвестный вид записи: {kind}.",
    "The deal must be a deal of this client.": "Сделка должна быть сделкой этого клиента.",
    "A record cannot move to another client.": "Запись нельзя перенести к другому клиенту.",
    "Enter a date as DD.MM.YYYY": "Введите дату в виде ДД.ММ.ГГГГ",
    "This date is before {start}.": "Эта дата раньше {start}.",
    "draft": "черновик",
    "active": "действует",
    "expired": "истёк",
    "terminated": "расторгнут",
    "open": "открыто",
    "in progress": "в работе",
    "closed": "закрыто",
}
