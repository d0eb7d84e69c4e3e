"""Deterministic synthetic populations of foreign evacuees, shelters and volunteers.

`generate_population(seed, evacuees, shelters, volunteers)` builds data for demos, drills and
benchmarks that looks like a large disaster in Kanagawa: the nationality mix of the prefecture's
foreign residents, names written as passports, residence cards and clerks write them, realistic
households, needs at plausible rates and volunteers whose languages follow demand.

Everything is drawn from one `random.Random(seed)`, so the same arguments always give the same
population (in any process, whatever PYTHONHASHSEED). All people are invented; name parts are
common ones combined at random.

Standard library only: this module sits in the Qt-free core layer.
"""

from __future__ import annotations

import gc
import random
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Generic, NamedTuple, TypeVar

from disastercenter.core.languages import LANGUAGES as _LANGUAGE_REGISTRY
from disastercenter.core.vocab import (
    AGE_BANDS,
    ALLERGENS,
    CONSENT_BASES,
    CONSENT_SCOPES,
    JAPANESE_LEVELS,
    LANGUAGE_LEVELS,
    NEED_TAGS,
    SEXES,
    STATUSES,
    VOLUNTEER_SKILLS,
    age_band_for,
)

__all__ = [
    "AGE_BANDS",
    "ALLERGY_ITEMS",
    "CONSENT_BASES",
    "CONSENT_SCOPES",
    "JAPANESE_LEVELS",
    "LANGUAGE_CODES",
    "LANGUAGE_LEVELS",
    "NATIONALITY_WEIGHTS",
    "NEED_TAGS",
    "REFERENCE_DATE",
    "SEXES",
    "STATUSES",
    "VOLUNTEER_SKILLS",
    "Population",
    "SyntheticHousehold",
    "SyntheticPerson",
    "SyntheticShelter",
    "SyntheticVolunteer",
    "age_band_for",
    "generate_population",
]

# Vocabularies come from the one place that defines them.
LANGUAGE_CODES: tuple[str, ...] = tuple(code for code in _LANGUAGE_REGISTRY if code != "ja-x-easy")
ALLERGY_ITEMS: tuple[str, ...] = ALLERGENS

#: Ages and age bands are computed as of this day (the drill scenario's "today").
REFERENCE_DATE: date = date(2026, 11, 20)

#: Relative share of each nationality among foreign evacuees (roughly Kanagawa's foreign
#: residents, late 2020s). Households with no nationality recorded, international marriages and
#: Japanese returnees are added on top of these.
NATIONALITY_WEIGHTS: dict[str, float] = {
    "CN": 33.0, "VN": 12.0, "KR": 10.0, "PH": 9.5, "BR": 4.0, "NP": 4.0, "TW": 2.5, "IN": 2.4,
    "PE": 2.3, "US": 2.2, "ID": 2.0, "TH": 1.7, "MM": 1.7, "LK": 1.6, "BD": 0.8, "PK": 0.7,
    "MN": 0.6, "KH": 0.6, "GB": 0.6, "RU": 0.5, "UA": 0.4, "FR": 0.4, "IR": 0.3, "MX": 0.3,
    "EG": 0.3, "SY": 0.2, "ES": 0.2,
}


# ---------------------------------------------------------------------------------------------
# Public records
# ---------------------------------------------------------------------------------------------


@dataclass
class SyntheticShelter:
    """A school, community hall or gym used as an evacuation shelter."""

    name_ja: str
    name_en: str
    address: str
    capacity: int
    is_open: bool


@dataclass
class SyntheticPerson:
    """One evacuee as a registration desk would record them."""

    name_latin: str
    name_native: str
    name_kana: str
    sex: str
    birth_date: str | None
    age_band: str | None
    nationality: str | None
    languages: list[tuple[str, str]]
    japanese_level: str
    easy_japanese: bool
    needs: list[dict[str, str | list[str]]]
    phone: str
    messaging_id: str
    status: str
    consent_basis: str
    consent_scopes: list[str]
    notes: str


@dataclass
class SyntheticHousehold:
    """People registered together; `head_index` points at an adult in `members`."""

    shelter_index: int
    members: list[SyntheticPerson]
    head_index: int


@dataclass
class SyntheticVolunteer:
    """A volunteer (interpreter, helper) available to the shelters."""

    name_latin: str
    name_native: str
    name_kana: str
    sex: str
    languages: list[tuple[str, str]]
    skills: list[str]
    phone: str
    email: str
    base_area: str


@dataclass
class Population:
    """Everything `generate_population` makes."""

    shelters: list[SyntheticShelter] = field(default_factory=list)
    households: list[SyntheticHousehold] = field(default_factory=list)
    volunteers: list[SyntheticVolunteer] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

T = TypeVar("T")


class _Random(random.Random):
    """`random.Random` with float-based randint/choice: several times faster, still seeded.

    The bias of int(random() * n) is below 2**-40 for the small ranges used here.
    """

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]


class _Table(Generic[T]):
    """Weighted choice with cumulative weights built once (random.choices rebuilds them)."""

    __slots__ = ("_items", "_cum", "_total", "_last")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        kept = [(item, weight) for item, weight in pairs if weight > 0]
        if not kept:
            raise ValueError("a weighted table needs at least one positive weight")
        self._items = [item for item, _ in kept]
        self._cum = list(accumulate(weight for _, weight in kept))
        self._total = self._cum[-1]
        self._last = len(self._items) - 1

    def pick(self, rng: random.Random) -> T:
        """One item, drawn with probability proportional to its weight."""
        index = bisect_right(self._cum, rng.random() * self._total)
        # Guards the float edge where random() * total rounds up to total.
        return self._items[index if index <= self._last else self._last]


def _levels(native: float, fluent: float, conversational: float, basic: float) -> _Table[str]:
    return _Table(list(zip(LANGUAGE_LEVELS, (native, fluent, conversational, basic))))


def _ja(none: float, basic: float, conv: float, fluent: float, native: float) -> _Table[str]:
    return _Table(list(zip(JAPANESE_LEVELS, (none, basic, conv, fluent, native))))


_FOLD_SPECIALS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "ł": "l", "ß": "ss"})


