"""Russian for the settings: validation and file messages."""

MESSAGES: dict[str, str] = {
    # crm_tui/settings/model.py
    "leave it out to use the default database, or give a URL": (
        "уберите параметр, чтобы использовать базу по умолчанию, или укажите URL"
    ),
    "unknown phone region {value}; use a two-letter country code such as RU": (
        "неизвестный регион телефонов {value}; укажите двухбуквенный код страны, например RU"
    ),
    "unknown time zone {value}; use a name such as Europe/Moscow": (
        "неизвестный часовой пояс {value}; укажите название, например Europe/Moscow"
    ),
    "unknown currency {value}; use a three-letter code such as RUB": (
        "неизвестная валюта {value}; укажите трёхбуквенный код, например RUB"
    ),
    "role code {code} is used twice": "код роли {code} встречается дважды",
    # crm_tui/settings/errors.py
    "this setting is required": "этот параметр обязателен",
    "unknown setting; check the spelling": "неизвестный параметр; проверьте написание",
    "must be text in quotes": "должно быть текстом в кавычках",
    "must be a whole number": "должно быть целым числом",
    "must be a number": "должно быть числом",
    "must be true or false": "должно быть true или false",
    "must be a list": "должно быть списком",
    "must be a table": "должно быть таблицей",
    "must be one of {expected}": "допустимые значения: {expected}",
    "unknown value {tag}; use one of {expected}": (
        "неизвестное значение {tag}; допустимые значения: {expected}"
    ),
    "must be greater than {limit}": "должно быть больше {limit}",
    "must be at least {limit}": "должно быть не меньше {limit}",
    "must be less than {limit}": "должно быть меньше {limit}",
    "must be at most {limit}": "должно быть не больше {limit}",
    "must not be empty": "не может быть пустым",
    "must be at most {limit} characters long": "должно быть не длиннее {limit} символов",
    "must use only small Latin letters, digits and _, starting with a letter": (
        "допустимы только строчные латинские буквы, цифры и _, первой должна быть буква"
    ),
    "does not match the pattern {pattern}": "не соответствует шаблону {pattern}",
    "needs at least {limit} entries": "нужно не меньше {limit} элементов",
    "allows at most {limit} entries": "допускается не больше {limit} элементов",
    # crm_tui/settings/files.py
    "the settings file does not exist": "файл настроек не существует",
    "the settings file is not UTF-8 text": "файл настроек — не текст в кодировке UTF-8",
    "cannot read the settings file: {reason}": "не удаётся прочитать файл настроек: {reason}",
    "not valid TOML: {detail}": "ошибка синтаксиса TOML: {detail}",
    "line {line}, column {column}: not valid TOML: {detail}": (
        "строка {line}, столбец {column}: ошибка синтаксиса TOML: {detail}"
    ),
    "the settings file already exists": "файл настроек уже существует",
    "crm-tui settings. Delete a key to go back to its default.": (
        "Настройки crm-tui. Удалите параметр, чтобы вернуть значение по умолчанию."
    ),
}
