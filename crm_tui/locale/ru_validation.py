"""Russian messages of the validation layer (crm_tui/validation)."""

MESSAGES: dict[str, str] = {
    # Labels named inside messages; every one is masculine in Russian, which the shared
    # "{label} {value}: должен ..." templates below rely on.
    "INN": "ИНН",
    "KPP": "КПП",
    "OGRN": "ОГРН",
    "OGRNIP": "ОГРНИП",
    "BIK": "БИК",
    "Account": "Счёт",
    "Settlement account": "Расчётный счёт",
    "Correspondent account": "Корреспондентский счёт",
    "Phone": "Телефон",
    "E-mail": "E-mail",
    "Legal form": "Организационно-правовая форма",
    # Shared
    "{label}: enter a value": "{label}: заполните поле",
    "Fill in this field": "Заполните это поле",
    "Invalid value": "Недопустимое значение",
    "Too long: {length} characters, at most {max_length}": (
        "Слишком длинно: {length} зн., допустимо не больше {max_length}"
    ),
    # Numeric requisites
    "{label} {value}: must contain only digits": "{label} {value}: допустимы только цифры",
    "{label} {value}: must be {length} digits": "{label} {value}: должен состоять из {length} цифр",
    "{label} {value}: check digit does not match": "{label} {value}: не сходится контрольная цифра",
    "INN {value}: must be 10 digits for an organisation or 12 for a person": (
        "ИНН {value}: должен состоять из 10 цифр у организации или из 12 у физлица и ИП"
    ),
    "INN {value}: region code 00 does not exist": "ИНН {value}: кода региона 00 не существует",
    "KPP {value}: must be 9 characters": "КПП {value}: должен состоять из 9 символов",
    "KPP {value}: must be 4 digits, then 2 digits or capital Latin letters, then 3 digits": (
        "КПП {value}: нужны 4 цифры, затем 2 цифры или заглавные латинские буквы, затем 3 цифры"
    ),
    "OGRN {value}: must start with 1 or 5": "ОГРН {value}: должен начинаться с 1 или 5",
    "OGRNIP {value}: must start with 3": "ОГРНИП {value}: должен начинаться с 3",
    "OGRN {value}: must be 13 digits (OGRN) or 15 digits (OGRNIP)": (
        "ОГРН {value}: должен состоять из 13 цифр (ОГРН) или 15 цифр (ОГРНИП)"
    ),
    # Bank accounts
    "{label} {value}: control key does not match BIK {bik}": (
        "{label} {value}: контрольный ключ не сходится с БИК {bik}"
    ),
    "Correspondent account {value}: must start with 301 (a bank) or 40102 (a treasury office)": (
        "Корреспондентский счёт {value}: должен начинаться с 301 (банк) "
        "или 40102 (казначейство)"
    ),
    "Correspondent account {value}: must end with {ending}, as BIK {bik} does": (
        "Корреспондентский счёт {value}: должен оканчиваться на {ending}, как БИК {bik}"
    ),
    # Requisites and legal form
    "INN {value}: a sole trader has a 12-digit INN": "ИНН {value}: у ИП ИНН из 12 цифр",
    "INN {value}: an organisation has a 10-digit INN": "ИНН {value}: у организации ИНН из 10 цифр",
    "KPP {value}: a sole trader has no KPP": "КПП {value}: у ИП нет КПП",
    "OGRN {value}: a sole trader has a 15-digit OGRNIP, not an OGRN": (
        "ОГРН {value}: у ИП 15-значный ОГРНИП, а не ОГРН"
    ),
    "OGRN {value}: an organisation has a 13-digit OGRN, not an OGRNIP": (
        "ОГРН {value}: у организации 13-значный ОГРН, а не ОГРНИП"
    ),
    # Phones
    "Phone {value}: not a phone number; use digits, spaces, brackets and dashes": (
        "Телефон {value}: это не номер телефона; допустимы цифры, пробелы, скобки и дефисы"
    ),
    "Phone {value}: unknown country code; start an international number with +": (
        "Телефон {value}: неизвестный код страны; международный номер начинается с +"
    ),
    "Phone {value}: too few digits": "Телефон {value}: слишком мало цифр",
    "Phone {value}: too many digits": "Телефон {value}: слишком много цифр",
    "Phone {value}: wrong number of digits for +{country_code}": (
        "Телефон {value}: неверное число цифр для +{country_code}"
    ),
    "Phone {value}: the numbering plan of +{country_code} has no such number": (
        "Телефон {value}: в плане нумерации +{country_code} такого номера нет"
    ),
    "Phone {value}: an extension cannot be stored; put it in a note": (
        "Телефон {value}: добавочный номер не сохраняется, укажите его в примечании"
    ),
    # E-mail
    "E-mail {value}: an address needs one @ sign": "E-mail {value}: в адресе должен быть знак @",
    "E-mail {value}: an address has only one @ sign": (
        "E-mail {value}: в адресе может быть только один знак @"
    ),
    "E-mail {value}: nothing before the @ sign": "E-mail {value}: перед знаком @ ничего нет",
    "E-mail {value}: nothing after the @ sign": "E-mail {value}: после знака @ ничего нет",
    "E-mail {value}: the domain after @ needs a period, as in mail.ru": (
        "E-mail {value}: в домене после @ нужна точка, как в mail.ru"
    ),
    "E-mail {value}: an address cannot contain spaces": (
        "E-mail {value}: в адресе не может быть пробелов"
    ),
    "E-mail {value}: a period cannot start or end a part or follow another period": (
        "E-mail {value}: точка не может стоять в начале или в конце части адреса "
        "или идти две подряд"
    ),
    "E-mail {value}: the domain is reserved and receives no mail": (
        "E-mail {value}: домен зарезервирован, почту он не принимает"
    ),
    "E-mail {value}: enter the address alone, without a name or angle brackets": (
        "E-mail {value}: введите только адрес, без имени и угловых скобок"
    ),
    "E-mail {value}: the address is too long": "E-mail {value}: слишком длинный адрес",
    "E-mail {value}: contains characters an address cannot have": (
        "E-mail {value}: в адресе недопустимые символы"
    ),
    "E-mail {value}: not a valid address": "E-mail {value}: неправильный адрес",
    # Pydantic's own refusals, as forms show them
    "Enter text": "Введите текст",
    "Enter a whole number": "Введите целое число",
    "Enter a number": "Введите число",
    "Choose yes or no": "Выберите «да» или «нет»",
    "Enter a date": "Введите дату",
    "Enter a date and time": "Введите дату и время",
    "Choose one of the offered values": "Выберите одно из предложенных значений",
    "At least {min_length} characters": "Не меньше {min_length} зн.",
    "At most {max_length} characters": "Не больше {max_length} зн.",
    "Must be greater than {gt}": "Должно быть больше {gt}",
    "Must be at least {ge}": "Должно быть не меньше {ge}",
    "Must be less than {lt}": "Должно быть меньше {lt}",
    "Must be at most {le}": "Должно быть не больше {le}",
}
