"""Abbreviations of Vietnamese administration and their full forms, matched in both directions.

Each entry maps written short forms to full forms. Matching works on folded, lower-cased syllable
sequences, so "UBND", "ubnd", "Ủy ban nhân dân" and "uy ban nhan dan" all meet in one group.
"""

from __future__ import annotations

from functools import lru_cache

from kb.text.normalize import fold_accents
from kb.text.tokenize import iter_syllable_spans

# (short forms, full forms). The first full form is the canonical spelled-out form.
ABBREVIATIONS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (("UBND",), ("Ủy ban nhân dân",)),
    (("HĐND",), ("Hội đồng nhân dân",)),
    (("UBMTTQ", "UB MTTQ"), ("Ủy ban Mặt trận Tổ quốc",)),
    (("MTTQ",), ("Mặt trận Tổ quốc",)),
    (("TP", "Tp", "TP."), ("thành phố",)),
    (("TP.HCM", "TPHCM", "TP HCM", "HCM"), ("Hồ Chí Minh", "thành phố Hồ Chí Minh")),
    (("TT-Huế", "TTH"), ("Thừa Thiên Huế",)),
    (("BR-VT", "BRVT"), ("Bà Rịa Vũng Tàu",)),
    (("GD&ĐT", "GDĐT", "GD-ĐT"), ("Giáo dục và Đào tạo",)),
    (("TTHC",), ("thủ tục hành chính",)),
    (("CCHC",), ("cải cách hành chính",)),
    (("CSGT",), ("cảnh sát giao thông",)),
    (("THPT",), ("trung học phổ thông",)),
    (("THCS",), ("trung học cơ sở",)),
    (("BHXH",), ("bảo hiểm xã hội",)),
    (("BHYT",), ("bảo hiểm y tế",)),
    (("ATGT",), ("an toàn giao thông",)),
    (("TNGT",), ("tai nạn giao thông",)),
    (("ĐBSCL",), ("đồng bằng sông Cửu Long",)),
    (("KT-XH", "KTXH"), ("kinh tế xã hội",)),
    (("CNTT",), ("công nghệ thông tin",)),
    (("TN&MT", "TNMT", "TN-MT"), ("Tài nguyên và Môi trường",)),
    (("NN&PTNT", "NNPTNT"), ("Nông nghiệp và Phát triển nông thôn",)),
    (("GTVT",), ("Giao thông vận tải",)),
    (("LĐ-TB&XH", "LĐTB&XH", "LĐTBXH"), ("Lao động Thương binh và Xã hội",)),
    (("KH&ĐT", "KHĐT"), ("Kế hoạch và Đầu tư",)),
    (("VH-TT&DL", "VHTTDL"), ("Văn hóa Thể thao và Du lịch",)),
    (("TT&TT", "TTTT"), ("Thông tin và Truyền thông",)),
    (("KCN",), ("khu công nghiệp",)),
    (("BQL",), ("Ban quản lý",)),
    (("ĐBQH",), ("đại biểu Quốc hội",)),
    (("QĐ",), ("quyết định",)),
    (("NQ",), ("nghị quyết",)),
    (("NĐ",), ("nghị định",)),
    (("BCH",), ("Ban Chấp hành",)),
    (("BTV",), ("Ban Thường vụ",)),
    (("UBKT",), ("Ủy ban Kiểm tra",)),
    (("BCĐ",), ("Ban Chỉ đạo",)),
    (("PCCC",), ("phòng cháy chữa cháy",)),
    (("PCTT",), ("phòng chống thiên tai",)),
    (("TKCN",), ("tìm kiếm cứu nạn",)),
    (("GPMB",), ("giải phóng mặt bằng",)),
    (("VKSND",), ("Viện Kiểm sát nhân dân",)),
    (("TAND",), ("Tòa án nhân dân",)),
    (("HTX",), ("hợp tác xã",)),
    (("DN",), ("doanh nghiệp",)),
    (("XHCN",), ("xã hội chủ nghĩa",)),
    (("TW", "TƯ", "T.Ư"), ("Trung ương",)),
    (("SXKD",), ("sản xuất kinh doanh",)),
    (("XDCB",), ("xây dựng cơ bản",)),
    (("CBCCVC", "CB,CC,VC"), ("cán bộ công chức viên chức",)),
    (("ANTT",), ("an ninh trật tự",)),
    (("PCCC&CNCH",), ("phòng cháy chữa cháy và cứu nạn cứu hộ",)),
    (("VPCP",), ("Văn phòng Chính phủ",)),
    (("VP UBND", "VPUBND"), ("Văn phòng Ủy ban nhân dân",)),
]


def syllable_key(text: str) -> tuple[str, ...]:
    """Folded, lower-cased syllables: the form in which short and full forms are compared."""
    return tuple(fold_accents(s).lower() for s, _, _ in iter_syllable_spans(text))


@lru_cache(maxsize=1)
def abbreviation_groups() -> dict[tuple[str, ...], int]:
    """Folded syllable sequence of every short and full form -> index of its group."""
    groups: dict[tuple[str, ...], int] = {}
    for i, (shorts, fulls) in enumerate(ABBREVIATIONS):
        for form in (*shorts, *fulls):
            key = syllable_key(form)
            if key:
                groups.setdefault(key, i)
    return groups


def group_forms(group: int) -> list[str]:
    """Every written form of one group, short forms first."""
    shorts, fulls = ABBREVIATIONS[group]
    return [*shorts, *fulls]


def expand(text: str) -> list[str]:
    """All forms of `text` if it is a known short or full form, else just `text`."""
    group = abbreviation_groups().get(syllable_key(text))
    return group_forms(group) if group is not None else [text]


MAX_FORM_SYLLABLES = 8
