"""Russian for global search: the `/` dialog, its results and the store's search."""

MESSAGES: dict[str, str] = {
    "Search everything": "Искать везде",
    "search": "поиск",
    "Search": "Поиск",
    "Search everything: type part of a name, an INN or OGRN, a phone number in any format, "
    "or an e-mail. Results appear as you type, grouped by kind; down moves into them and "
    "enter opens one. Escape closes the search.": (
        "Поиск по всей CRM: введите часть названия или ФИО, ИНН или ОГРН, телефон в любом "
        "формате или e-mail. Результаты появляются по мере ввода, по видам записей; стрелка "
        "вниз переходит к ним, Enter открывает запись. Escape закрывает поиск."
    ),
    "Go to the results": "К результатам",
    "Back to the search box": "Назад к строке поиска",
    "Searching…": "Ищу…",
    "Type to search.": "Начните вводить запрос.",
    "Enter opens the highlighted record.": "Enter открывает выделенную запись.",
    "Name, INN, OGRN, phone or e-mail…": "Название, ИНН, ОГРН, телефон или e-mail…",
    "Nothing found for “{text}”.": "По запросу «{text}» ничего не найдено.",
    "Search results, grouped by clients, counterparties, contacts and deals. Up and down "
    "move; enter opens the record, or on a \"more\" line loads more of that group.": (
        "Результаты поиска по клиентам, контрагентам, контактам и сделкам. Стрелки "
        "перемещают; Enter открывает запись, а на строке «Ещё…» подгружает эту группу."
    ),
    "Clients": "Клиенты",
    "Counterparties": "Контрагенты",
    "Contacts": "Контакты",
    "Deals": "Сделки",
    "INN": "ИНН",
    "OGRN": "ОГРН",
    "Phone": "Телефон",
    "E-mail": "E-mail",
    "archived": "в архиве",
    "More…": "Ещё…",
    "The search was cancelled.": "Поиск отменён.",
}
