"""Pools of Russian names, company names, cities and streets, combined by index.

The scale seed needs a million plausible names in seconds, so nothing here calls Faker per
row: the pools are fixed lists (surnames and street names come from Faker's ru_RU data,
the rest is curated for what a B2B sales team meets), and a name is a few random indices.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from faker.providers.address.ru_RU import Provider as _Address
from faker.providers.person.ru_RU import Provider as _Person

MALE_FIRST = (
    "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим", "Валерий", "Василий",
    "Виктор", "Виталий", "Владимир", "Владислав", "Вячеслав", "Геннадий", "Георгий", "Григорий",
    "Дмитрий", "Евгений", "Егор", "Иван", "Игорь", "Илья", "Кирилл", "Константин", "Леонид",
    "Максим", "Михаил", "Никита", "Николай", "Олег", "Павел", "Пётр", "Роман", "Руслан",
    "Сергей", "Станислав", "Степан", "Тимур", "Фёдор", "Юрий", "Ярослав",
)  # fmt: skip
FEMALE_FIRST = (
    "Александра", "Алина", "Алла", "Анастасия", "Анна", "Валентина", "Валерия", "Вера",
    "Виктория", "Галина", "Дарья", "Евгения", "Екатерина", "Елена", "Елизавета", "Жанна", "Инна",
    "Ирина", "Карина", "Кристина", "Ксения", "Лариса", "Лидия", "Любовь", "Людмила", "Маргарита",
    "Марина", "Мария", "Надежда", "Наталья", "Нина", "Оксана", "Ольга", "Полина", "Светлана",
    "Софья", "Татьяна", "Юлия", "Яна",
)  # fmt: skip
PATRONYMICS = (
    ("Александрович", "Александровна"), ("Алексеевич", "Алексеевна"), ("Андреевич", "Андреевна"),
    ("Борисович", "Борисовна"), ("Васильевич", "Васильевна"), ("Викторович", "Викторовна"),
    ("Владимирович", "Владимировна"), ("Геннадьевич", "Геннадьевна"), ("Дмитриевич", "Дмитриевна"),
    ("Евгеньевич", "Евгеньевна"), ("Иванович", "Ивановна"), ("Игоревич", "Игоревна"),
    ("Константинович", "Константиновна"), ("Михайлович", "Михайловна"),
    ("Николаевич", "Николаевна"),
    ("Олегович", "Олеговна"), ("Павлович", "Павловна"), ("Петрович", "Петровна"),
    ("Романович", "Романовна"), ("Сергеевич", "Сергеевна"), ("Юрьевич", "Юрьевна"),
    ("Анатольевич", "Анатольевна"), ("Валерьевич", "Валерьевна"), ("Григорьевич", "Григорьевна"),
)  # fmt: skip
SURNAMES: tuple[tuple[str, str], ...] = tuple(
    zip(_Person.last_names_male, _Person.last_names_female, strict=True)
)
"""(masculine, feminine) forms of common Russian surnames, from Faker's ru_RU data."""

STREETS: tuple[str, ...] = tuple(_Address.street_titles)


class City(NamedTuple):
    name: str
    region: int
    """The region code that starts the INNs and OGRNs registered there."""
    postcode: int
    """The first postcode of the city; offices get postcodes above it."""


CITIES = (
    City("Москва", 77, 101000), City("Санкт-Петербург", 78, 190000),
    City("Новосибирск", 54, 630000), City("Екатеринбург", 66, 620000), City("Казань", 16, 420000),
    City("Нижний Новгород", 52, 603000), City("Челябинск", 74, 454000), City("Самара", 63, 443000),
    City("Омск", 55, 644000), City("Ростов-на-Дону", 61, 344000), City("Уфа", 2, 450000),
    City("Красноярск", 24, 660000), City("Воронеж", 36, 394000), City("Пермь", 59, 614000),
    City("Волгоград", 34, 400000), City("Тюмень", 72, 625000), City("Краснодар", 23, 350000),
)  # fmt: skip
CITY_WEIGHTS = (30, 14, 5, 5, 5, 4, 3, 3, 2, 4, 2, 3, 2, 2, 2, 2, 4)
"""Most clients of a Russian B2B company sit in Moscow and St Petersburg."""

ROOTS = (
    "Техно", "Агро", "Сиб", "Урал", "Пром", "Энерго", "Транс", "Мега", "Нефте", "Волга",
    "Нева", "Север", "Юг", "Евро", "Росс", "Мет", "Электро", "Гео", "Гидро", "Авто",
)  # fmt: skip
ENDINGS = (
    "снаб", "строй", "торг", "пром", "сервис", "маш", "лес", "опт", "трейд", "логистик",
    "групп", "тех", "комплект", "мет", "хим", "фарм", "продукт", "инвест", "ресурс", "систем",
)  # fmt: skip
WORDS = (
    "Вектор", "Альфа", "Гранд", "Орион", "Зенит", "Сфера", "Лидер", "Гарант", "Профи", "Кредо",
    "Импульс", "Меридиан", "Атлант", "Горизонт", "Спектр", "Оптима", "Фаворит", "Магистраль",
)  # fmt: skip
WORD_ENDINGS = (
    "Сервис", "Трейд", "Групп", "Снаб", "Строй", "Торг", "Логистик", "Комплект", "Инвест",
    "Пром", "Маркет", "Дистрибуция", "Инжиниринг", "Плюс",
)  # fmt: skip

_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_TRANSLIT = str.maketrans({**_LATIN, **{k.upper(): v for k, v in _LATIN.items()}})


def latin(text: str) -> str:
    """Lower-case ASCII spelling of a Russian word, for logins, e-mails and domains."""
    return "".join(ch for ch in text.translate(_TRANSLIT).lower() if ch.isascii() and ch.isalnum())


class PersonName(NamedTuple):
    last: str
    first: str
    middle: str
    female: bool

    @property
    def full(self) -> str:
        return f"{self.last} {self.first} {self.middle}"

    @property
    def short(self) -> str:
        """"Иванов А. С.", as a sole trader's name is written."""
        return f"{self.last} {self.first[0]}. {self.middle[0]}."


def person_name(rng: random.Random) -> PersonName:
    female = rng.random() < 0.45
    surname = rng.choice(SURNAMES)[1 if female else 0]
    first = rng.choice(FEMALE_FIRST if female else MALE_FIRST)
    middle = rng.choice(PATRONYMICS)[1 if female else 0]
    return PersonName(surname, first, middle, female)


def company_name(rng: random.Random) -> str:
    """A brand like "Уралснаб" or "Вектор-Трейд"."""
    if rng.random() < 0.6:
        return rng.choice(ROOTS) + rng.choice(ENDINGS)
    return f"{rng.choice(WORDS)}-{rng.choice(WORD_ENDINGS)}"


def pick_city(rng: random.Random) -> City:
    return rng.choices(CITIES, weights=CITY_WEIGHTS)[0]


def street_address(rng: random.Random, city: City) -> str:
    """A postal address as Russian forms write it: postcode first."""
    postcode = city.postcode + rng.randrange(1, 200)
    street = rng.choice(STREETS)
    house = rng.randrange(1, 120)
    office = f", офис {rng.randrange(1, 900)}" if rng.random() < 0.7 else ""
    return f"{postcode}, г. {city.name}, ул. {street}, д. {house}{office}"