def _ascii(text: str) -> str:
    """Latin text without diacritics, as machine-readable passport zones print it."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_SPECIALS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class _Name(NamedTuple):
    latin: str  # with diacritics where the language has them
    ascii: str
    native: str
    kana: str


_Family = tuple[_Name, _Name]  # (male form, female form); the same entry when not gendered


def _parse(chunk: str) -> list[str]:
    return [part.strip() for part in chunk.split("|")]


def _chunks(spec: str) -> list[str]:
    return [c.strip() for c in spec.replace("\n", ";").split(";") if c.strip()]


def _name(native: str, latin: str, kana: str) -> _Name:
    return _Name(latin, _ascii(latin), native or latin, kana)


def _names(spec: str) -> tuple[_Name, ...]:
    """Parse "native|Latin|カナ; ..." entries; an empty native part means "same as Latin"."""
    return tuple(_name(*_parse(chunk)) for chunk in _chunks(spec))


def _families(spec: str) -> tuple[_Family, ...]:
    """Parse family names: 3 fields, or 6 for male|female forms (Иванов / Иванова)."""
    out: list[_Family] = []
    for chunk in _chunks(spec):
        parts = _parse(chunk)
        male = _name(*parts[:3])
        out.append((male, _name(*parts[3:6]) if len(parts) == 6 else male))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Name pools. Native script, passport Latin form, katakana as a Japanese clerk would write it.
# ---------------------------------------------------------------------------------------------

_JA_FAMILY = """
佐藤|Sato|サトウ; 鈴木|Suzuki|スズキ; 高橋|Takahashi|タカハシ; 田中|Tanaka|タナカ; 伊藤|Ito|イトウ;
渡辺|Watanabe|ワタナベ; 山本|Yamamoto|ヤマモト; 中村|Nakamura|ナカムラ; 小林|Kobayashi|コバヤシ;
加藤|Kato|カトウ; 吉田|Yoshida|ヨシダ; 山田|Yamada|ヤマダ; 佐々木|Sasaki|ササキ; 山口|Yamaguchi|ヤマグチ;
松本|Matsumoto|マツモト; 井上|Inoue|イノウエ; 木村|Kimura|キムラ; 林|Hayashi|ハヤシ; 清水|Shimizu|シミズ;
山崎|Yamazaki|ヤマザキ; 森|Mori|モリ; 池田|Ikeda|イケダ; 橋本|Hashimoto|ハシモト; 阿部|Abe|アベ;
石川|Ishikawa|イシカワ; 小川|Ogawa|オガワ; 岡田|Okada|オカダ; 長谷川|Hasegawa|ハセガワ;
藤田|Fujita|フジタ; 後藤|Goto|ゴトウ
"""
_JA_MALE = """
翔太|Shota|ショウタ; 大輔|Daisuke|ダイスケ; 健太|Kenta|ケンタ; 拓也|Takuya|タクヤ; 直樹|Naoki|ナオキ;
誠|Makoto|マコト; 浩|Hiroshi|ヒロシ; 隆|Takashi|タカシ; 和也|Kazuya|カズヤ; 健一|Kenichi|ケンイチ;
蓮|Ren|レン; 悠真|Yuma|ユウマ; 陽翔|Haruto|ハルト; 大翔|Hiroto|ヒロト; 湊|Minato|ミナト;
修|Osamu|オサム; 亮|Ryo|リョウ; 剛|Tsuyoshi|ツヨシ; 哲也|Tetsuya|テツヤ; 雄一|Yuichi|ユウイチ;
悠人|Yuto|ユウト
"""
_JA_FEMALE = """
陽子|Yoko|ヨウコ; 恵子|Keiko|ケイコ; 美穂|Miho|ミホ; 由美|Yumi|ユミ; 裕子|Yuko|ユウコ;
真由美|Mayumi|マユミ; 明美|Akemi|アケミ; さくら|Sakura|サクラ; 美咲|Misaki|ミサキ; 愛|Ai|アイ;
結衣|Yui|ユイ; 陽菜|Hina|ヒナ; 葵|Aoi|アオイ; 彩|Aya|アヤ; 奈々|Nana|ナナ; 千尋|Chihiro|チヒロ;
直子|Naoko|ナオコ; 智子|Tomoko|トモコ; 香織|Kaori|カオリ; 美和|Miwa|ミワ; 凛|Rin|リン
"""

_CN_FAMILY = """
王|Wang|ワン; 李|Li|リ; 张|Zhang|チャン; 刘|Liu|リュウ; 陈|Chen|チェン; 杨|Yang|ヤン;
黄|Huang|ホアン; 赵|Zhao|チャオ; 吴|Wu|ウー; 周|Zhou|ジョウ; 徐|Xu|シュー; 孙|Sun|スン; 马|Ma|マー;
朱|Zhu|ジュー; 胡|Hu|フー; 郭|Guo|グオ; 何|He|ホー; 林|Lin|リン; 高|Gao|ガオ; 罗|Luo|ルオ;
郑|Zheng|ジェン; 梁|Liang|リャン; 谢|Xie|シエ; 宋|Song|ソン; 唐|Tang|タン; 韩|Han|ハン;
曹|Cao|ツァオ; 冯|Feng|フォン; 邓|Deng|ドン; 于|Yu|ユー
"""
_CN_MALE = """
伟|Wei|ウェイ; 强|Qiang|チャン; 磊|Lei|レイ; 军|Jun|ジュン; 洋|Yang|ヤン; 勇|Yong|ヨン; 杰|Jie|ジエ;
涛|Tao|タオ; 明|Ming|ミン; 超|Chao|チャオ; 浩然|Haoran|ハオラン; 子轩|Zixuan|ズーシュエン;
宇航|Yuhang|ユーハン; 俊杰|Junjie|ジュンジエ; 建国|Jianguo|ジエングオ; 志强|Zhiqiang|ジーチャン;
晓明|Xiaoming|シャオミン; 文博|Wenbo|ウェンボー; 鹏|Peng|ポン; 斌|Bin|ビン; 宇|Yu|ユー; 浩|Hao|ハオ
"""
_CN_FEMALE = """
芳|Fang|ファン; 娜|Na|ナー; 敏|Min|ミン; 静|Jing|ジン; 丽|Li|リー; 艳|Yan|イエン;
秀英|Xiuying|シウイン; 婷|Ting|ティン; 雪|Xue|シュエ; 慧|Hui|ホイ; 欣怡|Xinyi|シンイー;
梓涵|Zihan|ズーハン; 雨萱|Yuxuan|ユーシュエン; 晓燕|Xiaoyan|シャオイエン; 丹|Dan|ダン;
玲|Ling|リン; 佳怡|Jiayi|ジアイー; 美玲|Meiling|メイリン; 桂英|Guiying|グイイン;
红梅|Hongmei|ホンメイ; 琳|Lin|リン
"""

_TW_FAMILY = """
陳|Chen|チェン; 林|Lin|リン; 黃|Huang|ホアン; 張|Chang|チャン; 李|Lee|リー; 王|Wang|ワン;
吳|Wu|ウー; 劉|Liu|リュウ; 蔡|Tsai|ツァイ; 楊|Yang|ヤン; 許|Hsu|シュー; 鄭|Cheng|チェン;
謝|Hsieh|シエ; 郭|Kuo|グオ; 洪|Hung|ホン; 曾|Tseng|ツェン; 邱|Chiu|チウ; 廖|Liao|リャオ
"""
_TW_MALE = """
家豪|Chia-Hao|ジャーハオ; 志明|Chih-Ming|ジーミン; 俊傑|Chun-Chieh|ジュンジエ;
建宏|Chien-Hung|ジエンホン; 冠宇|Kuan-Yu|グアンユー; 宗翰|Tsung-Han|ゾンハン;
承恩|Cheng-En|チェンエン; 柏翰|Po-Han|ボーハン; 彥廷|Yen-Ting|イエンティン;
明哲|Ming-Che|ミンジョー; 信宏|Hsin-Hung|シンホン; 文彬|Wen-Pin|ウェンビン;
冠廷|Kuan-Ting|グアンティン; 哲瑋|Che-Wei|ジョーウェイ; 育成|Yu-Cheng|ユーチェン;
志豪|Chih-Hao|ジーハオ; 建志|Chien-Chih|ジエンジー; 俊宏|Chun-Hung|ジュンホン;
家銘|Chia-Ming|ジャーミン; 宇軒|Yu-Hsuan|ユーシュエン
"""
_TW_FEMALE = """
淑芬|Shu-Fen|シューフェン; 雅婷|Ya-Ting|ヤーティン; 怡君|Yi-Chun|イージュン;
美玲|Mei-Ling|メイリン; 佳穎|Chia-Ying|ジアイン; 欣怡|Hsin-Yi|シンイー; 詩涵|Shih-Han|シーハン;
宜蓁|Yi-Chen|イージェン; 雅雯|Ya-Wen|ヤーウェン; 惠如|Hui-Ju|ホイルー; 佩君|Pei-Chun|ペイジュン;
宜庭|Yi-Ting|イーティン; 思妤|Szu-Yu|スーユー; 曉雯|Hsiao-Wen|シャオウェン;
筱涵|Hsiao-Han|シャオハン; 靜怡|Ching-Yi|ジンイー; 淑惠|Shu-Hui|シューホイ;
麗華|Li-Hua|リーホア; 珮瑜|Pei-Yu|ペイユー; 郁婷|Yu-Ting|ユーティン
"""

_KR_FAMILY = """
김|Kim|キム; 이|Lee|イ; 박|Park|パク; 최|Choi|チェ; 정|Jung|チョン; 강|Kang|カン; 조|Cho|チョ;
윤|Yoon|ユン; 장|Jang|チャン; 임|Lim|イム; 한|Han|ハン; 오|Oh|オ; 서|Seo|ソ; 신|Shin|シン;
권|Kwon|クォン; 황|Hwang|ファン; 안|Ahn|アン; 송|Song|ソン; 유|Yoo|ユ; 홍|Hong|ホン
"""
_KR_MALE = """
민준|Minjun|ミンジュン; 서준|Seojun|ソジュン; 도윤|Doyun|ドユン; 예준|Yejun|イェジュン;
시우|Siwoo|シウ; 하준|Hajun|ハジュン; 지호|Jiho|ジホ; 준서|Junseo|ジュンソ; 현우|Hyunwoo|ヒョヌ;
지훈|Jihoon|ジフン; 성민|Sungmin|ソンミン; 영수|Youngsoo|ヨンス; 동현|Donghyun|ドンヒョン;
정호|Jungho|ジョンホ; 상철|Sangcheol|サンチョル; 재원|Jaewon|ジェウォン; 민수|Minsu|ミンス;
승현|Seunghyun|スンヒョン; 태양|Taeyang|テヤン; 진우|Jinwoo|ジヌ
"""
_KR_FEMALE = """
서연|Seoyeon|ソヨン; 서윤|Seoyun|ソユン; 지우|Jiwoo|ジウ; 하은|Haeun|ハウン; 민서|Minseo|ミンソ;
지민|Jimin|ジミン; 수빈|Subin|スビン; 유진|Yujin|ユジン; 지현|Jihyun|ジヒョン; 은지|Eunji|ウンジ;
혜진|Hyejin|ヘジン; 미영|Miyoung|ミヨン; 영희|Younghee|ヨンヒ; 순자|Soonja|スンジャ;
정숙|Jungsook|ジョンスク; 수진|Sujin|スジン; 은영|Eunyoung|ウニョン; 지영|Jiyoung|ジヨン;
민지|Minji|ミンジ; 예린|Yerin|イェリン
"""

# Vietnamese is written in Latin letters with diacritics, so the native form is the Latin one.
_VN_FAMILY = """
|Nguyễn|グエン; |Trần|チャン; |Lê|レ; |Phạm|ファム; |Hoàng|ホアン; |Huỳnh|フイン; |Phan|ファン;
|Vũ|ヴー; |Võ|ヴォー; |Đặng|ダン; |Bùi|ブイ; |Đỗ|ドー; |Hồ|ホー; |Ngô|ゴー; |Dương|ズオン;
|Lý|リー; |Đinh|ディン; |Trương|チュオン
"""
_VN_MALE = """
|Văn An|ヴァン アン; |Văn Hùng|ヴァン フン; |Văn Nam|ヴァン ナム; |Đức Anh|ドゥック アイン;
|Minh Tuấn|ミン トゥアン; |Quốc Huy|クオック フイ; |Thành Long|タイン ロン; |Hữu Phước|フー フオック;
|Văn Dũng|ヴァン ズン; |Minh Khoa|ミン コア; |Đức Thắng|ドゥック タン; |Văn Tài|ヴァン タイ;
|Hoàng Nam|ホアン ナム; |Công Minh|コン ミン; |Quang Hải|クアン ハイ; |Tiến Đạt|ティエン ダット;
|Văn Toàn|ヴァン トアン; |Xuân Trường|スアン チュオン; |Gia Bảo|ザー バオ; |Minh Quân|ミン クアン
"""
_VN_FEMALE = """
|Thị Lan|ティ ラン; |Thị Hoa|ティ ホア; |Thị Mai|ティ マイ; |Thị Hương|ティ フオン;
|Thị Hằng|ティ ハン; |Ngọc Anh|ゴック アイン; |Thu Trang|トゥー チャン; |Thanh Hà|タイン ハー;
|Thị Thảo|ティ タオ; |Thị Nhung|ティ ニュン; |Phương Linh|フオン リン; |Thị Huyền|ティ フエン;
|Kim Ngân|キム ガン; |Thị Loan|ティ ロアン; |Mỹ Duyên|ミー ズエン; |Ngọc Hân|ゴック ハン;
|Thị Thu|ティ トゥー; |Bảo Ngọc|バオ ゴック; |Thùy Dung|トゥイ ズン; |Thị Yến|ティ イエン
"""

_PH_FAMILY = """
|Santos|サントス; |Reyes|レイエス; |Cruz|クルス; |dela Cruz|デラクルス; |Garcia|ガルシア;
|Mendoza|メンドーサ; |Bautista|バウティスタ; |Ramos|ラモス; |Aquino|アキノ;
|Villanueva|ビリャヌエバ; |Castillo|カスティーヨ; |Flores|フローレス; |Gonzales|ゴンザレス;
|Torres|トーレス; |Navarro|ナバロ; |Fernandez|フェルナンデス; |Domingo|ドミンゴ;
|Mercado|メルカド; |Manalo|マナロ; |Dizon|ディゾン; |Pascual|パスクアル; |Soriano|ソリアノ;
|Tolentino|トレンティーノ
"""
_PH_MALE = """
|Juan|フアン; |Jose|ホセ; |Mark|マーク; |John|ジョン; |Michael|マイケル; |Carlo|カルロ;
|Paolo|パオロ; |Rodel|ロデル; |Jerome|ジェローム; |Ramon|ラモン; |Christian|クリスチャン;
|Joel|ジョエル; |Rommel|ロンメル; |Arnel|アーネル; |Noel|ノエル; |Jayson|ジェイソン;
|Angelo|アンジェロ; |Ronaldo|ロナルド; |Eduardo|エドゥアルド; |Marvin|マービン
"""
_PH_FEMALE = """
|Maria|マリア; |Maricel|マリセル; |Rosalie|ロザリー; |Jennifer|ジェニファー; |Lorna|ローナ;
|Grace|グレース; |Rowena|ロウェナ; |Cristina|クリスティーナ; |Angelica|アンジェリカ;
|Mary Jane|メリージェーン; |Joy|ジョイ; |Kristine|クリスティン; |Jasmine|ジャスミン;
|Marites|マリテス; |Analyn|アナリン; |Lourdes|ルルデス; |Rachelle|レイチェル; |Liza|リザ;
|Imelda|イメルダ; |Teresita|テレシタ; |Nenita|ネニータ
"""

# Brazilian and Peruvian families in Japan are often Nikkei, hence the Japanese surnames.
_BR_FAMILY = """
|Silva|シルバ; |Santos|サントス; |Oliveira|オリベイラ; |Souza|ソウザ; |Pereira|ペレイラ;
|Costa|コスタ; |Rodrigues|ロドリゲス; |Almeida|アルメイダ; |Nascimento|ナシメント; |Lima|リマ;
|Araújo|アラウージョ; |Ferreira|フェレイラ; |Carvalho|カルバーリョ; |Gomes|ゴメス;
|Ribeiro|リベイロ; |Martins|マルチンス; |Nakamura|ナカムラ; |Higa|ヒガ; |Oshiro|オオシロ;
|Miyagi|ミヤギ; |Tanaka|タナカ
"""
_BR_MALE = """
|João|ジョアン; |José|ジョゼ; |Carlos|カルロス; |Paulo|パウロ; |Lucas|ルーカス;
|Gabriel|ガブリエル; |Rafael|ラファエル; |Pedro|ペドロ; |Matheus|マテウス; |Thiago|チアゴ;
|Bruno|ブルーノ; |Felipe|フェリペ; |Marcos|マルコス; |Leandro|レアンドロ; |Rodrigo|ロドリゴ;
|Fernando|フェルナンド; |Antônio|アントニオ; |Márcio|マルシオ; |Gustavo|グスタボ;
|Vinícius|ヴィニシウス; |Luiz|ルイス; |Júlio|ジュリオ
"""
_BR_FEMALE = """
|Maria|マリア; |Ana|アナ; |Juliana|ジュリアナ; |Fernanda|フェルナンダ; |Patrícia|パトリシア;
|Camila|カミラ; |Beatriz|ベアトリス; |Larissa|ラリッサ; |Letícia|レチシア; |Aline|アリーニ;
|Vanessa|バネッサ; |Cláudia|クラウジア; |Luciana|ルシアナ; |Mariana|マリアナ;
|Gabriela|ガブリエラ; |Sônia|ソニア; |Adriana|アドリアナ; |Débora|デボラ; |Lúcia|ルシア;
|Renata|レナータ; |Priscila|プリシラ; |Isabela|イザベラ
"""

_PE_FAMILY = """
|Quispe|キスペ; |Mamani|ママニ; |Huamán|ワマン; |Flores|フローレス; |Rojas|ロハス;
|Chávez|チャベス; |García|ガルシア; |Rodríguez|ロドリゲス; |Sánchez|サンチェス; |Torres|トレス;
|Ramírez|ラミレス; |Vargas|バルガス; |Mendoza|メンドサ; |Castillo|カスティージョ;
|Gonzales|ゴンサレス; |Higa|ヒガ; |Tamashiro|タマシロ; |Kanashiro|カナシロ; |Díaz|ディアス
"""
_MX_FAMILY = """
|Hernández|エルナンデス; |García|ガルシア; |Martínez|マルティネス; |López|ロペス;
|González|ゴンサレス; |Pérez|ペレス; |Rodríguez|ロドリゲス; |Sánchez|サンチェス;
|Ramírez|ラミレス; |Cruz|クルス; |Flores|フローレス; |Gómez|ゴメス; |Morales|モラレス;
|Vázquez|バスケス; |Jiménez|ヒメネス; |Reyes|レイエス
"""
_ES_FAMILY = """
|García|ガルシア; |Fernández|フェルナンデス; |González|ゴンサレス; |Rodríguez|ロドリゲス;
|López|ロペス; |Martínez|マルティネス; |Sánchez|サンチェス; |Pérez|ペレス; |Gómez|ゴメス;
|Martín|マルティン; |Jiménez|ヒメネス; |Ruiz|ルイス; |Hernández|エルナンデス; |Díaz|ディアス;
|Moreno|モレノ; |Muñoz|ムニョス; |Álvarez|アルバレス
"""
_HISPANIC_MALE = """
|Juan|フアン; |José|ホセ; |Luis|ルイス; |Carlos|カルロス; |Jorge|ホルヘ; |Miguel|ミゲル;
|Javier|ハビエル; |Alejandro|アレハンドロ; |Diego|ディエゴ; |Manuel|マヌエル;
|Antonio|アントニオ; |Francisco|フランシスコ; |Pedro|ペドロ; |Ricardo|リカルド;
|Fernando|フェルナンド; |Jesús|ヘスス; |Sergio|セルヒオ; |Andrés|アンドレス; |Raúl|ラウル;
|César|セサル; |Óscar|オスカル
"""
_HISPANIC_FEMALE = """
|María|マリア; |Carmen|カルメン; |Ana|アナ; |Lucía|ルシア; |Rosa|ロサ; |Sofía|ソフィア;
|Isabel|イサベル; |Gabriela|ガブリエラ; |Patricia|パトリシア; |Elena|エレナ;
|Verónica|ベロニカ; |Claudia|クラウディア; |Milagros|ミラグロス; |Guadalupe|グアダルーペ;
|Fernanda|フェルナンダ; |Valeria|バレリア; |Daniela|ダニエラ; |Paola|パオラ; |Silvia|シルビア;
|Laura|ラウラ; |Marisol|マリソル
"""

_NP_FAMILY = """
श्रेष्ठ|Shrestha|シュレスタ; गुरुङ|Gurung|グルン; तामाङ|Tamang|タマン; मगर|Magar|マガル;
राई|Rai|ライ; थापा|Thapa|タパ; अधिकारी|Adhikari|アディカリ; शर्मा|Sharma|シャルマ;
पौडेल|Poudel|ポウデル; भट्टराई|Bhattarai|バッタライ; खड्का|Khadka|カドカ; लामा|Lama|ラマ;
कार्की|Karki|カルキ; बस्नेत|Basnet|バスネット; घिमिरे|Ghimire|ギミレ; न्यौपाने|Neupane|ネウパネ;
लिम्बू|Limbu|リンブー; रेग्मी|Regmi|レグミ; महर्जन|Maharjan|マハルジャン; सुवेदी|Subedi|スベディ
"""
_NP_MALE = """
राम|Ram|ラム; हरि|Hari|ハリ; सुरेश|Suresh|スレシュ; रमेश|Ramesh|ラメシュ; विकास|Bikash|ビカス;
सन्तोष|Santosh|サントシュ; दीपक|Dipak|ディパク; राजेश|Rajesh|ラジェシュ; कृष्ण|Krishna|クリシュナ;
बिनोद|Binod|ビノド; सुनिल|Sunil|スニル; प्रकाश|Prakash|プラカシュ; अनिल|Anil|アニル;
गणेश|Ganesh|ガネシュ; मनोज|Manoj|マノジ; नवीन|Nabin|ナビン; सुमन|Suman|スマン;
रोशन|Roshan|ロシャン; आशिष|Ashish|アシシュ; विष्णु|Bishnu|ビシュヌ
"""
_NP_FEMALE = """
सीता|Sita|シタ; गीता|Gita|ギタ; सरिता|Sarita|サリタ; सुनिता|Sunita|スニタ; अनिता|Anita|アニタ;
लक्ष्मी|Laxmi|ラクシュミ; सबिना|Sabina|サビナ; पूजा|Puja|プジャ; मनिषा|Manisha|マニシャ;
कमला|Kamala|カマラ; रीता|Rita|リタ; सम्झना|Samjhana|サムジャナ; प्रतिमा|Pratima|プラティマ;
बिमला|Bimala|ビマラ; शान्ति|Shanti|シャンティ; अस्मिता|Asmita|アスミタ; सुष्मा|Sushma|スシュマ;
निशा|Nisha|ニシャ; रश्मि|Rashmi|ラシュミ; दीपा|Dipa|ディパ
"""

_IN_FAMILY = """
शर्मा|Sharma|シャルマ; वर्मा|Verma|ヴェルマ; गुप्ता|Gupta|グプタ; सिंह|Singh|シン;
कुमार|Kumar|クマール; पटेल|Patel|パテル; अग्रवाल|Agarwal|アガルワル; जैन|Jain|ジェイン;
मिश्रा|Mishra|ミシュラ; यादव|Yadav|ヤダヴ; रेड्डी|Reddy|レッディ; नायर|Nair|ナイル;
अय्यर|Iyer|アイヤー; राव|Rao|ラオ; जोशी|Joshi|ジョシ; मेहता|Mehta|メータ;
चौधरी|Chaudhary|チョウダリー; पांडे|Pandey|パンデー; श्रीवास्तव|Srivastava|スリヴァスタヴァ;
देसाई|Desai|デサイ
"""
_IN_MALE = """
राहुल|Rahul|ラフル; अमित|Amit|アミット; राजेश|Rajesh|ラジェシュ; सुरेश|Suresh|スレシュ;
विजय|Vijay|ヴィジャイ; अजय|Ajay|アジャイ; संजय|Sanjay|サンジャイ; अनिल|Anil|アニル;
विकास|Vikas|ヴィカス; अर्जुन|Arjun|アルジュン; रोहित|Rohit|ロヒット; प्रशांत|Prashant|プラシャント;
दीपक|Deepak|ディーパク; आदित्य|Aditya|アディティヤ; अभिषेक|Abhishek|アビシェーク;
वरुण|Varun|ヴァルン; नितिन|Nitin|ニティン; कार्तिक|Karthik|カルティク;
श्रीनिवास|Srinivas|シュリニヴァス; आरव|Aarav|アーラヴ
"""
_IN_FEMALE = """
प्रिया|Priya|プリヤ; अंजलि|Anjali|アンジャリ; पूजा|Pooja|プージャ; नेहा|Neha|ネハ;
दीपिका|Deepika|ディーピカ; स्नेहा|Sneha|スネハ; कविता|Kavita|カヴィタ; सुनीता|Sunita|スニタ;
लक्ष्मी|Lakshmi|ラクシュミ; मीरा|Meera|ミーラ; रिया|Riya|リヤ; अनन्या|Ananya|アナンヤ;
दिव्या|Divya|ディヴィヤ; श्वेता|Shweta|シュウェタ; आरती|Aarti|アールティ; पल्लवी|Pallavi|パッラヴィ;
स्वाति|Swati|スワティ; रश्मि|Rashmi|ラシュミ; गीता|Geeta|ギータ; सरस्वती|Saraswati|サラスワティ
"""

# Urdu (Pakistan, and Muslim families from India).
_UR_FAMILY = """
خان|Khan|カーン; احمد|Ahmed|アハメド; علی|Ali|アリ; حسین|Hussain|フセイン; شیخ|Sheikh|シェイク;
ملک|Malik|マリク; چوہدری|Chaudhry|チョードリー; بٹ|Butt|バット; قریشی|Qureshi|クレーシ;
راجپوت|Rajput|ラージプート; مرزا|Mirza|ミルザ; اعوان|Awan|アワン; صدیقی|Siddiqui|シッディーキー;
شاہ|Shah|シャー; اقبال|Iqbal|イクバル; رضا|Raza|ラザ; جاوید|Javed|ジャベド; عباسی|Abbasi|アッバシ
"""
_UR_MALE = """
محمد|Muhammad|ムハンマド; علی|Ali|アリ; عمران|Imran|イムラン; عثمان|Usman|ウスマン;
بلال|Bilal|ビラル; حمزہ|Hamza|ハムザ; فیصل|Faisal|ファイサル; عمر|Umar|ウマル; حسن|Hassan|ハッサン;
زبیر|Zubair|ズバイル; کامران|Kamran|カムラン; طارق|Tariq|タリク; آصف|Asif|アーシフ;
ندیم|Nadeem|ナディーム; شاہد|Shahid|シャヒド; وقاص|Waqas|ワカス; عرفان|Irfan|イルファン;
سلمان|Salman|サルマン; احسن|Ahsan|アフサン; یاسر|Yasir|ヤシル; محمد عمران|Muhammad Imran|ムハンマド イムラン
"""
_UR_FEMALE = """
فاطمہ|Fatima|ファティマ; عائشہ|Ayesha|アイシャ; زینب|Zainab|ザイナブ; مریم|Maryam|マリアム;
صائمہ|Saima|サイマ; نادیہ|Nadia|ナディア; سارہ|Sara|サラ; حنا|Hina|ヒナ; رابعہ|Rabia|ラビア;
ثنا|Sana|サナ; کرن|Kiran|キラン; شازیہ|Shazia|シャジア; نازیہ|Nazia|ナジア; آمنہ|Amna|アムナ;
رخسانہ|Rukhsana|ルクサナ; سمیرا|Sumaira|スマイラ; فرح|Farah|ファラ; عظمیٰ|Uzma|ウズマ;
بشریٰ|Bushra|ブシュラ; انعم|Anum|アヌム
"""

# Bangladeshi women often carry Akter / Khatun / Begum rather than the family's male name.
_BD_FAMILY = """
রহমান|Rahman|ラーマン|আক্তার|Akter|アクテル; হোসেন|Hossain|ホセイン|খাতুন|Khatun|カトゥン;
ইসলাম|Islam|イスラム|বেগম|Begum|ベグム; আহমেদ|Ahmed|アーメド|আহমেদ|Ahmed|アーメド;
চৌধুরী|Chowdhury|チョウドリー|চৌধুরী|Chowdhury|チョウドリー; খান|Khan|カーン|খানম|Khanam|カナム;
আলম|Alam|アラム|আক্তার|Akter|アクテル; উদ্দিন|Uddin|ウッディン|খাতুন|Khatun|カトゥン;
মিয়া|Mia|ミア|বেগম|Begum|ベグム; সরকার|Sarker|サルカル|সরকার|Sarker|サルカル;
হক|Haque|ハク|হক|Haque|ハク; আলী|Ali|アリ|আক্তার|Akter|アクテル; শেখ|Sheikh|シェイク|শেখ|Sheikh|シェイク;
মাহমুদ|Mahmud|マフムード|মাহমুদ|Mahmud|マフムード; করিম|Karim|カリム|খাতুন|Khatun|カトゥン;
কবির|Kabir|カビール|কবির|Kabir|カビール; তালুকদার|Talukder|タルクダル|তালুকদার|Talukder|タルクダル;
ভূঁইয়া|Bhuiyan|ブイヤン|ভূঁইয়া|Bhuiyan|ブイヤン; মোল্লা|Molla|モッラ|মোল্লা|Molla|モッラ
"""
_BD_MALE = """
মোহাম্মদ|Mohammad|モハンマド; আবদুল|Abdul|アブドゥル; রফিক|Rafiq|ラフィク; জাহিদ|Zahid|ザヒド;
সাকিব|Sakib|サキブ; তানভীর|Tanvir|タンビル; ফারুক|Faruk|ファルク; মাসুদ|Masud|マスード;
রাশেদ|Rashed|ラシェド; শফিক|Shafiq|シャフィク; আরিফ|Arif|アリフ; নাসির|Nasir|ナシル;
কামাল|Kamal|カマル; জামাল|Jamal|ジャマル; ইমরান|Imran|イムラン; মাহফুজ|Mahfuz|マフフズ;
রাকিব|Rakib|ラキブ; সোহেল|Sohel|ショヘル; হাসান|Hasan|ハサン; রিয়াদ|Riyad|リヤド
"""
_BD_FEMALE = """
ফাতেমা|Fatema|ファテマ; আয়েশা|Ayesha|アイシャ; নাসরিন|Nasrin|ナスリン; শারমিন|Sharmin|シャルミン;
রুমানা|Rumana|ルマナ; তাসলিমা|Taslima|タスリマ; নুসরাত|Nusrat|ヌスラト; সাবরিনা|Sabrina|サブリナ;
মরিয়ম|Mariam|マリアム; শাহনাজ|Shahnaz|シャーナズ; রোকসানা|Roksana|ロクサナ; ফারহানা|Farhana|ファルハナ;
জান্নাত|Jannat|ジャンナト; সুমাইয়া|Sumaiya|スマイヤ; তানিয়া|Tania|タニア; মিতু|Mitu|ミトゥ;
রেহানা|Rehana|レハナ; পারভীন|Parvin|パルビン; সালমা|Salma|サルマ; লাইলা|Laila|ライラ
"""

_LK_FAMILY = """
පෙරේරා|Perera|ペレラ; ප්‍රනාන්දු|Fernando|フェルナンド; සිල්වා|Silva|シルバ;
ද සිල්වා|De Silva|デシルバ; බණ්ඩාර|Bandara|バンダラ; ජයසූරිය|Jayasuriya|ジャヤスリヤ;
රාජපක්ෂ|Rajapaksa|ラージャパクサ; විජේසිංහ|Wijesinghe|ウィジェシンハ;
ගුණවර්ධන|Gunawardena|グナワルダナ; දිසානායක|Dissanayake|ディサナヤケ; හේරත්|Herath|ヘーラト;
කුමාර|Kumara|クマーラ; රත්නායක|Ratnayake|ラトナヤケ; ජයවර්ධන|Jayawardena|ジャヤワルダナ;
වික්‍රමසිංහ|Wickramasinghe|ウィクラマシンハ; සේනානායක|Senanayake|セナナヤケ;
මෙන්ඩිස්|Mendis|メンディス; රණසිංහ|Ranasinghe|ラナシンハ; කරුණාරත්න|Karunaratne|カルナラトネ
"""
_LK_MALE = """
නිමල්|Nimal|ニマル; සුනිල්|Sunil|スニル; කසුන්|Kasun|カスン; චමින්ද|Chaminda|チャミンダ;
ලහිරු|Lahiru|ラヒル; දිනේෂ්|Dinesh|ディネシュ; ප්‍රසාද්|Prasad|プラサード; අජිත්|Ajith|アジット;
නුවන්|Nuwan|ヌワン; තිලක්|Thilak|ティラク; රුවන්|Ruwan|ルワン; සම්පත්|Sampath|サンパット;
චතුර|Chathura|チャトゥラ; දනුෂ්ක|Danushka|ダヌシュカ; ඉසුරු|Isuru|イスル; සචින්|Sachin|サチン;
මහින්ද|Mahinda|マヒンダ; ශාන්ත|Shantha|シャンタ; කමල්|Kamal|カマル; අසංක|Asanka|アサンカ
"""
_LK_FEMALE = """
නිරෝෂා|Nirosha|ニローシャ; දිල්රුක්ෂි|Dilrukshi|ディルクシ; සඳමාලි|Sandamali|サンダマリ;
චාමරී|Chamari|チャマリ; ඉරෝෂා|Irosha|イローシャ; නදීකා|Nadeeka|ナディーカ; තරංගා|Tharanga|タランガ;
හිරුණි|Hiruni|ヒルニ; සචිනි|Sachini|サチニ; මාලිනී|Malini|マリニ; කුමාරි|Kumari|クマリ;
ශානිකා|Shanika|シャニカ; දිනූෂා|Dinusha|ディヌーシャ; අනූෂා|Anusha|アヌーシャ;
ප්‍රියංකා|Priyanka|プリヤンカ; නිලූෂා|Nilusha|ニルーシャ; සුමුදු|Sumudu|スムドゥ;
තිළිණි|Thilini|ティリニ; ශෂිකලා|Shashikala|シャシカラ; රශ්මි|Rashmi|ラシュミ
"""

_TH_FAMILY = """
ศรีสุข|Srisuk|シースック; แสงทอง|Saengthong|セーントーン; วงศ์สวัสดิ์|Wongsawat|ウォンサワット;
ทองดี|Thongdee|トーンディー; บุญมา|Boonma|ブンマー; สุขสวัสดิ์|Suksawat|スックサワット;
รัตนพันธ์|Rattanaphan|ラッタナパン; ศรีสวัสดิ์|Srisawat|シーサワット; เจริญผล|Charoenphon|チャルーンポン;
มีสุข|Meesuk|ミースック; แก้วมณี|Kaewmanee|ケーオマニー; ทองคำ|Thongkham|トーンカム;
ปัญญาดี|Panyadee|パンヤーディー; ชัยมงคล|Chaimongkol|チャイモンコン; สมบูรณ์|Somboon|ソムブーン;
จันทร์แก้ว|Chankaew|チャンケーオ; พรหมมา|Promma|プロムマー; อินทร์แก้ว|Inkaew|インケーオ;
บุญยืน|Boonyuen|ブンユーン; ศรีทอง|Srithong|シートーン
"""
_TH_MALE = """
สมชาย|Somchai|ソムチャイ; สมศักดิ์|Somsak|ソムサック; ประเสริฐ|Prasert|プラスート;
วิชัย|Wichai|ウィチャイ; อนุชา|Anucha|アヌチャー; ธนากร|Thanakorn|タナコーン;
ณัฐพล|Nattaphon|ナッタポン; กิตติพงษ์|Kittiphong|キッティポン; สุรชัย|Surachai|スラチャイ;
ชัยวัฒน์|Chaiwat|チャイワット; พงศกร|Pongsakorn|ポンサコーン; อภิชาติ|Aphichat|アピチャート;
ศุภชัย|Supachai|スパチャイ; วีระ|Weera|ウィーラ; ธีรพงษ์|Theerapong|ティーラポン;
นพดล|Noppadon|ノッパドン; บุญเลิศ|Boonlert|ブンルート; เอกชัย|Ekkachai|エークチャイ;
สุเมธ|Sumet|スメート; ภาณุ|Phanu|パーヌ
"""
_TH_FEMALE = """
สมหญิง|Somying|ソムイン; มาลี|Malee|マーリー; สุดา|Suda|スダー; นภา|Napa|ナパー;
วันเพ็ญ|Wanphen|ワンペン; กาญจนา|Kanchana|カンチャナー; อรุณี|Arunee|アルニー;
พรทิพย์|Porntip|ポーンティップ; สุภาพร|Supaporn|スパーポーン; รัตนา|Rattana|ラッタナー;
ปวีณา|Paweena|パウィーナー; ศิริพร|Siriporn|シリポーン; นันทนา|Nantana|ナンタナー;
อัมพร|Amporn|アムポーン; ดวงใจ|Duangjai|ドゥアンジャイ; ณัฐธิดา|Natthida|ナッティダー;
เพ็ญศรี|Pensri|ペンシー; อรทัย|Orathai|オラタイ; ปิยะนุช|Piyanuch|ピヤヌット; วิไล|Wilai|ウィライ
"""

_KH_FAMILY = """
សុខ|Sok|ソク; ជា|Chea|チア; ហេង|Heng|ヘン; លី|Ly|リー; គឹម|Kim|キム; ចាន់|Chan|チャン;
សឹម|Sim|シム; ម៉ៅ|Mao|マオ; ស៊ុន|Sun|スン; ឈឹម|Chhim|チム; ទេព|Tep|テップ; អ៊ុំ|Um|ウム;
យឹម|Yim|イム; ខៀវ|Khieu|キュー; ប៊ុន|Bun|ブン; ស៊ីន|Sin|シン; ពេជ្រ|Pech|ペーチ; ហ៊ុន|Hun|フン;
សួន|Suon|スオン; នួន|Nuon|ヌオン
"""
_KH_MALE = """
វណ្ណា|Vanna|ワンナー; ដារ៉ា|Dara|ダラー; សុផល|Sophal|ソパル; វិចិត្រ|Vichet|ヴィチェット;
សំណាង|Samnang|サムナン; ពិសិដ្ឋ|Piseth|ピセット; ចាន់ថា|Chantha|チャンター; ធារ៉ា|Theara|テアラー;
វុទ្ធី|Vuthy|ヴティー; សុវណ្ណ|Sovann|ソワン; បូរ៉ា|Bora|ボラー; សារ៉ុន|Saron|サロン;
ឧត្តម|Oudom|ウドム; សុខា|Sokha|ソカー; រិទ្ធី|Rithy|リティー; រតនៈ|Rathana|ラタナー;
វីរៈ|Vireak|ヴィリアック; កុសល|Kosal|コサル; ពិសាល|Pisal|ピサル; សុភ័ក្ត្រ|Sopheak|ソピアック
"""
_KH_FEMALE = """
សុភាព|Sopheap|ソピアップ; ស្រីមុំ|Sreymom|スレイモム; ចាន់ធូ|Chanthou|チャントゥー;
សុគន្ធា|Sokunthea|ソクンテア; ដាលីន|Dalin|ダリン; ស្រីនិច|Sreynich|スレイニッチ; ពិសី|Pisey|ピセイ;
សុធារី|Sotheary|ソテアリー; រស្មី|Reaksmey|リアクスメイ; លក្ខិណា|Leakhena|リアケナー;
វណ្ណារី|Vannary|ヴァンナリー; ស្រីពៅ|Sreypov|スレイポウ; បុប្ផា|Bopha|ボパー; ធីតា|Thida|ティダー;
ចរិយា|Chariya|チャリヤー; នារី|Neary|ニアリー; កញ្ញា|Kanha|カニャー; សុភា|Sophea|ソピア;
ម៉ាលីស|Malis|マリス; ស្រីលក្ខណ៍|Sreyleak|スレイリアック
"""

# Myanmar names have no family name: each person's name is two or three of these syllables.
_MM_MALE_SYLLABLES = """
အောင်|Aung|アウン; ကျော်|Kyaw|チョー; မင်း|Min|ミン; ထက်|Htet|テッ; ဇော်|Zaw|ゾー;
နိုင်|Naing|ナイン; သန့်|Thant|タン; ဝင်း|Win|ウィン; မြင့်|Myint|ミン; စိုး|Soe|ソー;
ထွန်း|Tun|トゥン; ကို|Ko|コー; ဖြိုး|Phyo|ピョー; ညီ|Nyi|ニー; လင်း|Lin|リン; ဟိန်း|Hein|ヘイン;
ပိုင်|Paing|パイン; ရဲ|Ye|イェ; ခန့်|Khant|カン; သီဟ|Thiha|ティハ; မျိုး|Myo|ミョー;
လှိုင်|Hlaing|フライン
"""
_MM_FEMALE_SYLLABLES = """
စု|Su|スー; မြတ်|Myat|ミャッ; နှင်း|Hnin|ニン; အိ|Ei|エイ; ဖြူ|Phyu|ピュー; ခင်|Khin|キン;
မေ|May|メー; သီရိ|Thiri|ティリ; နွယ်|Nwe|ヌエ; ရတနာ|Yadanar|ヤダナー; အေး|Aye|エー;
ဇင်|Zin|ズィン; မွန်|Mon|モン; သဇင်|Thazin|タズィン; ဝေ|Wai|ウェー; ချော|Chaw|チョー;
မိုး|Moe|モー; စန္ဒာ|Sandar|サンダー; လှ|Hla|フラ; ယု|Yu|ユ; နန္ဒာ|Nandar|ナンダー;
ပွင့်|Pwint|プウィン
"""

_ID_FAMILY = """
|Santoso|サントソ||Sari|サリ; |Wijaya|ウィジャヤ||Wijayanti|ウィジャヤンティ;
|Saputra|サプトラ||Saputri|サプトリ; |Hidayat|ヒダヤット||Hidayati|ヒダヤティ;
|Kusuma|クスマ||Kusumawati|クスマワティ; |Setiawan|セティアワン||Setiawati|セティアワティ;
|Pratama|プラタマ||Pratiwi|プラティウィ; |Nugroho|ヌグロホ||Lestari|レスタリ;
|Susanto|スサント||Susanti|スサンティ; |Gunawan|グナワン||Rahmawati|ラフマワティ;
|Purnomo|プルノモ||Handayani|ハンダヤニ; |Siregar|シレガル||Siregar|シレガル;
|Simanjuntak|シマンジュンタク||Simanjuntak|シマンジュンタク; |Hakim|ハキム||Hakim|ハキム;
|Firmansyah|フィルマンシャ||Rahayu|ラハユ; |Kurniawan|クルニアワン||Kurniawati|クルニアワティ;
|Wibowo|ウィボウォ||Wulandari|ウランダリ; |Putra|プトラ||Putri|プトリ
"""
_ID_MALE = """
|Budi|ブディ; |Agus|アグス; |Andi|アンディ; |Rizki|リズキ; |Dedi|デディ; |Eko|エコ;
|Hendra|ヘンドラ; |Fajar|ファジャル; |Arif|アリフ; |Dwi|ドウィ; |Rudi|ルディ; |Yusuf|ユスフ;
|Bayu|バユ; |Ahmad|アフマド; |Imam|イマム; |Wahyu|ワヒュ; |Joko|ジョコ; |Irfan|イルファン;
|Dimas|ディマス; |Teguh|テグ
"""
_ID_FEMALE = """
|Siti|シティ; |Dewi|デウィ; |Sri|スリ; |Rina|リナ; |Ayu|アユ; |Fitri|フィトリ; |Nur|ヌル;
|Indah|インダ; |Wulan|ウラン; |Ratna|ラトナ; |Nurul|ヌルル; |Dian|ディアン; |Intan|インタン;
|Yuni|ユニ; |Lina|リナ; |Maya|マヤ; |Novi|ノフィ; |Anisa|アニサ; |Rahma|ラフマ; |Eka|エカ
"""

# Mongolians use the father's given name (patronymic) where others put a family name.
_MN_MALE = """
Бат-Эрдэнэ|Bat-Erdene|バトエルデネ; Ганболд|Ganbold|ガンボルド; Батбаяр|Batbayar|バトバヤル;
Мөнхбат|Munkhbat|ムンフバト; Энхбаяр|Enkhbayar|エンフバヤル; Түмэнбаяр|Tumenbayar|トゥメンバヤル;
Ганзориг|Ganzorig|ガンゾリグ; Болд|Bold|ボルド; Эрдэнэбат|Erdenebat|エルデネバト;
Сүхбаатар|Sukhbaatar|スフバートル; Төмөрбаатар|Tumurbaatar|トゥムルバートル;
Баттулга|Battulga|バトトルガ; Мөнх-Очир|Munkh-Ochir|ムンフオチル; Дорж|Dorj|ドルジ;
Ариунболд|Ariunbold|アリウンボルド; Тэмүүлэн|Temuulen|テムーレン; Билгүүн|Bilguun|ビルグーン;
Ууганбаяр|Uuganbayar|ウーガンバヤル; Эрдэнэ|Erdene|エルデネ; Ганбаатар|Ganbaatar|ガンバータル
"""
_MN_FEMALE = """
Оюунчимэг|Oyunchimeg|オユンチメグ; Сарангэрэл|Sarangerel|サランゲレル;
Нарантуяа|Narantuya|ナラントゥヤ; Энхтуяа|Enkhtuya|エンフトゥヤ; Болормаа|Bolormaa|ボロルマー;
Цэцэг|Tsetseg|ツェツェグ; Одгэрэл|Odgerel|オドゲレル; Мөнхзул|Munkhzul|ムンフゾル;
Ариунаа|Ariunaa|アリウナー; Хулан|Khulan|ホラン; Номин|Nomin|ノミン; Анужин|Anujin|アヌジン;
Солонго|Solongo|ソロンゴ; Уранчимэг|Uranchimeg|ウランチメグ; Гэрэлмаа|Gerelmaa|ゲレルマー;
Наран|Naran|ナラン; Дэлгэрмаа|Delgermaa|デルゲルマー; Золзаяа|Zolzaya|ゾルザヤ;
Мишээл|Misheel|ミシェール; Туяа|Tuyaa|トゥヤー
"""

_RU_FAMILY = """
Иванов|Ivanov|イワノフ|Иванова|Ivanova|イワノワ; Смирнов|Smirnov|スミルノフ|Смирнова|Smirnova|スミルノワ;
Кузнецов|Kuznetsov|クズネツォフ|Кузнецова|Kuznetsova|クズネツォワ; Попов|Popov|ポポフ|Попова|Popova|ポポワ;
Васильев|Vasilev|ワシリエフ|Васильева|Vasileva|ワシリエワ; Петров|Petrov|ペトロフ|Петрова|Petrova|ペトロワ;
Соколов|Sokolov|ソコロフ|Соколова|Sokolova|ソコロワ; Михайлов|Mikhailov|ミハイロフ|Михайлова|Mikhailova|ミハイロワ;
Новиков|Novikov|ノビコフ|Новикова|Novikova|ノビコワ; Фёдоров|Fedorov|フョードロフ|Фёдорова|Fedorova|フョードロワ;
Морозов|Morozov|モロゾフ|Морозова|Morozova|モロゾワ; Волков|Volkov|ヴォルコフ|Волкова|Volkova|ヴォルコワ;
Козлов|Kozlov|コズロフ|Козлова|Kozlova|コズロワ; Лебедев|Lebedev|レベデフ|Лебедева|Lebedeva|レベデワ;
Павлов|Pavlov|パブロフ|Павлова|Pavlova|パブロワ; Орлов|Orlov|オルロフ|Орлова|Orlova|オルロワ
"""
_RU_MALE = """
Александр|Aleksandr|アレクサンドル; Сергей|Sergei|セルゲイ; Дмитрий|Dmitrii|ドミトリー;
Андрей|Andrei|アンドレイ; Алексей|Aleksei|アレクセイ; Максим|Maksim|マキシム; Иван|Ivan|イワン;
Михаил|Mikhail|ミハイル; Николай|Nikolai|ニコライ; Владимир|Vladimir|ウラジーミル;
Евгений|Evgenii|エフゲニー; Павел|Pavel|パーヴェル; Артём|Artem|アルチョム; Никита|Nikita|ニキータ;
Олег|Oleg|オレグ; Роман|Roman|ロマン; Игорь|Igor|イーゴリ; Юрий|Iurii|ユーリー;
Кирилл|Kirill|キリル; Денис|Denis|デニス
"""
_RU_FEMALE = """
Анна|Anna|アンナ; Елена|Elena|エレーナ; Ольга|Olga|オリガ; Наталья|Natalia|ナタリア;
Татьяна|Tatiana|タチアナ; Ирина|Irina|イリーナ; Мария|Mariia|マリア; Екатерина|Ekaterina|エカテリーナ;
Светлана|Svetlana|スベトラーナ; Юлия|Iuliia|ユリア; Анастасия|Anastasiia|アナスタシア;
Дарья|Daria|ダリア; Ксения|Kseniia|クセニア; Виктория|Viktoriia|ヴィクトリア; Полина|Polina|ポリーナ;
Людмила|Liudmila|リュドミラ; Галина|Galina|ガリーナ; Марина|Marina|マリーナ; Софья|Sofia|ソフィア;
Алина|Alina|アリーナ
"""

_UA_FAMILY = """
Шевченко|Shevchenko|シェフチェンコ; Коваленко|Kovalenko|コワレンコ; Бондаренко|Bondarenko|ボンダレンコ;
Ткаченко|Tkachenko|トカチェンコ; Кравченко|Kravchenko|クラフチェンコ; Олійник|Oliinyk|オリーニク;
Мельник|Melnyk|メルニク; Шевчук|Shevchuk|シェフチュク; Поліщук|Polishchuk|ポリシュチュク;
Бойко|Boiko|ボイコ; Ковальчук|Kovalchuk|コワルチュク; Савченко|Savchenko|サフチェンコ;
Руденко|Rudenko|ルデンコ; Мороз|Moroz|モロズ; Лисенко|Lysenko|リセンコ; Марченко|Marchenko|マルチェンコ;
Ковальський|Kovalskyi|コワリスキー|Ковальська|Kovalska|コワリスカ; Петренко|Petrenko|ペトレンコ
"""
_UA_MALE = """
Олександр|Oleksandr|オレクサンドル; Андрій|Andrii|アンドリー; Сергій|Serhii|セルヒー;
Володимир|Volodymyr|ヴォロディミル; Дмитро|Dmytro|ドミトロ; Олексій|Oleksii|オレクシー;
Іван|Ivan|イワン; Микола|Mykola|ミコラ; Юрій|Yurii|ユーリー; Максим|Maksym|マクシム;
Віталій|Vitalii|ヴィタリー; Богдан|Bohdan|ボフダン; Тарас|Taras|タラス; Олег|Oleh|オレフ;
Ігор|Ihor|イーホル; Петро|Petro|ペトロ; Василь|Vasyl|ヴァシル; Артем|Artem|アルテム;
Денис|Denys|デニス; Назар|Nazar|ナザール
"""
_UA_FEMALE = """
Олена|Olena|オレナ; Оксана|Oksana|オクサナ; Наталія|Nataliia|ナタリア; Тетяна|Tetiana|テチャナ;
Ірина|Iryna|イリーナ; Юлія|Yuliia|ユリア; Марія|Mariia|マリア; Анна|Anna|アンナ;
Світлана|Svitlana|スヴィトラーナ; Галина|Halyna|ハリナ; Людмила|Liudmyla|リュドミラ;
Катерина|Kateryna|カテリーナ; Вікторія|Viktoriia|ヴィクトリア; Анастасія|Anastasiia|アナスタシア;
Дарина|Daryna|ダリナ; Софія|Sofiia|ソフィア; Ольга|Olha|オリハ; Христина|Khrystyna|フリスティナ;
Валентина|Valentyna|ヴァレンティナ; Соломія|Solomiia|ソロミア
"""

_IR_FAMILY = """
رضایی|Rezaei|レザイ; محمدی|Mohammadi|モハンマディ; حسینی|Hosseini|ホセイニ; احمدی|Ahmadi|アフマディ;
کریمی|Karimi|カリミ; موسوی|Mousavi|ムサビ; جعفری|Jafari|ジャファリ; رحیمی|Rahimi|ラヒミ;
صادقی|Sadeghi|サデギ; کاظمی|Kazemi|カゼミ; حیدری|Heidari|ヘイダリ; نوری|Nouri|ヌーリ;
قاسمی|Ghasemi|ガセミ; عباسی|Abbasi|アッバシ; اکبری|Akbari|アクバリ; تهرانی|Tehrani|テヘラニ;
شریفی|Sharifi|シャリフィ; امینی|Amini|アミニ
"""
_IR_MALE = """
علی|Ali|アリ; محمد|Mohammad|モハンマド; حسین|Hossein|ホセイン; رضا|Reza|レザ; مهدی|Mehdi|メフディ;
امیر|Amir|アミール; سعید|Saeed|サイード; حمید|Hamid|ハミド; مجید|Majid|マジド;
بهروز|Behrouz|ベフルーズ; کامران|Kamran|カムラン; فرهاد|Farhad|ファルハド; داریوش|Dariush|ダリウシュ;
آرش|Arash|アラシュ; بابک|Babak|バーバク; پویا|Pouya|プーヤ; سینا|Sina|シナ; کیان|Kian|キアン;
امید|Omid|オミド; نیما|Nima|ニマ
"""
_IR_FEMALE = """
فاطمه|Fatemeh|ファテメ; زهرا|Zahra|ザハラ; مریم|Maryam|マルヤム; سارا|Sara|サラ;
نازنین|Nazanin|ナザニン; لیلا|Leila|レイラ; شیرین|Shirin|シリン; نگار|Negar|ネガル;
پریسا|Parisa|パリサ; مهسا|Mahsa|マフサ; سمیرا|Samira|サミラ; الهام|Elham|エルハム;
نرگس|Narges|ナルゲス; آزاده|Azadeh|アザデ; مینا|Mina|ミナ; شبنم|Shabnam|シャブナム;
هانیه|Hanieh|ハニエ; یاسمن|Yasaman|ヤサマン; رویا|Roya|ロヤ; ترانه|Taraneh|タラネ
"""

_EG_FAMILY = """
حسن|Hassan|ハッサン; محمد|Mohamed|モハメド; إبراهيم|Ibrahim|イブラヒム; علي|Ali|アリ;
أحمد|Ahmed|アハメド; عبد الله|Abdallah|アブダッラー; محمود|Mahmoud|マフムード;
مصطفى|Mostafa|モスタファ; السيد|El-Sayed|エルサイード; عبد الرحمن|Abdelrahman|アブデルラフマン;
سليمان|Soliman|ソリマン; يوسف|Youssef|ユーセフ; خليل|Khalil|ハリール; عثمان|Osman|オスマン;
فرج|Farag|ファラグ; صالح|Saleh|サーレハ; جمال|Gamal|ガマール; شحاتة|Shehata|シェハータ;
عبد العزيز|Abdelaziz|アブデルアジーズ; رمضان|Ramadan|ラマダン
"""
_SY_FAMILY = """
الأحمد|Al-Ahmad|アルアハマド; الخطيب|Al-Khatib|アルハティーブ; الحلبي|Al-Halabi|アルハラビ;
الشامي|Al-Shami|アルシャーミ; حداد|Haddad|ハッダード; المصري|Al-Masri|アルマスリ;
النجار|Al-Najjar|アルナッジャール; قباني|Kabbani|カッバーニ; العلي|Al-Ali|アルアリ;
الحسن|Al-Hasan|アルハサン; درويش|Darwish|ダルウィーシュ; خوري|Khoury|フーリー; عيسى|Issa|イーサ;
الزعبي|Al-Zoubi|アルズウビ; حمدان|Hamdan|ハムダン; الأسعد|Al-Asaad|アルアスアド;
العمر|Al-Omar|アルオマル; شحادة|Shehadeh|シェハーデ
"""
_AR_MALE = """
محمد|Mohamed|モハメド; أحمد|Ahmed|アハメド; محمود|Mahmoud|マフムード; مصطفى|Mostafa|モスタファ;
عمر|Omar|オマル; خالد|Khaled|ハーレド; يوسف|Youssef|ユーセフ; إبراهيم|Ibrahim|イブラヒム;
حسن|Hassan|ハッサン; علي|Ali|アリ; كريم|Karim|カリーム; طارق|Tarek|ターレク; سامي|Sami|サーミ;
وليد|Walid|ワリード; عمرو|Amr|アムル; هشام|Hisham|ヒシャーム; ياسر|Yasser|ヤーセル;
باسل|Basel|バーセル; رامي|Rami|ラーミ; زياد|Ziad|ズィヤード
"""
_AR_FEMALE = """
فاطمة|Fatma|ファトマ; مريم|Mariam|マリアム; نور|Nour|ヌール; سارة|Sara|サラ; هدى|Hoda|ホダ;
منى|Mona|モナ; ياسمين|Yasmine|ヤスミン; رنا|Rana|ラナ; دينا|Dina|ディーナ; آية|Aya|アーヤ;
سلمى|Salma|サルマ; هبة|Heba|ヘバ; رهف|Rahaf|ラハフ; لينا|Lina|リーナ; ريم|Reem|リーム;
شيماء|Shaimaa|シャイマー; نادية|Nadia|ナディア; أمل|Amal|アマル; ليلى|Layla|ライラ;
زينب|Zeinab|ゼイナブ
"""

_EN_FAMILY_US = """
|Smith|スミス; |Johnson|ジョンソン; |Williams|ウィリアムズ; |Brown|ブラウン; |Jones|ジョーンズ;
|Miller|ミラー; |Davis|デイビス; |Wilson|ウィルソン; |Anderson|アンダーソン; |Taylor|テイラー;
|Thomas|トーマス; |Moore|ムーア; |Martin|マーティン; |Jackson|ジャクソン; |White|ホワイト;
|Harris|ハリス; |Clark|クラーク; |Lewis|ルイス; |Walker|ウォーカー; |Robinson|ロビンソン;
|Garcia|ガルシア; |Nguyen|グエン
"""
_EN_FAMILY_GB = """
|Smith|スミス; |Jones|ジョーンズ; |Williams|ウィリアムズ; |Taylor|テイラー; |Brown|ブラウン;
|Davies|デイヴィース; |Evans|エバンス; |Wilson|ウィルソン; |Thomas|トーマス; |Roberts|ロバーツ;
|Johnson|ジョンソン; |Wright|ライト; |Hughes|ヒューズ; |Green|グリーン; |Hall|ホール;
|Wood|ウッド; |Thompson|トンプソン; |Walker|ウォーカー; |Edwards|エドワーズ; |Patel|パテル
"""
_EN_MALE = """
|James|ジェームズ; |John|ジョン; |Michael|マイケル; |David|デイビッド; |Robert|ロバート;
|William|ウィリアム; |Daniel|ダニエル; |Matthew|マシュー; |Christopher|クリストファー;
|Andrew|アンドリュー; |Joshua|ジョシュア; |Ryan|ライアン; |Thomas|トーマス;
|Benjamin|ベンジャミン; |Oliver|オリバー; |Jack|ジャック; |Ethan|イーサン; |Noah|ノア;
|Liam|リアム; |Samuel|サミュエル; |Harry|ハリー
"""
_EN_FEMALE = """
|Mary|メアリー; |Jennifer|ジェニファー; |Sarah|サラ; |Jessica|ジェシカ; |Emily|エミリー;
|Elizabeth|エリザベス; |Emma|エマ; |Olivia|オリビア; |Sophie|ソフィー; |Hannah|ハンナ;
|Rachel|レイチェル; |Laura|ローラ; |Amanda|アマンダ; |Ashley|アシュリー; |Megan|ミーガン;
|Charlotte|シャーロット; |Amelia|アメリア; |Grace|グレース; |Chloe|クロエ; |Lucy|ルーシー;
|Ava|エイバ
"""

_FR_FAMILY = """
|Martin|マルタン; |Bernard|ベルナール; |Dubois|デュボワ; |Thomas|トマ; |Robert|ロベール;
|Richard|リシャール; |Petit|プティ; |Durand|デュラン; |Leroy|ルロワ; |Moreau|モロー;
|Simon|シモン; |Laurent|ローラン; |Lefèvre|ルフェーヴル; |Michel|ミシェル; |Fournier|フルニエ;
|Girard|ジラール; |Bonnet|ボネ; |Dupont|デュポン; |Lambert|ランベール; |Rousseau|ルソー;
|Mercier|メルシエ
"""
_FR_MALE = """
|Jean|ジャン; |Pierre|ピエール; |Louis|ルイ; |Nicolas|ニコラ; |Julien|ジュリアン; |Thomas|トマ;
|Antoine|アントワーヌ; |François|フランソワ; |Mathieu|マチュー; |Hugo|ユゴー; |Lucas|リュカ;
|Léo|レオ; |Gabriel|ガブリエル; |Arthur|アルチュール; |Théo|テオ; |Baptiste|バティスト;
|Olivier|オリヴィエ; |Sébastien|セバスチャン; |Étienne|エティエンヌ; |Raphaël|ラファエル
"""
_FR_FEMALE = """
|Marie|マリー; |Camille|カミーユ; |Julie|ジュリー; |Sophie|ソフィー; |Céline|セリーヌ;
|Claire|クレール; |Élodie|エロディ; |Chloé|クロエ; |Léa|レア; |Manon|マノン; |Emma|エマ;
|Inès|イネス; |Louise|ルイーズ; |Juliette|ジュリエット; |Amélie|アメリ; |Mathilde|マチルド;
|Hélène|エレーヌ; |Nathalie|ナタリー; |Isabelle|イザベル; |Aurélie|オーレリー
"""


# ---------------------------------------------------------------------------------------------
# Cultures: naming rules, languages, household shapes and habits of one group of people
# ---------------------------------------------------------------------------------------------

# How family names pass within a household.
_PATRILINEAL = "patrilineal"  # wife and children take the husband's family name
_WIFE_KEEPS = "wife_keeps"  # wife keeps hers, children take the father's (CN, KR, VN, Arabic...)
_HISPANIC = "hispanic"  # two surnames; children get father's first + mother's first
_PATRONYMIC = "patronymic"  # Mongolia: the father's given name stands in for a family name
_NO_FAMILY = "none"  # Myanmar: no family names at all
_INDIVIDUAL = "individual"  # Indonesia: second names are personal, not shared

# Household sizes 1..7. Most foreign residents are working-age adults: children are only
# about 14% of them, so families with children are a minority of households.
_SIZES_DEFAULT = (55, 26, 10, 7, 1.5, 0.5, 0)
_SIZES_SINGLES = (70, 16, 7, 5, 2, 0, 0)  # students and technical interns
_SIZES_LARGE = (38, 20, 16, 14, 8, 3, 1)  # Filipino, Brazilian, South Asian families
_SIZES_NEPAL = (45, 16, 15, 16, 6, 2, 0)
_SIZES_WESTERN = (55, 28, 9, 6, 2, 0, 0)

_JA_TYPICAL = (8, 30, 35, 25, 2)
_JA_NEWCOMER = (14, 46, 30, 10, 0)
_JA_WESTERN = (25, 35, 25, 15, 0)
_JA_CHILD = (4, 12, 24, 36, 24)

_Extra = tuple[str, float, _Table[str]]


@dataclass(frozen=True)
class _Culture:
    """Naming rules, languages, household shapes and habits of one group of people."""

    key: str
    nationality: str | None
    family: tuple[_Family, ...]
    male: tuple[_Name, ...]
    female: tuple[_Name, ...]
    family_first: bool  # order of the native-script name
    native_sep: str  # between family and given name in native script
    surname_rule: str
    main_language: str
    main_level: _Table[str]
    extras: tuple[_Extra, ...]
    ja_adult: _Table[str]
    ja_child: _Table[str]
    sizes: _Table[int]
    mean_size: float
    muslim: float  # share of households observing Muslim dietary rules
    hindu: float
    vegetarian: float  # among Hindu households, or anyone when hindu == 0
    vegan: float
    messaging: _Table[str]
    calling_code: str
    elder_share: float  # single/couple households that are 65+
    female_singles: float


def _culture(
    key: str,
    nationality: str | None,
    names: tuple[str, str, str],
    *,
    language: str,
    extras: Sequence[tuple[str, float, tuple[float, float, float, float]]] = (),
    family_first: bool = False,
    native_sep: str = " ",
    rule: str = _PATRILINEAL,
    main_level: tuple[float, float, float, float] = (1, 0, 0, 0),
    ja_adult: tuple[float, float, float, float, float] = _JA_TYPICAL,
    ja_child: tuple[float, float, float, float, float] = _JA_CHILD,
    sizes: tuple[float, ...] = _SIZES_DEFAULT,
    muslim: float = 0.0,
    hindu: float = 0.0,
    vegetarian: float = 0.01,
    vegan: float = 0.0,
    messaging: Sequence[tuple[str, float]] = (("line", 1),),
    calling_code: str = "81",
    elder_share: float = 0.06,
    female_singles: float = 0.45,
    family_from_given: bool = False,
) -> _Culture:
    family_spec, male_spec, female_spec = names
    male = _names(male_spec)
    female = _names(female_spec)
    if rule == _NO_FAMILY:
        family: tuple[_Family, ...] = ()
    elif family_from_given:
        family = tuple((n, n) for n in male)
    else:
        family = _families(family_spec)
    size_table = _Table(list(zip(range(1, len(sizes) + 1), sizes)))
    mean_size = sum(n * w for n, w in enumerate(sizes, start=1)) / sum(sizes)
    return _Culture(
        key=key,
        nationality=nationality,
        family=family,
        male=male,
        female=female,
        family_first=family_first,
        native_sep=native_sep,
        surname_rule=rule,
        main_language=language,
        main_level=_levels(*main_level),
        extras=tuple((code, p, _levels(*w)) for code, p, w in extras),
        ja_adult=_ja(*ja_adult),
        ja_child=_ja(*ja_child),
        sizes=size_table,
        mean_size=mean_size,
        muslim=muslim,
        hindu=hindu,
        vegetarian=vegetarian,
        vegan=vegan,
        messaging=_Table(list(messaging)),
        calling_code=calling_code,
        elder_share=elder_share,
        female_singles=female_singles,
    )


# Level weights for second languages: (native, fluent, conversational, basic).
_EN_GOOD = (0, 50, 35, 15)
_EN_SOME = (0, 15, 40, 45)
_EN_BASIC = (0, 5, 30, 65)

_JP = _culture(
    "JP", "JP", (_JA_FAMILY, _JA_MALE, _JA_FEMALE),
    language="ja", family_first=True, ja_adult=(0, 0, 0, 0, 1), ja_child=(0, 0, 0, 0, 1),
    extras=(("en", 0.3, _EN_BASIC),),
)

_CULTURES_BY_NATIONALITY: dict[str, tuple[tuple[_Culture, float], ...]] = {
    "CN": ((_culture(
        "CN", "CN", (_CN_FAMILY, _CN_MALE, _CN_FEMALE), language="zh-Hans",
        family_first=True, native_sep="", rule=_WIFE_KEEPS, extras=(("en", 0.25, _EN_SOME),),
        messaging=(("wechat", 70), ("line", 28), ("whatsapp", 2)), calling_code="86",
        elder_share=0.07, female_singles=0.55,
    ), 1.0),),
    "TW": ((_culture(
        "TW", "TW", (_TW_FAMILY, _TW_MALE, _TW_FEMALE), language="zh-Hant",
        family_first=True, native_sep="", rule=_WIFE_KEEPS, extras=(("en", 0.35, _EN_SOME),),
        ja_adult=(4, 22, 36, 35, 3), vegetarian=0.05, messaging=(("line", 95), ("messenger", 5)),
        calling_code="886", female_singles=0.6,
    ), 1.0),),
    "KR": (
        (_culture(
            "KR", "KR", (_KR_FAMILY, _KR_MALE, _KR_FEMALE), language="ko",
            family_first=True, native_sep="", rule=_WIFE_KEEPS, extras=(("en", 0.3, _EN_SOME),),
            ja_adult=(5, 22, 35, 35, 3), messaging=(("kakao", 75), ("line", 25)),
            calling_code="82", female_singles=0.55,
        ), 0.7),
        # Zainichi Koreans: born and raised in Japan, often old, Japanese is their first language.
        (_culture(
            "KR-zainichi", "KR", (_KR_FAMILY, _KR_MALE, _KR_FEMALE), language="ko",
            family_first=True, native_sep="", rule=_WIFE_KEEPS, main_level=(0, 10, 30, 60),
            ja_adult=(0, 0, 2, 15, 83), ja_child=(0, 0, 0, 5, 95),
            messaging=(("line", 90), ("kakao", 10)), calling_code="82", elder_share=0.35,
        ), 0.3),
    ),
    "VN": ((_culture(
        "VN", "VN", (_VN_FAMILY, _VN_MALE, _VN_FEMALE), language="vi", family_first=True,
        rule=_WIFE_KEEPS, extras=(("en", 0.15, _EN_BASIC),), ja_adult=(12, 46, 32, 10, 0),
        sizes=_SIZES_SINGLES, messaging=(("zalo", 50), ("messenger", 25), ("line", 25)),
        calling_code="84", elder_share=0.01, female_singles=0.45,
    ), 1.0),),
    "PH": ((_culture(
        "PH", "PH", (_PH_FAMILY, _PH_MALE, _PH_FEMALE), language="tl",
        extras=(("en", 0.88, (0, 55, 33, 12)),), ja_adult=(8, 34, 40, 17, 1), sizes=_SIZES_LARGE,
        messaging=(("messenger", 55), ("viber", 15), ("line", 20), ("whatsapp", 10)),
        calling_code="63", elder_share=0.03, female_singles=0.65,
    ), 1.0),),
    "BR": ((_culture(
        "BR", "BR", (_BR_FAMILY, _BR_MALE, _BR_FEMALE), language="pt-BR",
        extras=(("es", 0.3, (0, 10, 45, 45)), ("en", 0.12, _EN_SOME)),
        ja_adult=(15, 40, 32, 12, 1), sizes=_SIZES_LARGE,
        messaging=(("whatsapp", 80), ("line", 20)), calling_code="55", elder_share=0.06,
    ), 1.0),),
    "PE": ((_culture(
        "PE", "PE", (_PE_FAMILY, _HISPANIC_MALE, _HISPANIC_FEMALE), language="es",
        rule=_HISPANIC, extras=(("pt-BR", 0.25, (0, 10, 40, 50)), ("en", 0.1, _EN_SOME)),
        ja_adult=(15, 40, 32, 12, 1), sizes=_SIZES_LARGE,
        messaging=(("whatsapp", 80), ("line", 20)), calling_code="51", elder_share=0.06,
    ), 1.0),),
    "MX": ((_culture(
        "MX", "MX", (_MX_FAMILY, _HISPANIC_MALE, _HISPANIC_FEMALE), language="es",
        rule=_HISPANIC, extras=(("en", 0.45, _EN_SOME),), ja_adult=_JA_WESTERN,
        sizes=_SIZES_WESTERN, messaging=(("whatsapp", 85), ("line", 15)), calling_code="52",
    ), 1.0),),
    "ES": ((_culture(
        "ES", "ES", (_ES_FAMILY, _HISPANIC_MALE, _HISPANIC_FEMALE), language="es",
        rule=_HISPANIC, extras=(("en", 0.5, _EN_SOME), ("fr", 0.1, _EN_BASIC)),
        ja_adult=_JA_WESTERN, sizes=_SIZES_WESTERN, vegetarian=0.04,
        messaging=(("whatsapp", 85), ("line", 15)), calling_code="34",
    ), 1.0),),
    "NP": ((_culture(
        "NP", "NP", (_NP_FAMILY, _NP_MALE, _NP_FEMALE), language="ne",
        extras=(("en", 0.6, _EN_SOME), ("hi", 0.4, (0, 30, 50, 20))), ja_adult=_JA_NEWCOMER,
        sizes=_SIZES_NEPAL, hindu=0.85, vegetarian=0.12,
        messaging=(("viber", 35), ("messenger", 30), ("whatsapp", 25), ("line", 10)),
        calling_code="977", elder_share=0.01, female_singles=0.35,
    ), 1.0),),
    "IN": (
        (_culture(
            "IN", "IN", (_IN_FAMILY, _IN_MALE, _IN_FEMALE), language="hi",
            extras=(("en", 0.92, (0, 60, 30, 10)),), ja_adult=(25, 40, 25, 10, 0),
            sizes=_SIZES_DEFAULT, hindu=1.0, vegetarian=0.3,
            messaging=(("whatsapp", 92), ("line", 8)), calling_code="91", elder_share=0.02,
            female_singles=0.25,
        ), 0.88),
        (_culture(
            "IN-muslim", "IN", (_UR_FAMILY, _UR_MALE, _UR_FEMALE), language="ur",
            rule=_WIFE_KEEPS, extras=(("hi", 0.9, (0, 70, 25, 5)), ("en", 0.85, _EN_GOOD)),
            ja_adult=(25, 40, 25, 10, 0), muslim=0.9, messaging=(("whatsapp", 95), ("line", 5)),
            calling_code="91", elder_share=0.02, female_singles=0.2,
        ), 0.12),
    ),
    "PK": ((_culture(
        "PK", "PK", (_UR_FAMILY, _UR_MALE, _UR_FEMALE), language="ur", rule=_WIFE_KEEPS,
        extras=(("en", 0.65, _EN_SOME),), ja_adult=(18, 40, 28, 14, 0), sizes=_SIZES_LARGE,
        muslim=0.95, messaging=(("whatsapp", 95), ("line", 5)), calling_code="92",
        elder_share=0.02, female_singles=0.1,
    ), 1.0),),
    "BD": ((_culture(
        "BD", "BD", (_BD_FAMILY, _BD_MALE, _BD_FEMALE), language="bn", rule=_WIFE_KEEPS,
        extras=(("en", 0.55, _EN_SOME), ("hi", 0.1, (0, 10, 40, 50))),
        ja_adult=(18, 42, 28, 12, 0), sizes=_SIZES_LARGE, muslim=0.9,
        messaging=(("whatsapp", 40), ("messenger", 35), ("viber", 15), ("line", 10)),
        calling_code="880", elder_share=0.02, female_singles=0.15,
    ), 1.0),),
    "LK": ((_culture(
        "LK", "LK", (_LK_FAMILY, _LK_MALE, _LK_FEMALE), language="si",
        extras=(("en", 0.55, _EN_SOME),), ja_adult=_JA_NEWCOMER, sizes=_SIZES_SINGLES,
        vegetarian=0.05, messaging=(("whatsapp", 50), ("viber", 35), ("line", 15)),
        calling_code="94", elder_share=0.01, female_singles=0.3,
    ), 1.0),),
    "TH": ((_culture(
        "TH", "TH", (_TH_FAMILY, _TH_MALE, _TH_FEMALE), language="th",
        extras=(("en", 0.25, _EN_BASIC),), ja_adult=(12, 38, 35, 15, 0), vegetarian=0.02,
        messaging=(("line", 92), ("messenger", 8)), calling_code="66", female_singles=0.7,
    ), 1.0),),
    "ID": ((_culture(
        "ID", "ID", (_ID_FAMILY, _ID_MALE, _ID_FEMALE), language="id", rule=_INDIVIDUAL,
        extras=(("en", 0.35, _EN_SOME),), ja_adult=_JA_NEWCOMER, sizes=_SIZES_SINGLES,
        muslim=0.85, messaging=(("whatsapp", 85), ("line", 15)), calling_code="62",
        elder_share=0.01, female_singles=0.4,
    ), 1.0),),
    "MM": ((_culture(
        "MM", "MM", ("", _MM_MALE_SYLLABLES, _MM_FEMALE_SYLLABLES), language="my",
        rule=_NO_FAMILY, extras=(("en", 0.35, _EN_SOME),), ja_adult=_JA_NEWCOMER,
        sizes=_SIZES_SINGLES, messaging=(("viber", 55), ("messenger", 35), ("line", 10)),
        calling_code="95", elder_share=0.01, female_singles=0.5,
    ), 1.0),),
    "KH": ((_culture(
        "KH", "KH", (_KH_FAMILY, _KH_MALE, _KH_FEMALE), language="km", family_first=True,
        rule=_WIFE_KEEPS, extras=(("en", 0.2, _EN_BASIC),), ja_adult=(10, 35, 38, 15, 2),
        messaging=(("telegram", 45), ("messenger", 35), ("line", 20)), calling_code="855",
        elder_share=0.06,
    ), 1.0),),
    "MN": ((_culture(
        "MN", "MN", ("", _MN_MALE, _MN_FEMALE), language="mn", family_first=True,
        rule=_PATRONYMIC, family_from_given=True,
        extras=(("ru", 0.2, (0, 20, 40, 40)), ("en", 0.3, _EN_SOME)),
        ja_adult=(10, 38, 37, 15, 0),
        messaging=(("messenger", 60), ("line", 25), ("whatsapp", 15)),
        calling_code="976", elder_share=0.02,
    ), 1.0),),
    "US": ((_culture(
        "US", "US", (_EN_FAMILY_US, _EN_MALE, _EN_FEMALE), language="en",
        extras=(("es", 0.12, (0, 20, 40, 40)), ("fr", 0.04, _EN_BASIC)), ja_adult=_JA_WESTERN,
        sizes=_SIZES_WESTERN, vegetarian=0.05, vegan=0.015,
        messaging=(("whatsapp", 40), ("line", 40), ("messenger", 20)), calling_code="1",
        elder_share=0.05,
    ), 1.0),),
    "GB": ((_culture(
        "GB", "GB", (_EN_FAMILY_GB, _EN_MALE, _EN_FEMALE), language="en",
        extras=(("fr", 0.1, _EN_BASIC),), ja_adult=_JA_WESTERN, sizes=_SIZES_WESTERN,
        vegetarian=0.07, vegan=0.02, messaging=(("whatsapp", 60), ("line", 40)),
        calling_code="44",
    ), 1.0),),
    "FR": ((_culture(
        "FR", "FR", (_FR_FAMILY, _FR_MALE, _FR_FEMALE), language="fr",
        extras=(("en", 0.6, _EN_SOME),), ja_adult=_JA_WESTERN, sizes=_SIZES_WESTERN,
        vegetarian=0.05, vegan=0.01, messaging=(("whatsapp", 60), ("line", 40)),
        calling_code="33",
    ), 1.0),),
    "RU": ((_culture(
        "RU", "RU", (_RU_FAMILY, _RU_MALE, _RU_FEMALE), language="ru",
        extras=(("en", 0.35, _EN_SOME),), ja_adult=(20, 35, 30, 15, 0), sizes=_SIZES_WESTERN,
        messaging=(("telegram", 60), ("whatsapp", 30), ("line", 10)), calling_code="7",
        female_singles=0.6,
    ), 1.0),),
    # Ukrainians mostly arrived after 2022; a third use Russian as their main language.
    "UA": (
        (_culture(
            "UA", "UA", (_UA_FAMILY, _UA_MALE, _UA_FEMALE), language="uk",
            extras=(("ru", 0.8, (0, 70, 25, 5)), ("en", 0.35, _EN_SOME)),
            ja_adult=(50, 35, 12, 3, 0), ja_child=(20, 40, 30, 10, 0),
            messaging=(("telegram", 50), ("viber", 30), ("whatsapp", 20)),
            calling_code="380", female_singles=0.75,
        ), 0.7),
        (_culture(
            "UA-ru", "UA", (_UA_FAMILY, _UA_MALE, _UA_FEMALE), language="ru",
            extras=(("uk", 0.85, (0, 60, 35, 5)), ("en", 0.3, _EN_SOME)),
            ja_adult=(50, 35, 12, 3, 0), ja_child=(20, 40, 30, 10, 0),
            messaging=(("telegram", 60), ("viber", 25), ("whatsapp", 15)),
            calling_code="380", female_singles=0.75,
        ), 0.3),
    ),
    "IR": ((_culture(
        "IR", "IR", (_IR_FAMILY, _IR_MALE, _IR_FEMALE), language="fa", rule=_WIFE_KEEPS,
        extras=(("en", 0.35, _EN_SOME),), ja_adult=(8, 27, 40, 25, 0), muslim=0.55,
        messaging=(("whatsapp", 50), ("telegram", 40), ("line", 10)), calling_code="98",
        elder_share=0.05,
    ), 1.0),),
    "EG": ((_culture(
        "EG", "EG", (_EG_FAMILY, _AR_MALE, _AR_FEMALE), language="ar", rule=_WIFE_KEEPS,
        extras=(("en", 0.5, _EN_SOME),), ja_adult=(25, 40, 25, 10, 0), sizes=_SIZES_LARGE,
        muslim=0.85, messaging=(("whatsapp", 92), ("line", 8)), calling_code="20",
        female_singles=0.2,
    ), 1.0),),
    "SY": ((_culture(
        "SY", "SY", (_SY_FAMILY, _AR_MALE, _AR_FEMALE), language="ar", rule=_WIFE_KEEPS,
        extras=(("en", 0.35, _EN_SOME), ("fr", 0.1, _EN_BASIC)), ja_adult=(30, 40, 22, 8, 0),
        sizes=_SIZES_LARGE, muslim=0.85, messaging=(("whatsapp", 95), ("line", 5)),
        calling_code="963", female_singles=0.2,
    ), 1.0),),
}

# Japanese nationals who still need language help: families back from Latin America (Nikkei),
# descendants of Japanese left behind in China, children who grew up abroad.
_RETURNEES: tuple[tuple[_Culture, float], ...] = tuple(
    (_culture(
        f"JP-{lang}", "JP", (_JA_FAMILY, _JA_MALE, _JA_FEMALE), language=lang,
        family_first=True, extras=extra, ja_adult=(8, 40, 40, 12, 0), ja_child=(8, 35, 35, 20, 2),
        messaging=messaging,
    ), weight)
    for lang, extra, messaging, weight in (
        ("pt-BR", (("es", 0.2, (0, 10, 40, 50)),), (("whatsapp", 70), ("line", 30)), 40),
        ("es", (("pt-BR", 0.2, (0, 10, 40, 50)),), (("whatsapp", 70), ("line", 30)), 15),
        ("zh-Hans", (), (("wechat", 60), ("line", 40)), 30),
        ("en", (), (("line", 60), ("whatsapp", 40)), 15),
    )
)
_RETURNEE_PERSON_WEIGHT = 0.35

# Foreign partners in international marriages, and how often that partner is the wife.
_INTL_PARTNERS: tuple[tuple[str, float, float], ...] = (
    ("PH", 26, 0.9), ("CN", 24, 0.8), ("KR", 12, 0.6), ("TH", 8, 0.9), ("BR", 6, 0.6),
    ("VN", 5, 0.8), ("US", 7, 0.25), ("GB", 3, 0.25), ("PE", 3, 0.6), ("ID", 2, 0.7),
    ("FR", 2, 0.3), ("RU", 2, 0.9),
)
_INTL_HOUSEHOLD_SHARE = 0.018
_INTL_SIZES = _Table([(2, 35), (3, 30), (4, 25), (5, 10)])
_FOREIGN_GIVEN_FOR_JP_CHILD = frozenset({"PH", "BR", "PE", "US", "GB", "FR", "RU", "ID", "TH"})

_INTL_FOREIGN_JA = _ja(3, 22, 45, 28, 2)  # married to a Japanese: better Japanese than average
_INTL_JP_SPOUSE_LEVEL = _levels(0, 10, 40, 50)
_JP_CHILD_FOREIGN_LEVEL = _levels(0, 25, 40, 35)
_JP_CHILD_MOVED_JA = _ja(10, 45, 35, 10, 0)
_GRANDPARENT_JA = _ja(55, 33, 10, 2, 0)  # came later to look after the grandchildren
_OLD_PARENT_JA = _ja(45, 35, 15, 5, 0)
_HOME_LEVEL_IF_JA_NATIVE = _levels(0, 30, 45, 25)
_HOME_LEVEL_IF_JA_FLUENT = _levels(60, 25, 15, 0)

_UNRECORDED_NATIONALITY = 0.03
_HOUSEHOLD_STATUS = _Table([("checked_in", 90), ("left", 7), ("transferred", 3)])
_CONSENT_BASIS = _Table([("consent", 88), ("emergency", 9), ("none", 3)])


def _first_culture(nationality: str) -> _Culture:
    return _CULTURES_BY_NATIONALITY[nationality][0][0]


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------

_CITIES: tuple[tuple[str, str, str, float, tuple[tuple[str, str], ...]], ...] = (
    # (district prefix for addresses, name, romaji, weight, wards)
    ("", "横浜市", "Yokohama", 40, (
        ("鶴見区", "Tsurumi"), ("神奈川区", "Kanagawa"), ("西区", "Nishi"), ("中区", "Naka"),
        ("南区", "Minami"), ("港南区", "Konan"), ("保土ケ谷区", "Hodogaya"), ("旭区", "Asahi"),
        ("磯子区", "Isogo"), ("金沢区", "Kanazawa"), ("港北区", "Kohoku"), ("緑区", "Midori"),
        ("青葉区", "Aoba"), ("都筑区", "Tsuzuki"), ("戸塚区", "Totsuka"), ("栄区", "Sakae"),
        ("泉区", "Izumi"), ("瀬谷区", "Seya"),
    )),
    ("", "川崎市", "Kawasaki", 16, (
        ("川崎区", "Kawasaki"), ("幸区", "Saiwai"), ("中原区", "Nakahara"), ("高津区", "Takatsu"),
        ("宮前区", "Miyamae"), ("多摩区", "Tama"), ("麻生区", "Asao"),
    )),
    ("", "相模原市", "Sagamihara", 8, (("緑区", "Midori"), ("中央区", "Chuo"), ("南区", "Minami"))),
    ("", "横須賀市", "Yokosuka", 3, ()),
    ("", "藤沢市", "Fujisawa", 4, ()),
    ("", "平塚市", "Hiratsuka", 3, ()),
    ("", "大和市", "Yamato", 4, ()),
    ("", "厚木市", "Atsugi", 3, ()),
    ("愛甲郡", "愛川町", "Aikawa", 2, ()),
    ("", "綾瀬市", "Ayase", 2, ()),
    ("", "海老名市", "Ebina", 2, ()),
    ("", "座間市", "Zama", 2, ()),
    ("", "茅ヶ崎市", "Chigasaki", 2, ()),
    ("", "小田原市", "Odawara", 1.5, ()),
    ("", "秦野市", "Hadano", 1, ()),
    ("", "伊勢原市", "Isehara", 1, ()),
    ("", "鎌倉市", "Kamakura", 1, ()),
    ("高座郡", "寒川町", "Samukawa", 0.5, ()),
)

_PLACE_STEMS = _names("""
大野|Ono|; 上溝|Kamimizo|; 相原|Aihara|; 淵野辺|Fuchinobe|; 鶴見|Tsurumi|; 日吉|Hiyoshi|;
綱島|Tsunashima|; 菊名|Kikuna|; 本郷|Hongo|; 小杉|Kosugi|; 溝口|Mizonokuchi|; 登戸|Noborito|;
鵠沼|Kugenuma|; 辻堂|Tsujido|; 浜見|Hamami|; 若葉|Wakaba|; 桜台|Sakuradai|; 柿生|Kakio|;
長津田|Nagatsuta|; 中山|Nakayama|; 二俣川|Futamatagawa|; 上瀬谷|Kamiseya|; 汲沢|Gumisawa|;
中津|Nakatsu|; 春日台|Kasugadai|; 上今泉|Kamiimaizumi|; 鶴間|Tsuruma|; 南林間|Minamirinkan|;
相武台|Sobudai|; 荻野|Ogino|; 六浦|Mutsuura|; 富岡|Tomioka|; 追浜|Oppama|; 久里浜|Kurihama|;
衣笠|Kinugasa|; 浦賀|Uraga|; 松浪|Matsunami|; 浜竹|Hamatake|; 渋沢|Shibusawa|;
鴨宮|Kamonomiya|; 国府津|Kozu|; 酒匂|Sakawa|; 潮田|Ushioda|; 矢向|Yako|; 下末吉|Shimosueyoshi|;
岸谷|Kishiya|; 生麦|Namamugi|; 本牧|Honmoku|; 根岸|Negishi|; 杉田|Sugita|; 野庭|Noba|;
港南台|Konandai|; 希望ヶ丘|Kibogaoka|; 三ツ境|Mitsukyo|; 仲町台|Nakamachidai|; 川和|Kawawa|;
荏田|Eda|; 十日市場|Tokaichiba|; 霧が丘|Kirigaoka|; 宮内|Miyauchi|; 末長|Suenaga|;
田奈|Tana|; 上星川|Kamihoshikawa|; 大島|Oshima|; 桜本|Sakuramoto|; 小田|Oda|
""")
_PLACE_SUFFIXES: _Table[tuple[str, str]] = _Table([
    (("", ""), 50), (("北", "kita"), 8), (("南", "minami"), 8), (("東", "higashi"), 8),
    (("西", "nishi"), 8), (("中央", "chuo"), 3),
])

# (type in Japanese, in English, municipal "立" prefix?, capacity range, weight)
_FACILITIES: tuple[tuple[str, str, str, tuple[int, int], float], ...] = (
    ("小学校", "Elementary School", "municipal", (250, 900), 40),
    ("中学校", "Junior High School", "municipal", (300, 1000), 22),
    ("高等学校", "High School", "prefectural", (300, 1200), 6),
    ("公民館", "Community Hall", "plain", (80, 300), 12),
    ("地区センター", "District Center", "plain", (80, 250), 8),
    ("体育館", "Gymnasium", "plain", (300, 1200), 7),
    ("コミュニティセンター", "Community Center", "plain", (80, 300), 5),
)
_ORDINALS = ("第二", "第三", "第四", "第五", "第六", "第七", "第八", "第九")
_ORDINALS_EN = ("No. 2", "No. 3", "No. 4", "No. 5", "No. 6", "No. 7", "No. 8", "No. 9")


# ---------------------------------------------------------------------------------------------
# Needs, notes and contact details
# ---------------------------------------------------------------------------------------------

_ALLERGENS: _Table[str] = _Table([
    ("egg", 30), ("milk", 20), ("wheat", 12), ("shrimp", 10), ("peanut", 8), ("crab", 6),
    ("walnut", 6), ("buckwheat", 5), ("sesame", 3), ("soy", 2), ("fish", 2), ("other", 1),
])
_CONDITIONS: _Table[tuple[str, str]] = _Table([
    (("diabetes", "insulin"), 20), (("high blood pressure", "blood pressure medicine"), 25),
    (("asthma", "inhaler"), 15), (("heart disease", "blood thinner"), 8),
    (("epilepsy", "anti-seizure medicine"), 4), (("kidney disease, dialysis 3x a week", ""), 3),
    (("thyroid disorder", "thyroid hormone"), 5), (("recent surgery", "painkillers"), 4),
    (("injured in the earthquake", ""), 10), (("atopic dermatitis", "steroid ointment"), 6),
])
_DISABILITIES: _Table[str] = _Table([
    ("hearing impairment", 25), ("visual impairment", 15), ("wheelchair user", 15),
    ("intellectual disability", 20), ("autism spectrum", 15), ("speech impairment", 5),
])
_DETAILS: dict[str, _Table[str]] = {
    "mobility": _Table([
        ("uses a cane", 30), ("cannot climb stairs", 25), ("leg injured in the earthquake", 15),
        ("uses a walker", 10), ("", 20),
    ]),
    "elderly": _Table([
        ("", 50), ("lives alone normally", 20), ("needs help with meals", 15),
        ("mild dementia", 15),
    ]),
    "mental_health": _Table([
        ("anxiety after the earthquake", 35), ("cannot sleep", 25), ("panic attacks", 10),
        ("depression, under treatment", 10), ("", 20),
    ]),
    "lost_documents": _Table([
        ("residence card lost", 40), ("passport lost", 25),
        ("passport and residence card left at home", 25), ("My Number card lost", 10),
    ]),
    "embassy_contact": _Table([
        ("wants to report to embassy", 30), ("about lost passport", 30),
        ("asks embassy to inform family", 20), ("", 20),
    ]),
    "family_contact": _Table([
        ("cannot reach family abroad", 35), ("spouse working in another city", 20),
        ("searching for a relative", 15), ("child's school not yet contacted", 10), ("", 20),
    ]),
    "infant": _Table([
        ("needs formula milk and diapers", 45), ("breastfed; mother needs private space", 25),
        ("needs baby food", 15), ("", 15),
    ]),
    "diet_halal": _Table([
        ("", 60), ("no pork, no alcohol in cooking", 30), ("halal meat only", 10),
    ]),
    "diet_vegetarian": _Table([("", 50), ("eats eggs and dairy", 30), ("no eggs", 20)]),
    "prayer_space": _Table([("", 50), ("five daily prayers; quiet corner and water for wudu", 50)]),
}

_NOTES: _Table[str] = _Table([
    ("Prefers female staff", 10), ("Works night shifts at a food factory", 8),
    ("Technical intern; supervising organisation informed", 10),
    ("Student at a Japanese language school", 10), ("Came with a small dog", 6),
    ("Car parked in the school yard", 6), ("Lost reading glasses", 5),
    ("Asked about temporary housing", 8), ("Relative in Tokyo may pick up", 5),
    ("Asked about the disaster victim certificate", 6), ("ペット同伴（猫）", 4),
    ("勤務先に連絡済み", 6), ("夜勤明けのため日中は休息希望", 4), ("通訳ボランティア希望", 3),
])

_MOBILE_PREFIXES: _Table[str] = _Table([("090", 45), ("080", 40), ("070", 15)])
_HANDLE_CHARS = "abcdefghijkmnpqrstuvwxyz23456789"
_PHONE_SCHEMES = frozenset({"whatsapp", "viber", "zalo"})  # accounts tied to a phone number

_SCOPE_RATES: tuple[tuple[str, float], ...] = (
    ("municipality", 0.95), ("support_center", 0.8), ("embassy", 0.2), ("family", 0.5),
    ("medical_staff", 0.55),
)
_LEVEL_RANK = {level: rank for rank, level in enumerate(LANGUAGE_LEVELS)}
_NO_TAGS: frozenset[str] = frozenset()
_HOSPITAL_RISK_TAGS = frozenset({"medical", "pregnancy", "elderly"})
_MEDICAL_SCOPE_TAGS = frozenset({"medical", "medication", "pregnancy", "disability", "allergy"})
_EMBASSY_SCOPE_TAGS = frozenset({"embassy_contact", "lost_documents"})


def _level_rank(pair: tuple[str, str]) -> int:
    return _LEVEL_RANK[pair[1]]

# Volunteers: how easy it is to find someone who speaks a language, relative to demand.
_INTERPRETER_SUPPLY: dict[str, float] = {
    "en": 3.0, "zh-Hans": 1.0, "zh-Hant": 0.8, "ko": 1.2, "vi": 0.5, "tl": 0.4, "pt-BR": 0.9,
    "es": 1.2, "fr": 1.5, "ru": 0.8, "th": 0.5, "id": 0.5, "ne": 0.15, "my": 0.1, "si": 0.1,
    "km": 0.1, "mn": 0.15, "bn": 0.1, "hi": 0.3, "ur": 0.1, "ar": 0.3, "fa": 0.1, "uk": 0.2,
}
_FOREIGN_VOLUNTEER_SHARE = 0.3
_VOLUNTEER_EN = _levels(0, 25, 45, 30)
_VOLUNTEER_INTERPRETING = _levels(0, 40, 45, 15)
_VOLUNTEER_FOREIGN_JA = _ja(0, 6, 36, 50, 8)
_EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

# Ordinal day ranges of birth dates giving exactly age `a` on REFERENCE_DATE.
_MAX_AGE = 100
_BIRTH_RANGES: tuple[tuple[int, int], ...] = tuple(
    (
        date(REFERENCE_DATE.year - a - 1, REFERENCE_DATE.month, REFERENCE_DATE.day).toordinal() + 1,
        date(REFERENCE_DATE.year - a, REFERENCE_DATE.month, REFERENCE_DATE.day).toordinal(),
    )
    for a in range(_MAX_AGE + 1)
)
_BAND_BY_AGE: tuple[str, ...] = tuple(age_band_for(a) for a in range(_MAX_AGE + 1))


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


class _Draft:
    """A household member before needs, contacts and status are filled in."""

    __slots__ = (
        "culture", "sex", "name_sex", "age", "given", "family", "nationality", "languages",
        "ja_level", "role",
    )

    def __init__(
        self,
        culture: _Culture,
        sex: str,
        age: int,
        given: _Name,
        family: tuple[_Family, ...],
        role: str,
    ) -> None:
        self.culture = culture
        self.sex = sex
        self.name_sex = sex
        self.age = age
        self.given = given
        self.family = family
        self.nationality: str | None = culture.nationality
        self.languages: list[tuple[str, str]] = []
        self.ja_level = "none"
        self.role = role


class _Generator:
    """Holds the random source and the tables derived from the culture data."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pairs: list[tuple[_Culture, float]] = []
        for nationality, weight in NATIONALITY_WEIGHTS.items():
            for culture, share in _CULTURES_BY_NATIONALITY[nationality]:
                # Weight households by persons / mean household size so person shares match.
                pairs.append((culture, weight * share / culture.mean_size))
        returnee_total = sum(share for _, share in _RETURNEES)
        for culture, share in _RETURNEES:
            weight = _RETURNEE_PERSON_WEIGHT * share / returnee_total
            pairs.append((culture, weight / culture.mean_size))
        self.cultures: _Table[_Culture] = _Table(pairs)
        self.intl_partners: _Table[tuple[str, float]] = _Table(
            [((nat, wife), w) for nat, w, wife in _INTL_PARTNERS]
        )
        self.slugs: dict[str, str] = {}
        self.used_given: set[str] = set()  # only for membership tests: order never matters
        self.used_handles: set[str] = set()  # an account name belongs to one person

    # -- names ------------------------------------------------------------------------------

    def given_name(self, culture: _Culture, sex: str) -> _Name:
        """A given name nobody else in the current household has (parents don't reuse them)."""
        for _ in range(6):
            name = self._given_name(culture, sex)
            if name.latin not in self.used_given:
                break
        self.used_given.add(name.latin)
        return name

    def _given_name(self, culture: _Culture, sex: str) -> _Name:
        rng = self.rng
        pool = culture.female if sex == "female" else culture.male
        if culture.surname_rule != _NO_FAMILY:
            return rng.choice(pool)
        count = 2 if rng.random() < 0.6 else 3
        parts: list[_Name] = []
        while len(parts) < count:
            part = rng.choice(pool)
            if part not in parts:
                parts.append(part)
        return _Name(
            " ".join(p.latin for p in parts), " ".join(p.ascii for p in parts),
            "".join(p.native for p in parts), " ".join(p.kana for p in parts),
        )

    def new_family(self, culture: _Culture) -> tuple[_Family, ...]:
        rng = self.rng
        rule = culture.surname_rule
        if rule == _NO_FAMILY or not culture.family:
            return ()
        first = rng.choice(culture.family)
        if rule != _HISPANIC:
            return (first,)
        second = rng.choice(culture.family)
        while second is first:
            second = rng.choice(culture.family)
        return (first, second)

    def render(self, d: _Draft) -> tuple[str, str, str]:
        """(Latin, native, kana) forms; Latin is always "FAMILY Given" order."""
        culture = d.culture
        given = d.given
        # Clerks copy either the passport (capitals, no diacritics) or the spelling people write.
        passport_style = self.rng.random() < 0.6
        if not d.family:
            latin = given.ascii.upper() if passport_style else given.latin
            return latin, given.native, given.kana
        form = 1 if d.name_sex == "female" else 0
        if len(d.family) == 1:
            part = d.family[0][form]
            family_latin = part.ascii.upper() if passport_style else part.latin
            family_native = part.native
            family_kana = part.kana
        else:
            parts = [f[form] for f in d.family]
            family_latin = (" ".join(p.ascii for p in parts).upper() if passport_style
                            else " ".join(p.latin for p in parts))
            family_native = " ".join(p.native for p in parts)
            family_kana = "・".join(p.kana for p in parts)
        latin = f"{family_latin} {given.ascii if passport_style else given.latin}"
        if culture.family_first:
            native = family_native + culture.native_sep + given.native
        else:
            native = f"{given.native} {family_native}"
        return latin, native, f"{family_kana} {given.kana}"

    # -- ages and languages -----------------------------------------------------------------

    def adult_languages(self, d: _Draft, ja_table: _Table[str] | None = None) -> None:
        rng = self.rng
        c = d.culture
        langs = [(c.main_language, c.main_level.pick(rng))]
        for code, p, levels in c.extras:
            if rng.random() < p:
                langs.append((code, levels.pick(rng)))
        d.ja_level = (ja_table or c.ja_adult).pick(rng)
        if d.age >= 65 and d.ja_level in ("basic", "conversational") and rng.random() < 0.3:
            d.ja_level = "none"  # older people who joined family later rarely learnt Japanese
        self._add_japanese(d, langs)

    def child_languages(self, d: _Draft, home_language: str) -> None:
        rng = self.rng
        if d.age < 3:
            d.ja_level = "none"
            d.languages = [(home_language, "native")]
            return
        d.ja_level = d.culture.ja_child.pick(rng)
        if d.age < 6 and d.ja_level == "native":
            d.ja_level = "fluent"
        if d.ja_level == "native":
            home_level = _HOME_LEVEL_IF_JA_NATIVE.pick(rng)
        elif d.ja_level == "fluent":
            home_level = _HOME_LEVEL_IF_JA_FLUENT.pick(rng)
        else:
            home_level = "native"
        langs = [(home_language, home_level)]
        if d.age >= 10 and rng.random() < 0.2 and home_language != "en":
            langs.append(("en", "basic"))
        self._add_japanese(d, langs)

    @staticmethod
    def _add_japanese(d: _Draft, langs: list[tuple[str, str]]) -> None:
        # Japanese goes into the language list only when it is good enough to be served in.
        if d.ja_level in ("fluent", "native") and not any(code == "ja" for code, _ in langs):
            langs.append(("ja", d.ja_level))
        # The first language is the main one: sort by level, keeping the home language first.
        if len(langs) > 1:
            langs.sort(key=_level_rank)
        d.languages = langs

    def child_ages(self, count: int) -> list[int]:
        """Ages of `count` siblings, oldest first, 1-4 years apart (sometimes twins)."""
        rng = self.rng
        if count <= 0:
            return []
        gaps = [rng.randint(1, 4) if rng.random() < 0.97 else 0 for _ in range(count - 1)]
        # Some grown-up children (18-24) still live with their parents.
        max_oldest = 17 if rng.random() < 0.9 else 24
        ages = [rng.randint(min(sum(gaps), max_oldest), max_oldest)]
        for gap in gaps:
            ages.append(max(0, ages[-1] - gap))
        return ages

    def mother_age(self, child_ages: list[int]) -> int:
        """A mother's age that fits her children: first child born when she was 20-38."""
        return (child_ages[0] if child_ages else 0) + self.rng.randint(20, 38)

    # -- households -------------------------------------------------------------------------

    def household(self, culture: _Culture, size: int) -> tuple[list[_Draft], int]:
        """Members (parents, grandparent, children) and the index of the head."""
        rng = self.rng
        if size == 1:
            return [self.single(culture)], 0
        r = rng.random()
        if size == 2 and r < 0.08:
            return self.adult_with_parent(culture), 0
        if r < 0.12 or (size == 2 and r < 0.2):
            return self.single_parent(culture, size - 1), 0
        grandparents = 1 if size >= 3 and rng.random() < 0.2 else 0
        relatives = 1 if size - grandparents >= 4 and rng.random() < 0.15 else 0
        members, head = self.couple(culture, size - 2 - grandparents - relatives, grandparents > 0)
        if relatives:
            members.insert(2 + grandparents, self.relative(culture))
        return members, head

    def single(self, culture: _Culture) -> _Draft:
        rng = self.rng
        sex = "female" if rng.random() < culture.female_singles else "male"
        r = rng.random()
        if r < culture.elder_share:
            age = rng.randint(65, 92)
        elif r < 0.72:
            age = rng.randint(19, 34)
        elif r < 0.94:
            age = rng.randint(35, 54)
        else:
            age = rng.randint(55, 64)
        d = _Draft(culture, sex, age, self.given_name(culture, sex),
                   self.adult_family(culture), "head")
        self.adult_languages(d)
        return d

    def patronymic(self, culture: _Culture) -> _Family:
        father = self.rng.choice(culture.male)
        return (father, father)

    def adult_family(self, culture: _Culture) -> tuple[_Family, ...]:
        """Family name(s) for an adult whose parents are not in the household."""
        if culture.surname_rule == _PATRONYMIC:
            return (self.patronymic(culture),)
        return self.new_family(culture)

    def couple(
        self, culture: _Culture, kids: int, grandparent: bool
    ) -> tuple[list[_Draft], int]:
        rng = self.rng
        elderly = kids == 0 and not grandparent and rng.random() < culture.elder_share * 2
        ages = self.child_ages(kids)
        if kids:
            woman_age = self.mother_age(ages)
            man_age = max(20, woman_age + rng.randint(-3, 8))
        else:
            man_age = rng.randint(65, 90) if elderly else rng.randint(22, 62)
            woman_age = max(18, man_age - rng.randint(-3, 8))
        husband = _Draft(culture, "male", man_age, self.given_name(culture, "male"),
                         self.adult_family(culture), "spouse")
        wife_family = (husband.family if culture.surname_rule == _PATRILINEAL
                       else self.adult_family(culture))
        wife = _Draft(culture, "female", woman_age, self.given_name(culture, "female"),
                      wife_family, "spouse")
        self.adult_languages(husband)
        self.adult_languages(wife)
        members = [husband, wife]
        if grandparent:
            members.append(self.grandparent(culture, husband, max(man_age, woman_age)))
        members.extend(self.children(culture, husband, wife, ages))
        # Whoever came to the desk is recorded as head; usually the husband.
        head = 0 if rng.random() < 0.7 else 1
        return members, head

    def relative(self, culture: _Culture) -> _Draft:
        """A sibling or cousin of one of the spouses living with the family."""
        rng = self.rng
        sex = "female" if rng.random() < 0.5 else "male"
        d = _Draft(culture, sex, rng.randint(18, 45), self.given_name(culture, sex),
                   self.adult_family(culture), "relative")
        self.adult_languages(d)
        return d

    def grandparent(self, culture: _Culture, father: _Draft, parent_age: int) -> _Draft:
        rng = self.rng
        sex = "female" if rng.random() < 0.65 else "male"
        age = min(_MAX_AGE, max(55, parent_age + rng.randint(22, 34)))
        d = self.parent_of(culture, father, sex, age)
        # Grandparents usually came later to look after the children and speak little Japanese.
        self.adult_languages(d, _GRANDPARENT_JA if culture.key != "KR-zainichi" else None)
        return d

    def parent_of(self, culture: _Culture, child: _Draft, sex: str, age: int) -> _Draft:
        """The (living-in) father or mother of an adult, named consistently with them."""
        rule = culture.surname_rule
        given: _Name | None = None
        if rule == _PATRILINEAL or (sex == "male" and rule == _WIFE_KEEPS):
            family = child.family
        elif rule == _HISPANIC and child.family:
            # The father passed on his first surname, the mother hers as the second.
            family = (child.family[0 if sex == "male" else 1], self.rng.choice(culture.family))
        else:
            family = self.adult_family(culture)
            if rule == _PATRONYMIC and sex == "male":
                given = child.family[0][0]  # the child's "family name" is his given name
                self.used_given.add(given.latin)
        return _Draft(culture, sex, age, given or self.given_name(culture, sex), family,
                      "grandparent")

    def children(
        self, culture: _Culture, father: _Draft | None, mother: _Draft | None, ages: list[int]
    ) -> list[_Draft]:
        rng = self.rng
        out: list[_Draft] = []
        if not ages:
            return out
        home_language = culture.main_language
        for age in ages:
            sex = "female" if rng.random() < 0.49 else "male"
            family = self.child_family(culture, father, mother)
            d = _Draft(culture, sex, age, self.given_name(culture, sex), family, "child")
            if age >= 18:
                self.adult_languages(d, culture.ja_child)
            else:
                self.child_languages(d, home_language)
            out.append(d)
        return out

    def child_family(
        self, culture: _Culture, father: _Draft | None, mother: _Draft | None
    ) -> tuple[_Family, ...]:
        """The family name(s) a child gets from its parents under the culture's rule."""
        rule = culture.surname_rule
        if rule in (_NO_FAMILY, _INDIVIDUAL):
            return self.new_family(culture)
        if rule == _PATRONYMIC:
            parent = father or mother
            assert parent is not None
            return ((parent.given, parent.given),)
        if rule == _HISPANIC:
            if father and mother:
                return (father.family[0], mother.family[0])
            parent = father or mother
            assert parent is not None
            return parent.family
        parent = father or mother
        assert parent is not None
        return parent.family

    def single_parent(self, culture: _Culture, kids: int) -> list[_Draft]:
        rng = self.rng
        sex = "female" if rng.random() < 0.8 else "male"
        ages = self.child_ages(kids)
        age = self.mother_age(ages) + (rng.randint(0, 5) if sex == "male" else 0)
        parent = _Draft(culture, sex, age, self.given_name(culture, sex),
                        self.adult_family(culture), "head")
        self.adult_languages(parent)
        father = parent if sex == "male" else None
        mother = parent if sex == "female" else None
        return [parent, *self.children(culture, father, mother, ages)]

    def adult_with_parent(self, culture: _Culture) -> list[_Draft]:
        rng = self.rng
        parent_sex = "female" if rng.random() < 0.65 else "male"
        sex = "female" if rng.random() < 0.5 else "male"
        age = rng.randint(35, 58)
        adult = _Draft(culture, sex, age, self.given_name(culture, sex),
                       self.adult_family(culture), "head")
        self.adult_languages(adult)
        old = self.parent_of(culture, adult, parent_sex, min(_MAX_AGE, age + rng.randint(22, 34)))
        self.adult_languages(old, _OLD_PARENT_JA if culture.key != "KR-zainichi" else None)
        return [adult, old]

    def international(self, size: int) -> tuple[list[_Draft], int]:
        """A Japanese national married to a foreign national, and their (Japanese) children."""
        rng = self.rng
        nationality, wife_share = self.intl_partners.pick(rng)
        foreign_culture = _first_culture(nationality)
        foreign_sex = "female" if rng.random() < wife_share else "male"
        jp_sex = "male" if foreign_sex == "female" else "female"
        ages = self.child_ages(size - 2)
        base = self.mother_age(ages) if ages else rng.randint(25, 70)
        # Foreign wives are often younger than their Japanese husbands; foreign husbands less so.
        if foreign_sex == "female":
            foreign_age, jp_age = base, base + rng.randint(-2, 12)
        else:
            foreign_age, jp_age = base + rng.randint(-3, 6), base
        foreign = _Draft(foreign_culture, foreign_sex, foreign_age,
                         self.given_name(foreign_culture, foreign_sex),
                         self.adult_family(foreign_culture), "spouse")
        self.adult_languages(foreign, _INTL_FOREIGN_JA)
        japanese = _Draft(_JP, jp_sex, jp_age, self.given_name(_JP, jp_sex),
                          self.new_family(_JP), "spouse")
        self.adult_languages(japanese)
        if rng.random() < 0.3:
            level = _INTL_JP_SPOUSE_LEVEL.pick(rng)
            japanese.languages = [
                *(pair for pair in japanese.languages if pair[0] != foreign.languages[0][0]),
                (foreign.languages[0][0], level),
            ]
        members = [japanese, foreign]
        # Recently moved from the foreign parent's country: the children need help too.
        moved_recently = rng.random() < 0.2
        for age in ages:
            sex = "female" if rng.random() < 0.49 else "male"
            if nationality in _FOREIGN_GIVEN_FOR_JP_CHILD and rng.random() < 0.4:
                g = self.given_name(foreign_culture, sex)
                given = _Name(g.latin, g.ascii, g.kana, g.kana)  # registered in katakana
            else:
                given = self.given_name(_JP, sex)
            child = _Draft(_JP, sex, age, given, japanese.family, "child")
            self.jp_child_languages(child, foreign.languages[0][0], moved_recently)
            members.append(child)
        head = 0 if rng.random() < 0.5 else 1
        return members, head

    def jp_child_languages(self, d: _Draft, foreign_language: str, moved_recently: bool) -> None:
        rng = self.rng
        if d.age < 3:
            # Keep japanese_level and a "ja" entry in languages saying the same thing.
            d.ja_level = "none" if moved_recently else "native"
            d.languages = [("ja" if not moved_recently else foreign_language, "native")]
            return
        if moved_recently:
            d.ja_level = _JP_CHILD_MOVED_JA.pick(rng)
            langs = [(foreign_language, "native")]
        else:
            d.ja_level = "native" if d.age >= 6 or rng.random() < 0.7 else "fluent"
            langs = [(foreign_language, _JP_CHILD_FOREIGN_LEVEL.pick(rng))]
        self._add_japanese(d, langs)

    # -- people -----------------------------------------------------------------------------

    def finish(
        self,
        d: _Draft,
        household_diet: list[tuple[str, str]],
        muslim: bool,
        status: str,
        consent_basis: str,
        scopes: list[str],
    ) -> SyntheticPerson:
        rng = self.rng
        age = d.age
        latin, native, kana = self.render(d)
        birth_known = rng.random() < (0.97 if age < 18 else 0.9)
        if birth_known:
            lo, hi = _BIRTH_RANGES[age]
            birth_date: str | None = date.fromordinal(rng.randint(lo, hi)).isoformat()
        else:
            birth_date = None
        needs = self.needs(d, household_diet if d.culture is not _JP or muslim else [], muslim)
        tags = {n["tag"] for n in needs} if needs else _NO_TAGS
        if status == "checked_in":
            risk = 0.06 if tags & _HOSPITAL_RISK_TAGS else 0.004
            if rng.random() < risk:
                status = "in_hospital"
        basis = consent_basis
        if status == "in_hospital" and basis == "consent" and rng.random() < 0.3:
            basis = "emergency"
        person_scopes: list[str] = []
        if basis == "consent":
            wanted = set(scopes)
            if tags:
                if tags & _MEDICAL_SCOPE_TAGS and rng.random() < 0.7:
                    wanted.add("medical_staff")
                if tags & _EMBASSY_SCOPE_TAGS:
                    wanted.add("embassy")
                if "family_contact" in tags:
                    wanted.add("family")
            # Keep the canonical order so equal sets compare equal as lists.
            person_scopes = [s for s in CONSENT_SCOPES if s in wanted] if tags else list(scopes)
        if age >= 18:
            phone = self.phone() if rng.random() < 0.88 else ""
        elif age >= 13:
            phone = self.phone() if rng.random() < 0.5 else ""
        else:
            phone = ""
        messaging = ""
        if (age >= 18 and rng.random() < 0.6) or (13 <= age < 18 and rng.random() < 0.4):
            messaging = self.messaging_id(d, phone)
        sex = d.sex
        if age >= 16:
            r = rng.random()
            if r < 0.002:
                sex = "other"
            elif r < 0.005:
                sex = "unknown"
        elif rng.random() < 0.002:
            sex = "unknown"
        easy = self.easy_japanese(d)
        return SyntheticPerson(
            name_latin=latin,
            name_native=native,
            name_kana=kana,
            sex=sex,
            birth_date=birth_date,
            age_band=_BAND_BY_AGE[age],
            nationality=d.nationality,
            languages=d.languages,
            japanese_level=d.ja_level,
            easy_japanese=easy,
            needs=needs,
            phone=phone,
            messaging_id=messaging,
            status=status,
            consent_basis=basis,
            consent_scopes=person_scopes,
            notes=_NOTES.pick(rng) if age >= 18 and rng.random() < 0.05 else "",
        )

    def easy_japanese(self, d: _Draft) -> bool:
        level = d.ja_level
        if d.age < 3:
            return False
        if level in ("fluent", "native"):
            return True
        if level == "conversational":
            return self.rng.random() < 0.97
        if level == "basic":
            return self.rng.random() < 0.85
        return self.rng.random() < 0.04

    def needs(
        self, d: _Draft, diet: list[tuple[str, str]], muslim: bool
    ) -> list[dict[str, str | list[str]]]:
        rng = self.rng
        age = d.age
        adult = age >= 18
        out: list[dict[str, str | list[str]]] = []

        def add(tag: str, detail: str = "") -> None:
            need: dict[str, str | list[str]] = {"tag": tag}
            if detail:
                need["detail"] = detail
            out.append(need)

        if age >= 2:
            for tag, detail in diet:
                if tag in ("diet_no_alcohol", "prayer_space") and not adult:
                    continue
                add(tag, detail)
        if muslim and adult and rng.random() < 0.35:
            add("prayer_space", _DETAILS["prayer_space"].pick(rng))
        if age <= 1:
            add("infant", _DETAILS["infant"].pick(rng))
        if rng.random() < (0.06 if age < 18 else 0.03):
            count = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.8 else 3)
            items: list[str] = []
            while len(items) < count:
                item = _ALLERGENS.pick(rng)
                if item not in items:
                    items.append(item)
            need: dict[str, str | list[str]] = {"tag": "allergy", "items": items}
            if rng.random() < 0.1:
                need["detail"] = "anaphylaxis risk; carries an adrenaline auto-injector"
            out.append(need)
        medical_rate = 0.16 if age >= 65 else (0.045 if adult else 0.025)
        if rng.random() < medical_rate:
            condition, medicine = _CONDITIONS.pick(rng)
            add("medical", condition)
            if medicine and rng.random() < 0.65:
                left = rng.randint(0, 7)
                add("medication", f"{medicine}; {left} days left" if rng.random() < 0.3
                    else medicine)
        elif adult and rng.random() < 0.02:
            add("medication", _CONDITIONS.pick(rng)[1] or "painkillers")
        if d.sex == "female" and 18 <= age <= 39 and d.role != "child" and rng.random() < 0.035:
            add("pregnancy", f"about {rng.randint(8, 38)} weeks")
        if rng.random() < 0.01:
            disability = _DISABILITIES.pick(rng)
            add("disability", disability)
            if disability == "wheelchair user":
                add("mobility", "uses a wheelchair")
        if rng.random() < (0.15 if age >= 65 else 0.006):
            if not any(n["tag"] == "mobility" for n in out):
                add("mobility", _DETAILS["mobility"].pick(rng))
        if age >= 65 and rng.random() < (0.9 if age >= 75 else 0.4):
            add("elderly", _DETAILS["elderly"].pick(rng))
        if adult:
            if rng.random() < 0.015:
                add("mental_health", _DETAILS["mental_health"].pick(rng))
            foreigner = d.nationality not in (None, "JP")
            lost = foreigner and rng.random() < 0.02
            if lost:
                add("lost_documents", _DETAILS["lost_documents"].pick(rng))
            if foreigner and rng.random() < (0.4 if lost else 0.012):
                add("embassy_contact", _DETAILS["embassy_contact"].pick(rng))
            if rng.random() < (0.06 if d.role == "head" else 0.02):
                add("family_contact", _DETAILS["family_contact"].pick(rng))
        return out

    def phone(self) -> str:
        rng = self.rng
        digits = f"{int(rng.random() * 100_000_000):08d}"
        return f"{_MOBILE_PREFIXES.pick(rng)}-{digits[:4]}-{digits[4:]}"

    def slug(self, name: _Name) -> str:
        """Lower-case ASCII letters and digits of a name, for handles and e-mail addresses."""
        slug = self.slugs.get(name.ascii)
        if slug is None:
            slug = "".join(ch for ch in name.ascii.lower() if ch.isalnum())
            self.slugs[name.ascii] = slug
        return slug

    def handle(self, d: _Draft) -> str:
        rng = self.rng
        base = self.slug(d.given)[:10] or "user"
        style = rng.random()
        if style < 0.5:
            handle = f"{base}{rng.randint(1, 9999)}"
        elif style < 0.8 and d.family:
            family = d.family[0][1 if d.name_sex == "female" else 0]
            handle = f"{base}.{self.slug(family)[:10]}"
        else:
            handle = base[:3] + "".join([rng.choice(_HANDLE_CHARS) for _ in range(7)])
        # Namesakes cannot share an account: the second one gets digits, as services do.
        while handle in self.used_handles:
            handle += str(rng.randint(0, 9))
        self.used_handles.add(handle)
        return handle

    def messaging_id(self, d: _Draft, phone: str) -> str:
        rng = self.rng
        scheme = d.culture.messaging.pick(rng)
        if scheme in _PHONE_SCHEMES:
            code = d.culture.calling_code
            if code == "81" or (phone and rng.random() < 0.5):
                # Registered with the Japanese mobile number.
                return f"{scheme}:+81{(phone or self.phone())[1:].replace('-', '')}"
            digits = 10 if code == "1" else 9
            number = 10 ** (digits - 1) + int(rng.random() * 9 * 10 ** (digits - 1))
            return f"{scheme}:+{code}{number}"
        return f"{scheme}:{self.handle(d)}"

    # -- household wrapper --------------------------------------------------------------------

    def make_household(self, remaining: int) -> tuple[list[SyntheticPerson], int]:
        """One household of at most `remaining` people, and the index of its head."""
        rng = self.rng
        self.used_given.clear()
        intl = remaining >= 2 and rng.random() < _INTL_HOUSEHOLD_SHARE
        if intl:
            size = min(_INTL_SIZES.pick(rng), remaining)
            drafts, head = self.international(size)
            culture = drafts[1].culture
        else:
            culture = self.cultures.pick(rng)
            size = min(culture.sizes.pick(rng), remaining)
            drafts, head = self.household(culture, size)
        if rng.random() < _UNRECORDED_NATIONALITY:
            for d in drafts:
                d.nationality = None
        diet, muslim = self.household_diet(culture)
        status = _HOUSEHOLD_STATUS.pick(rng)
        basis = _CONSENT_BASIS.pick(rng)
        scopes = [s for s, p in _SCOPE_RATES if rng.random() < p] if basis == "consent" else []
        if basis == "consent" and not scopes:
            scopes = ["municipality"]
        people = [self.finish(d, diet, muslim, status, basis, scopes) for d in drafts]
        return people, head

    def household_diet(self, culture: _Culture) -> tuple[list[tuple[str, str]], bool]:
        rng = self.rng
        diet: list[tuple[str, str]] = []
        muslim = rng.random() < culture.muslim
        if muslim:
            if rng.random() < 0.75:
                diet.append(("diet_halal", _DETAILS["diet_halal"].pick(rng)))
            elif rng.random() < 0.5:
                diet.append(("diet_no_pork", ""))
            if rng.random() < 0.25:
                diet.append(("diet_no_alcohol", ""))
            return diet, True
        if rng.random() < culture.hindu:
            if rng.random() < culture.vegetarian:
                diet.append(("diet_vegetarian", _DETAILS["diet_vegetarian"].pick(rng)))
            elif rng.random() < 0.45:
                diet.append(("diet_no_beef", ""))
            return diet, False
        if rng.random() < culture.vegan:
            diet.append(("diet_vegan", ""))
        elif rng.random() < culture.vegetarian:
            diet.append(("diet_vegetarian", _DETAILS["diet_vegetarian"].pick(rng)))
        elif rng.random() < 0.003:
            diet.append(("diet_no_alcohol", ""))
        return diet, False


