"""The extractor's contract: field types, any input accepted, raw and normalised input alike."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest

from kb.extract import Extracted, extract_metadata
from kb.extract.lexicon import ensure_normalized
from kb.models import Person
from kb.text.normalize import normalize_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def title_and_text(path: Path) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines[0], "\n".join(lines[1:])


def test_extracted_has_the_contract_fields():
    names = {f.name for f in dataclasses.fields(Extracted)}
    assert names == {
        "people", "agencies", "issuer", "cited_agencies", "places", "date", "date_source", "year", "years_mentioned",
        "doc_type", "doc_number", "signer",
    }  # fmt: skip


def test_signer_of_a_formal_document_is_the_name_closing_its_signature_block():
    path = next(p for p in corpus_files() if p.name.startswith("qd-2891-thua-thien-hue-2019"))
    meta = extract_metadata(*title_and_text(path))
    assert meta.signer == "Hồ Đăng Khôi" and meta.signer in {p.name for p in meta.people}
    assert extract_metadata("Tin", "Ông Hồ Đăng Khôi, Giám đốc Sở Nội vụ, cho biết.").signer is None


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_sample_corpus_documents_give_well_typed_metadata(path):
    meta = extract_metadata(*title_and_text(path))
    assert all(isinstance(p, Person) and p.name and p.surface_forms for p in meta.people)
    assert all(isinstance(a, str) and a for a in meta.agencies)
    assert meta.issuer is None or meta.agencies[0] == meta.issuer
    assert all(isinstance(p, str) and p for p in meta.places)
    assert meta.date is None or isinstance(meta.date, dt.date)
    assert (meta.date is None) == (meta.year is None) == (meta.date_source is None)
    assert meta.doc_type
    assert len(set(meta.agencies)) == len(meta.agencies) and len(set(meta.places)) == len(meta.places)


@pytest.mark.parametrize("path", corpus_files()[:12], ids=lambda p: p.name)
def test_raw_and_normalised_input_give_the_same_result(path):
    title, text = title_and_text(path)
    raw = text.replace("ủy", "uỷ").replace("hòa", "hoà").replace(" ", "  ").replace("-", "–")
    assert extract_metadata(title, raw) == extract_metadata(normalize_text(title), normalize_text(text))


def test_fast_path_only_skips_text_that_is_already_normalised():
    samples = [
        "Hoà Bình",
        "a  b",
        "a \nb",
        "x\u00a0y",
        "“quote”",
        "Thuỷ lợi",
        "quý",
        " lead",
        "a\n\n\nb",
        "đã xong",
    ]
    for sample in samples:
        assert ensure_normalized(sample) == normalize_text(sample)
        normalised = normalize_text(sample)
        assert ensure_normalized(normalised) is normalised


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\ufeff",
        "Ông " * 5000,
        "Nguyễn Văn A, Phó Chủ tịch UBND tỉnh, " * 1500,
        "ỦY BAN NHÂN DÂN\n" * 2000,
        "Số: " + "1/" * 3000,
        ", ngày " * 5000,
        "các huyện " + "A, " * 5000,
    ],
    ids=range(8),
)
def test_hostile_input_is_handled_quickly(text):
    started = time.perf_counter()
    meta = extract_metadata(text[:200], text)
    assert isinstance(meta, Extracted)
    assert time.perf_counter() - started < 5
