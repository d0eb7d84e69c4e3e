"""Countries offered first in nationality pickers (ISO 3166-1 alpha-2), with names.

Ordered roughly by how many residents of each nationality live in Japan; any other
two-letter code can still be typed.
"""

from __future__ import annotations

COUNTRIES: dict[str, tuple[str, str]] = {
    "CN": ("中国", "China"),
    "VN": ("ベトナム", "Vietnam"),
    "KR": ("韓国", "South Korea"),
    "PH": ("フィリピン", "Philippines"),
    "BR": ("ブラジル", "Brazil"),
    "NP": ("ネパール", "Nepal"),
    "ID": ("インドネシア", "Indonesia"),
    "MM": ("ミャンマー", "Myanmar"),
    "TW": ("台湾", "Taiwan"),
    "US": ("アメリカ", "United States"),
    "TH": ("タイ", "Thailand"),
    "PE": ("ペルー", "Peru"),
    "IN": ("インド", "India"),
    "LK": ("スリランカ", "Sri Lanka"),
    "BD": ("バングラデシュ", "Bangladesh"),
    "PK": ("パキスタン", "Pakistan"),
    "KH": ("カンボジア", "Cambodia"),
    "MN": ("モンゴル", "Mongolia"),
    "GB": ("イギリス", "United Kingdom"),
    "RU": ("ロシア", "Russia"),
    "UA": ("ウクライナ", "Ukraine"),
    "IR": ("イラン", "Iran"),
    "AF": ("アフガニスタン", "Afghanistan"),
    "EG": ("エジプト", "Egypt"),
    "SY": ("シリア", "Syria"),
    "FR": ("フランス", "France"),
    "ES": ("スペイン", "Spain"),
    "MX": ("メキシコ", "Mexico"),
    "BO": ("ボリビア", "Bolivia"),
    "CO": ("コロンビア", "Colombia"),
    "AR": ("アルゼンチン", "Argentina"),
    "CA": ("カナダ", "Canada"),
    "AU": ("オーストラリア", "Australia"),
    "MY": ("マレーシア", "Malaysia"),
    "LA": ("ラオス", "Laos"),
    "UZ": ("ウズベキスタン", "Uzbekistan"),
    "NG": ("ナイジェリア", "Nigeria"),
    "TR": ("トルコ", "Türkiye"),
    "JP": ("日本", "Japan"),
}


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    names = COUNTRIES.get(code.upper())
    if names is None:
        return code.upper()
    return names[0] if lang == "ja" else names[1]