def _shelters(rng: random.Random, count: int) -> list[SyntheticShelter]:
    cities = _Table([(city, city[3]) for city in _CITIES])
    facilities = _Table([(f, f[4]) for f in _FACILITIES])
    seen: set[str] = set()
    out: list[SyntheticShelter] = []
    for _ in range(count):
        for attempt in range(40):
            district, city, city_en, _weight, wards = cities.pick(rng)
            ward_ja = rng.choice(wards)[0] if wards else ""
            stem = rng.choice(_PLACE_STEMS)
            suffix_ja, suffix_en = _PLACE_SUFFIXES.pick(rng)
            kind_ja, kind_en, owner, (low, high), _w = facilities.pick(rng)
            place_ja = stem.native + suffix_ja
            place_en = stem.latin + suffix_en
            ordinal_ja = ordinal_en = ""
            if attempt >= 30:  # crowded: number the school as cities do (第二小学校)
                index = rng.randrange(len(_ORDINALS))
                ordinal_ja, ordinal_en = _ORDINALS[index], " " + _ORDINALS_EN[index]
            if owner == "municipal":
                name_ja = f"{city}立 {place_ja}{ordinal_ja}{kind_ja}"
            elif owner == "prefectural":
                name_ja = f"神奈川県立 {place_ja}{ordinal_ja}{kind_ja}"
            else:
                name_ja = f"{city} {place_ja}{ordinal_ja}{kind_ja}"
            if name_ja not in seen:
                break
        else:
            # Extremely many shelters: make the name unique with a plain number.
            name_ja = f"{name_ja} {len(out) + 1}"
            ordinal_en += f" ({len(out) + 1})"
        seen.add(name_ja)
        address = (
            f"神奈川県{district}{city}{ward_ja}{stem.native}"
            f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        )
        capacity = max(80, min(1200, round(rng.randint(low, high), -1)))
        out.append(SyntheticShelter(
            name_ja=name_ja,
            name_en=f"{place_en}{ordinal_en} {kind_en} ({city_en})",
            address=address,
            capacity=capacity,
            is_open=rng.random() < 0.92,
        ))
    if out and not any(s.is_open for s in out):
        out[0].is_open = True
    return out


