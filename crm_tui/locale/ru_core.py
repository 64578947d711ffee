"""Russian for the command line, the app shell, the client list and the store's messages."""

MESSAGES: dict[str, str] = {
    # command line
    "Wrote the default configuration to {path}": "Настройки по умолчанию записаны в {path}",
    "{path} exists already; not overwriting it.": "{path} уже существует; не перезаписываю.",
    "The database is up to date.": "База данных в актуальном состоянии.",
    "Added {login} as {role}.": "Пользователь {login} добавлен с ролью {role}.",
    "Backup written to {path}": "Резервная копия записана в {path}",
    "The database is newer than this program; install a newer crm-tui.":
        "База данных новее этой программы; установите более новую версию crm-tui.",
    "The database is not a crm-tui database; refusing to touch it.":
        "Это не база данных crm-tui; изменять её не буду.",
    "Database error: {detail}": "Ошибка базы данных: {detail}",
    "A keyboard-driven terminal CRM for B2B sales teams.":
        "Терминальная CRM для B2B-продаж, управляемая с клавиатуры.",
    "SQLAlchemy database URL, e.g. sqlite:////path/crm.db or postgresql+psycopg://user@host/crm "
    "(default: a SQLite file in the user data directory, or database_url from the config)":
        "адрес базы данных SQLAlchemy, например sqlite:////path/crm.db или "
        "postgresql+psycopg://user@host/crm (по умолчанию: файл SQLite в каталоге данных "
        "пользователя или database_url из настроек)",
    "TOML configuration file (default: $CRM_TUI_CONFIG or the user config directory)":
        "файл настроек TOML (по умолчанию: $CRM_TUI_CONFIG или каталог настроек пользователя)",
    "interface language": "язык интерфейса",
    "start the app (the default)": "запустить приложение (по умолчанию)",
    "upgrade the database schema (backs it up first)":
        "обновить схему базы данных (сначала делается резервная копия)",
    "skip the backup": "не делать резервную копию",
    "copy the database to a backup file": "скопировать базу данных в резервный файл",
    "where to write the backup": "куда записать резервную копию",
    "fill the database with demo or scale data":
        "заполнить базу демонстрационными или нагрузочными данными",
    "a realistic demo dataset": "реалистичный демонстрационный набор данных",
    "N contacts with proportional data": "N контактов и пропорциональные им данные",
    "random seed": "начальное значение генератора случайных чисел",
    "manage CRM users": "пользователи CRM",
    "add a user for an OS login": "добавить пользователя для логина ОС",
    "display name": "отображаемое имя",
    "list users": "список пользователей",
    "configuration file": "файл настроек",
    "write the default configuration file": "записать файл настроек по умолчанию",
    "print the configuration file's path": "показать путь к файлу настроек",
    "There is no database file at {path}.": "Файла базы данных {path} нет.",
    "pg_dump is not installed; install the PostgreSQL client.":
        "pg_dump не установлен; установите клиент PostgreSQL.",
    # app shell
    "Clients": "Клиенты",
    "go": "переход",
    "app": "приложение",
    "Help: keys of this screen": "Справка: клавиши этого экрана",
    "Quit": "Выход",
    "Unknown theme {name}; using {default}.": "Неизвестная тема {name}; используется {default}.",
    "app: Change theme": "приложение: Сменить тему",
    "Choose a colour theme": "Выбрать цветовую тему",
    "Back": "Назад",
    "Close": "Закрыть",
    "Not saved": "Не сохранено",
    "Key": "Клавиша",
    "Action": "Действие",
    "Part": "Элемент",
    "Help": "Справка",
    "Keys on this screen": "Клавиши этого экрана",
    "Command palette: every action by name": "Палитра команд: любое действие по названию",
    "palette": "палитра",
    "Back / close": "Назад / закрыть",
    "What is on this screen": "Что есть на этом экране",
    "This screen": "Этот экран",
    "There is no card for this kind of record.": "Для записей такого вида карточки нет.",
    "Records of this kind cannot be created here.": "Записи такого вида здесь не создаются.",
    "A list paged from the database. Arrows and Page Up/Down move; more rows load as you "
    "reach the end. Enter opens the highlighted record.":
        "Список, который читается из базы порциями. Стрелки и Page Up/Down перемещают курсор; "
        "новые строки подгружаются у конца списка. Enter открывает выделенную запись.",
    "Could not load the list": "Не удалось загрузить список",
    "Overdue: {count}": "Просрочено: {count}",
    "Today: {count}": "Сегодня: {count}",
    "read-only guest": "гость (только чтение)",
    "read-only": "только чтение",
    # client list
    "low": "низкий",
    "normal": "обычный",
    "high": "высокий",
    "organisation": "организация",
    "sole trader": "ИП",
    "person": "физическое лицо",
    "The client list. Managers see their own clients first (the Owner filter); the head of "
    "sales sees everyone. Type in the search box to find a client by name or by the INN of "
    "any of its legal entities.":
        "Список клиентов. Менеджер по умолчанию видит своих клиентов (фильтр «Ответственный»); "
        "руководитель продаж видит всех. В строке поиска можно искать клиента по названию или "
        "по ИНН любого из его юрлиц.",
    "client": "клиент",
    "Filter the list": "Фильтр списка",
    "Open card": "Открыть карточку",
    "New client": "Новый клиент",
    "Refresh list": "Обновить список",
    "{count} client|{count} clients": "{count} клиент|{count} клиента|{count} клиентов",
    "Name or INN…": "Название или ИНН…",
    "Owner": "Ответственный",
    "Segment": "Сегмент",
    "Priority": "Приоритет",
    "Name": "Название",
    "Type": "Тип",
    "Industry": "Отрасль",
    "Open deals": "Открытые сделки",
    # store
    "record": "запись",
    "user": "пользователь",
    "counterparty": "контрагент",
    "contact": "контакт",
    "contact link": "связь с контактом",
    "deal": "сделка",
    "contract": "договор",
    "ticket": "обращение",
    "participant": "участник",
    "task": "задача",
    "activity": "событие",
    "lead": "лид",
    "approval": "согласование",
    "An activity must belong to a client, contact or deal.":
        "Событие должно относиться к клиенту, контакту или сделке.",
    "No CRM user is signed in.": "Пользователь CRM не определён.",
    "Only the head of sales or an admin may {what}.":
        "Только руководитель продаж или администратор может {what}.",
    "Only an admin may {what}.": "Только администратор может {what}.",
    "You have read-only access to this CRM.": "У вас доступ к этой CRM только на чтение.",
    "The change breaks a data rule: {detail}": "Изменение нарушает правило данных: {detail}",
    "give a client to another manager": "передать клиента другому менеджеру",
    "{name} already works for {client}.": "{name} уже работает в компании {client}.",
    "This link has already ended.": "Эта связь уже завершена.",
    "The end date is before the start date {start}.":
        "Дата окончания раньше даты начала {start}.",
    "{from_stage} → {to_stage}": "{from_stage} → {to_stage}",
    "Unknown pipeline {code}.": "Неизвестная воронка {code}.",
    "give a deal to another manager": "передать сделку другому менеджеру",
    "The counterparty must be a legal entity of this client.":
        "Контрагент должен быть юрлицом этого клиента.",
    "Unknown stage {code}.": "Неизвестный этап {code}.",
    "{kind} #{id} no longer exists": "{kind} №{id} больше не существует",
    "another user": "другой пользователь",
    "the record": "запись",
    "{who} changed {what} of this {kind} at {when} after you opened it":
        "{who} изменил(а) {what} (объект: {kind}) в {when}, уже после того, как вы его открыли",
    "Unknown contact role: {codes}.": "Неизвестная роль контакта: {codes}.",
    "This contact already takes part.": "Этот контакт уже участвует.",
    "The database {url} has no tables; run `crm-tui migrate` first.":
        "В базе данных {url} нет таблиц; сначала выполните `crm-tui migrate`.",
    "The database {url} is older than this program; run `crm-tui migrate` (it makes a backup "
    "first).":
        "База данных {url} старее этой программы; выполните `crm-tui migrate` (сначала будет "
        "сделана резервная копия).",
    "The database {url} was upgraded by a newer crm-tui; install that version to use it.":
        "База данных {url} обновлена более новой версией crm-tui; установите её, чтобы работать "
        "с этой базой.",
    "The database {url} is not a crm-tui database.": "База данных {url} — не база crm-tui.",
    "assign tasks to other managers": "назначать задачи другим менеджерам",
    "change another manager's task": "изменять задачу другого менеджера",
    "Say how it went: the outcome is required.": "Укажите результат: он обязателен.",
    "The due time needs a time zone.": "Для срока нужен часовой пояс.",
    "There is no active user to assign to.": "Нет активного пользователя, которому назначить.",
    "This task is already done.": "Эта задача уже выполнена.",
    "Your login {login} is not a user of this CRM. Ask an admin to add you "
    "(`crm-tui user add {login}`).":
        "Ваш логин {login} не зарегистрирован в этой CRM. Попросите администратора добавить вас "
        "(`crm-tui user add {login}`).",
    "change roles": "менять роли",
    "deactivate users": "отключать пользователей",
    "add users": "добавлять пользователей",
    "A login is one word without spaces.": "Логин — одно слово без пробелов.",
    "The login {login} is taken.": "Логин {login} уже занят.",
    "You cannot take the admin role from yourself.":
        "Нельзя снять роль администратора с самого себя.",
    "The CRM user {login} is deactivated; ask an admin.":
        "Пользователь CRM {login} отключён; обратитесь к администратору.",
    # escalation
    "Review the lost deal (escalated: {reason})":
        "Разобрать проигранную сделку (эскалация: {reason})",
    "Escalated to {name}: lost for {reason}": "Передано {name}: проиграно, причина — {reason}",
    "Your lost deal {title} was escalated to {name}":
        "Ваша проигранная сделка «{title}» передана {name}",
    # demo offer
    "This database is empty. Load the demo data (Russian B2B clients, contacts, deals in every "
    "stage, tasks) to try the CRM? You can also start from scratch.":
        "База данных пуста. Загрузить демонстрационные данные (клиенты, контакты, сделки на "
        "всех этапах, задачи), чтобы попробовать CRM? Можно и начать с чистого листа.",
    "Load demo data?": "Загрузить демо-данные?",
    "Loading the demo data…": "Загружаю демо-данные…",
    "The demo data could not be loaded: {error}": "Не удалось загрузить демо-данные: {error}",
    "Demo data loaded.": "Демо-данные загружены.",
    "Manager": "Менеджер",
    "Head of sales": "Руководитель продаж",
    "Admin": "Администратор",
}