def _volunteers(
    rng: random.Random, gen: _Generator, count: int, demand: dict[str, float]
) -> list[SyntheticVolunteer]:
    if count <= 0:
        return []
    if not demand:
        demand = {}
        for nationality, weight in NATIONALITY_WEIGHTS.items():
            for culture, share in _CULTURES_BY_NATIONALITY[nationality]:
                code = culture.main_language
                demand[code] = demand.get(code, 0.0) + weight * share
        demand.pop("ja", None)
    supply = {code: n * _INTERPRETER_SUPPLY.get(code, 0.1) for code, n in demand.items()}
    # English also serves people whose own language has no interpreter (lingua franca).
    supply["en"] = supply.get("en", 0.0) + 0.3 * sum(demand.values())
    interpreter = _Table(list(supply.items()))
    # Foreign-resident volunteers come from communities roughly as big as the demand.
    foreign_cultures = _Table([
        (culture, NATIONALITY_WEIGHTS[nat] * share * max(0.2, min(1.0, _INTERPRETER_SUPPLY.get(
            culture.main_language, 0.1) * 2)))
        for nat in NATIONALITY_WEIGHTS
        for culture, share in _CULTURES_BY_NATIONALITY[nat]
        if culture.key != "KR-zainichi"
    ])
    area_pairs: list[tuple[str, float]] = []
    for district, city, _en, weight, wards in _CITIES:
        for ward, _ward_en in wards or (("", ""),):
            area_pairs.append((f"{district}{city}{ward}", weight / max(1, len(wards))))
    areas = _Table(area_pairs)
    emails: set[str] = set()
    out: list[SyntheticVolunteer] = []
    for _ in range(count):
        gen.used_given.clear()
        foreign = rng.random() < _FOREIGN_VOLUNTEER_SHARE
        culture = foreign_cultures.pick(rng) if foreign else _JP
        sex = "female" if rng.random() < 0.55 else "male"
        d = _Draft(culture, sex, rng.randint(20, 70), gen.given_name(culture, sex),
                   gen.new_family(culture) if culture.surname_rule != _PATRONYMIC
                   else (gen.patronymic(culture),), "volunteer")
        if foreign:
            gen.adult_languages(d, _VOLUNTEER_FOREIGN_JA)
            # A volunteer's Japanese is what staff plan with, so list it at any level.
            if all(code != "ja" for code, _ in d.languages) and d.ja_level != "none":
                d.languages.append(("ja", d.ja_level))
        else:
            langs = [("ja", "native")]
            if rng.random() < 0.45:
                langs.append(("en", _VOLUNTEER_EN.pick(rng)))
            if rng.random() < 0.45:
                code = interpreter.pick(rng)
                if all(code != c for c, _ in langs):
                    langs.append((code, _VOLUNTEER_INTERPRETING.pick(rng)))
            d.languages = langs
        latin, native, kana = gen.render(d)
        skills = [
            skill for skill, p in (
                ("medical", 0.1 if not foreign else 0.05), ("legal", 0.04 if not foreign else 0.01),
                ("sign_language", 0.04 if not foreign else 0.005), ("children", 0.15),
            ) if rng.random() < p
        ]
        given = gen.slug(d.given) or "volunteer"
        fam = gen.slug(d.family[0][0]) if d.family else ""
        local = f"{given}.{fam}" if fam and rng.random() < 0.6 else f"{fam or given}{given[:1]}"
        local += str(rng.randint(1, 99)) if rng.random() < 0.5 else ""
        email = f"{local}@{rng.choice(_EMAIL_DOMAINS)}"
        while email in emails:
            email = f"{local}{rng.randint(100, 999)}@{rng.choice(_EMAIL_DOMAINS)}"
        emails.add(email)
        r = rng.random()
        out.append(SyntheticVolunteer(
            name_latin=latin,
            name_native=native,
            name_kana=kana,
            sex="other" if r < 0.01 else sex,
            languages=d.languages,
            skills=skills,
            phone=gen.phone(),
            email=email,
            base_area=areas.pick(rng),
        ))
    return out


def generate_population(seed: int, evacuees: int, shelters: int, volunteers: int) -> Population:
    """A deterministic synthetic population: the same arguments always give the same data.

    Args:
        seed: Seed for `random.Random`; the global random state is never touched.
        evacuees: Exact number of people across all households.
        shelters: Number of shelters; at least 1 when there are evacuees.
        volunteers: Number of volunteers.

    Returns:
        Shelters, households (every one assigned to a shelter) and volunteers.

    Raises:
        ValueError: A count is negative, or there are evacuees but no shelters.
    """
    if evacuees < 0 or shelters < 0 or volunteers < 0:
        raise ValueError("counts cannot be negative")
    if evacuees and not shelters:
        raise ValueError("evacuees need at least one shelter")
    # The result is hundreds of thousands of small acyclic objects: the cyclic garbage collector
    # would rescan them again and again (a third of the run time) and could free nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _generate(seed, evacuees, shelters, volunteers)
    finally:
        if gc_was_enabled:
            gc.enable()


def _generate(seed: int, evacuees: int, shelters: int, volunteers: int) -> Population:
    rng = _Random(seed)
    gen = _Generator(rng)
    shelter_list = _shelters(rng, shelters)

    # Uneven occupancy: big, well-known shelters fill up; closed ones only keep a few records.
    weights = [
        s.capacity * rng.lognormvariate(0.0, 0.9) * (1.0 if s.is_open else 0.1)
        for s in shelter_list
    ]
    shelter_table = _Table(list(zip(range(len(shelter_list)), weights))) if shelter_list else None

    households: list[SyntheticHousehold] = []
    demand: dict[str, float] = {}
    remaining = evacuees
    while remaining > 0:
        people, head = gen.make_household(remaining)
        assert shelter_table is not None
        index = shelter_table.pick(rng)
        if not shelter_list[index].is_open:
            # A closed shelter's people have moved on; their records stay.
            moved = "left" if rng.random() < 0.6 else "transferred"
            for person in people:
                if person.status == "checked_in":
                    person.status = moved
        households.append(SyntheticHousehold(index, people, head))
        for person in people:
            main = person.languages[0][0] if person.languages else "ja"
            if main != "ja":
                demand[main] = demand.get(main, 0.0) + 1.0
        remaining -= len(people)

    return Population(
        shelters=shelter_list,
        households=households,
        volunteers=_volunteers(rng, gen, volunteers, demand),
    )
