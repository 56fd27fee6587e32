"""Signed packages (docs/package-format.md, “签名”): the branch's own Ed25519 key signs
the manifest; the county's data folder remembers each branch's key and refuses another
one unless the old key announced it or the county accepts it after a phone call."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest

from jianshi_desktop.db.models import Setting
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.services import demo, documents, signing_keys
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission import signers, signing
from jianshi_desktop.submission.package import PackageOptions, build_package
from jianshi_desktop.submission.verify import UNSIGNED, VerifyReport, verify_package

TODAY = dt.date(2026, 11, 26)
PERIOD = parse_period("2026-07")
SIGNATURE = "signature.json"
MANIFEST = "manifest.json"
RECORDS = "数据/records.json"


@dataclass(frozen=True)
class Branch:
    """The demo branch's data folder and what it exported, key by key."""

    root: Path
    first: bytes  # signed by the first key
    first_fingerprint: str
    announced: bytes  # after 更换签名密钥: the second key, announced by the first
    second_fingerprint: str
    lost: bytes  # the key lost (deleted): a third key, announced by nobody
    third_fingerprint: str


def _export(store: Store, target: Path) -> bytes:
    result = build_package(store.data, PERIOD, target, PackageOptions(), today=TODAY)
    return result.path.read_bytes()


@pytest.fixture(scope="module")
def branch(tmp_path_factory: pytest.TempPathFactory) -> Branch:
    root = tmp_path_factory.mktemp("signing")
    store = open_store(root / "data", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        first_fingerprint = signing_keys.fingerprint()
        assert first_fingerprint is not None, "made at first start"
        first = _export(store, root / "1")
        second = signing_keys.replace_key()
        announced = _export(store, root / "2")
        Setting.delete().where(Setting.key == signing_keys.OWN_KEY).execute()  # a new PC
        lost = _export(store, root / "3")
        third = signing_keys.fingerprint()
        assert third is not None and third not in (first_fingerprint, second.fingerprint)
        return Branch(
            root / "data",
            first,
            first_fingerprint,
            announced,
            second.fingerprint,
            lost,
            third,
        )
    finally:
        store.close()


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Store]:
    """The verifying side: its own, empty data folder."""
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        yield opened
    finally:
        opened.close()


def write(tmp_path: Path, data: bytes, name: str = "package.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rebuild(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def rehash(parts: dict[str, bytes], manifest: dict[str, object]) -> bytes:
    """The manifest's hashes made right again for the (forged) members."""
    files = manifest["files"]
    assert isinstance(files, list)
    for entry in files:
        data = parts[entry["path"]]
        entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    return json.dumps(manifest, ensure_ascii=False).encode()


def unsigned_v2(package: bytes) -> bytes:
    """What an older program made: schema version 2, no signature.json."""
    parts = members(package)
    del parts[SIGNATURE]
    manifest = json.loads(parts[MANIFEST])
    manifest["schema_version"] = 2
    parts[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode()
    return rebuild(parts)


def verified(tmp_path: Path, package: bytes, *, accept: bool = False) -> VerifyReport:
    report = verify_package(write(tmp_path, package))
    return signers.check_signer(report, accept_new_key=accept)


def said(report: VerifyReport) -> str:
    return "\n".join(report.problems + report.notes)


# --- the package ---------------------------------------------------------------------------


def test_a_package_is_signed_and_names_its_fingerprint(branch: Branch, tmp_path: Path) -> None:
    report = verify_package(write(tmp_path, branch.first))
    assert report.ok, report.problems
    assert report.fingerprint == branch.first_fingerprint
    assert report.manifest is not None and report.manifest["schema_version"] == 3
    listed = {entry["path"] for entry in report.manifest["files"]}
    assert SIGNATURE not in listed and MANIFEST not in listed
    parts = members(branch.first)
    document = json.loads(parts[SIGNATURE])
    assert document["algorithm"] == "Ed25519" and "key_change" not in document
    assert len(signing.decode(document["public_key"])) == 32
    assert signing.fingerprint(signing.decode(document["public_key"])) == branch.first_fingerprint
    assert len(branch.first_fingerprint) == 19 and branch.first_fingerprint.count("-") == 3
    assert report.summary()["signature"]["fingerprint"] == branch.first_fingerprint


def test_forged_content_with_a_rehashed_manifest_is_refused(branch: Branch, tmp_path: Path) -> None:
    parts = members(branch.first)
    records = json.loads(parts[RECORDS])
    records["meetings"] = []
    parts[RECORDS] = json.dumps(records, ensure_ascii=False).encode()
    parts[MANIFEST] = rehash(parts, json.loads(parts[MANIFEST]))
    report = verify_package(write(tmp_path, rebuild(parts)))
    assert not report.ok
    assert any("签名与清单不符" in p for p in report.problems), report.problems
    # and without the signature, still version 3: refused for the missing signature
    del parts[SIGNATURE]
    report = verify_package(write(tmp_path, rebuild(parts)))
    assert not report.ok and "没有签名文件" in report.problems[0]


def test_a_malformed_signature_is_a_plain_refusal(branch: Branch, tmp_path: Path) -> None:
    parts = members(branch.first)
    document = json.loads(parts[SIGNATURE])
    for raw, problem in (
        (b"not json", "不是正确的 JSON"),
        (b'{"a": 1, "a": 2}', "重复的字段"),
        (json.dumps({"algorithm": "Ed25519"}).encode(), "签名文件中缺少 public_key"),
        (json.dumps({**document, "signature": 7}).encode(), "signature 应为文字"),
        (json.dumps({**document, "public_key": "x" * 44}).encode(), "public_key 格式不对"),
        (json.dumps({**document, "algorithm": "RSA"}).encode(), "签名方法“RSA”"),
        (
            json.dumps({**document, "key_change": {"previous_public_key": 1}}).encode(),
            "key_change.previous_public_key 应为文字",
        ),
    ):
        report = verify_package(write(tmp_path, rebuild({**parts, SIGNATURE: raw})))
        assert not report.ok
        text = "\n".join(report.problems)
        assert problem in text and "Traceback" not in text, (problem, text)


def test_a_forged_key_change_is_refused(branch: Branch, tmp_path: Path) -> None:
    parts = members(branch.announced)
    document = json.loads(parts[SIGNATURE])
    other = signing.new_key()
    document["key_change"]["previous_public_key"] = signing.encode(other.public_key)
    report = verify_package(write(tmp_path, rebuild({**parts, SIGNATURE: json.dumps(document)})))
    assert not report.ok and "更换密钥声明" in report.problems[0]


def test_a_signature_file_in_an_old_package_is_an_extra_file(
    branch: Branch, tmp_path: Path
) -> None:
    parts = members(unsigned_v2(branch.first))
    parts[SIGNATURE] = members(branch.first)[SIGNATURE]
    report = verify_package(write(tmp_path, rebuild(parts)))
    assert not report.ok and "多出了清单上没有的文件“signature.json”" in report.problems[0]


# --- the county's memory of keys -----------------------------------------------------------


def test_a_branch_is_remembered_and_another_key_is_refused(
    branch: Branch, county: Store, tmp_path: Path
) -> None:
    first = verified(tmp_path, branch.first)
    assert first.ok and "第一次收到" in said(first)
    assert signers.known_fingerprint(_uid(first)) == branch.first_fingerprint
    again = verified(tmp_path, branch.first)
    assert again.ok and "与以前收到的" in said(again)
    # signature.json swapped for one by another key (a valid signature of the same manifest)
    parts = members(branch.first)
    forger = signing.new_key()
    parts[SIGNATURE] = signing.signature_document(forger, parts[MANIFEST], None)
    swapped = rebuild(parts)
    assert verify_package(write(tmp_path, swapped)).ok, "the signature itself holds"
    report = verified(tmp_path, swapped)
    assert not report.ok and report.key_question
    assert "电话向支部核实" in said(report) and forger.fingerprint in said(report)
    assert signers.known_fingerprint(_uid(first)) == branch.first_fingerprint


def test_a_key_change_with_an_announcement_is_accepted_and_remembered(
    branch: Branch, county: Store, tmp_path: Path
) -> None:
    assert verified(tmp_path, branch.first).ok
    document = json.loads(members(branch.announced)[SIGNATURE])
    assert "key_change" in document
    report = verified(tmp_path, branch.announced)
    assert report.ok, report.problems
    assert "更换了签名密钥" in said(report) and branch.first_fingerprint in said(report)
    assert signers.known_fingerprint(_uid(report)) == branch.second_fingerprint
    assert verified(tmp_path, branch.announced).ok


def test_a_lost_key_is_refused_and_accepted_only_explicitly(
    branch: Branch, county: Store, tmp_path: Path
) -> None:
    assert verified(tmp_path, branch.first).ok
    lost = verified(tmp_path, branch.lost)
    assert not lost.ok and lost.key_question
    assert branch.third_fingerprint in said(lost) and "--accept-new-key" in said(lost)
    accepted = verified(tmp_path, branch.lost, accept=True)
    assert accepted.ok and "！注意" in said(accepted)
    assert signers.known_fingerprint(_uid(accepted)) == branch.third_fingerprint
    assert verified(tmp_path, branch.lost).ok


def test_old_unsigned_packages_still_verify(branch: Branch, county: Store, tmp_path: Path) -> None:
    old = unsigned_v2(branch.first)
    report = verified(tmp_path, old)
    assert report.ok, report.problems
    assert report.fingerprint is None and UNSIGNED in said(report)
    # from a branch known to sign: refused (its signature may have been stripped) …
    assert verified(tmp_path, branch.first).ok
    stripped = verified(tmp_path, old)
    assert not stripped.ok and "没有签名" in said(stripped) and stripped.key_question
    # … unless accepted after the phone call; the known key stays
    assert verified(tmp_path, old, accept=True).ok
    assert signers.known_fingerprint(_uid(report)) == branch.first_fingerprint


def _uid(report: VerifyReport) -> str:
    assert report.manifest is not None
    return str(report.manifest["branch"]["uid"])


# --- the command line ----------------------------------------------------------------------


def test_the_command_line_names_the_fingerprint_and_takes_accept_new_key(
    branch: Branch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jianshi_desktop.app import main

    county = tmp_path / "county"
    first = write(tmp_path, branch.first, "first.zip")
    lost = write(tmp_path, branch.lost, "lost.zip")
    assert main(["--data-dir", str(county), "package", "verify", str(first)]) == 0
    out = capsys.readouterr().out
    assert f"签名指纹：{branch.first_fingerprint}" in out and "第一次收到" in out
    assert main(["--data-dir", str(county), "package", "verify", str(lost)]) == 1
    out = capsys.readouterr().out
    assert "电话向支部核实" in out and branch.third_fingerprint in out
    assert "Traceback" not in out
    code = main(["--data-dir", str(county), "package", "verify", str(lost), "--accept-new-key"])
    assert code == 0 and "你已确认接受新密钥" in capsys.readouterr().out
    assert main(["--data-dir", str(county), "package", "verify", str(lost), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["signature"]["fingerprint"] == branch.third_fingerprint


# --- the key of the branch -----------------------------------------------------------------


def test_the_key_lives_in_the_database_and_is_made_when_missing(store: Store) -> None:
    assert signing_keys.fingerprint() is None
    fingerprint = signing_keys.ensure_fingerprint()
    row = Setting.get(Setting.key == signing_keys.OWN_KEY)
    assert set(row.value) >= {"private_key", "public_key", "created_at"}
    assert signing_keys.fingerprint() == fingerprint == signing_keys.own_key().fingerprint
    assert not any(p.suffix in {".pem", ".key"} for p in store.data.root.rglob("*"))


def test_the_fingerprint_is_printed_at_the_end_of_the_report(
    branch: Branch, tmp_path: Path
) -> None:
    store = open_store(branch.root, log_to_file=False)
    try:
        draft = documents.report_draft(parse_period("2026Q3"), today=TODAY)
        draft.sections[1].text = "一是坚持每月固定主题党日。"
        draft.sections[3].text = "下一步继续抓好“三会一课”。"
        # the branch's key of today (another test of this module may have replaced it)
        line = f"（报送包签名指纹：{signing_keys.ensure_fingerprint()}）"
        document = documents.report(draft)
        last = document.blocks[-1]
        assert getattr(last, "text", "") == line
        (pdf,) = documents.write(document, tmp_path, "report", "pdf")
        text = "".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
        assert line in text.replace(" ", "")
        # no key (never made): no line, no placeholder
        Setting.delete().where(Setting.key == signing_keys.OWN_KEY).execute()
        assert "签名指纹" not in str(documents.report(draft).blocks)
    finally:
        store.close()


def test_a_finished_report_keeps_the_fingerprint_of_its_day(branch: Branch) -> None:
    """rules.md §7: a 定稿 prints the key the branch had when it was finished; a draft
    printed after 更换签名密钥 shows the new one."""
    from jianshi_desktop.services import reports

    store = open_store(branch.root, log_to_file=False)
    try:
        period = parse_period("2026Q3")
        draft = documents.report_draft(period, today=TODAY)
        draft.sections[1].text = "一是坚持每月固定主题党日。"
        draft.sections[3].text = "下一步继续抓好“三会一课”。"
        # a data folder older than signing has no key yet: finishing makes it, so the 定稿
        # prints the fingerprint its packages are signed with
        Setting.delete().where(Setting.key == signing_keys.OWN_KEY).execute()
        finished = reports.finish_report(period, draft, today=TODAY)
        before = signing_keys.fingerprint()
        after = signing_keys.replace_key().fingerprint
        assert before and after != before

        def last_line(document: object) -> str:
            return str(getattr(document.blocks[-1], "text", ""))  # type: ignore[attr-defined]

        stored = reports.finished_report(period)
        assert stored is not None and stored.id == finished.id
        assert last_line(reports.finished_document(stored)) == f"（报送包签名指纹：{before}）"
        assert last_line(documents.report(draft)) == f"（报送包签名指纹：{after}）"
    finally:
        store.close()


# --- records.json versions (issue 17) ----------------------------------------------------------


def _records_as(package: bytes, version: int, *, drop: tuple[str, ...]) -> bytes:
    """An older program's package: unsigned, its records.json of ``version`` without the
    lists ``drop``, the manifest's hashes made right for it."""
    parts = members(unsigned_v2(package))
    records = json.loads(parts[RECORDS])
    records["schema_version"] = version
    for key in drop:
        records.pop(key, None)
    parts[RECORDS] = json.dumps(records, ensure_ascii=False).encode()
    parts[MANIFEST] = rehash(parts, json.loads(parts[MANIFEST]))
    return rebuild(parts)


NEW_LISTS = ("ideology_reviews", "org_life_meetings", "member_appraisals")
DUES_LISTS = ("dues_collections", "dues_arrears_decisions")  # version 3 (issue 18)
RECRUITMENT_LISTS = ("recruitments",)  # version 4 (issue 19)
# version 5 (issue 20)
NOTICE_LISTS = (
    "trainings",
    "pairing_helps",
    "student_pairings",
    "organisation_reports",
    "awards",
    "leaders",
)


def test_records_carry_version_5_with_every_list(branch: Branch) -> None:
    records = json.loads(members(branch.first)[RECORDS])
    assert records["schema_version"] == 5
    lists = NEW_LISTS + DUES_LISTS + RECRUITMENT_LISTS + NOTICE_LISTS
    assert all(isinstance(records[key], list) for key in lists)


def test_an_older_package_without_the_new_kinds_still_verifies(
    branch: Branch, tmp_path: Path
) -> None:
    old = _records_as(
        branch.first, 1, drop=NEW_LISTS + DUES_LISTS + RECRUITMENT_LISTS + NOTICE_LISTS
    )
    report = verify_package(write(tmp_path, old))
    assert report.ok, report.problems


def test_a_version_2_package_without_the_dues_still_verifies(
    branch: Branch, tmp_path: Path
) -> None:
    old = _records_as(branch.first, 2, drop=DUES_LISTS + RECRUITMENT_LISTS + NOTICE_LISTS)
    report = verify_package(write(tmp_path, old))
    assert report.ok, report.problems


def test_a_version_3_package_without_the_files_still_verifies(
    branch: Branch, tmp_path: Path
) -> None:
    old = _records_as(branch.first, 3, drop=RECRUITMENT_LISTS + NOTICE_LISTS)
    report = verify_package(write(tmp_path, old))
    assert report.ok, report.problems


def test_a_version_4_package_without_the_notice_lists_still_verifies(
    branch: Branch, tmp_path: Path
) -> None:
    old = _records_as(branch.first, 4, drop=NOTICE_LISTS)
    report = verify_package(write(tmp_path, old))
    assert report.ok, report.problems


@pytest.mark.parametrize("missing", NOTICE_LISTS)
def test_a_version_5_package_missing_a_notice_list_is_refused(
    branch: Branch, tmp_path: Path, missing: str
) -> None:
    forged = _records_as(branch.first, 5, drop=(missing,))
    report = verify_package(write(tmp_path, forged))
    assert not report.ok
    assert any(f"缺少 {missing}" in p for p in report.problems), report.problems


def test_a_version_4_package_missing_the_files_is_refused(branch: Branch, tmp_path: Path) -> None:
    forged = _records_as(branch.first, 4, drop=RECRUITMENT_LISTS + NOTICE_LISTS)
    report = verify_package(write(tmp_path, forged))
    assert not report.ok
    assert any("缺少 recruitments" in p for p in report.problems), report.problems


def test_a_version_2_package_missing_a_new_list_is_refused(branch: Branch, tmp_path: Path) -> None:
    forged = _records_as(
        branch.first,
        2,
        drop=("org_life_meetings", *DUES_LISTS, *RECRUITMENT_LISTS, *NOTICE_LISTS),
    )
    report = verify_package(write(tmp_path, forged))
    assert not report.ok
    assert any("org_life_meetings" in p for p in report.problems), report.problems
    # and a version no program wrote is named as such
    unknown = _records_as(branch.first, 6, drop=())
    report = verify_package(write(tmp_path, unknown, "unknown.zip"))
    assert not report.ok
    assert report.problems == ["记录数据的版本 6 本程序不认识。请用最新版本的程序打开。"]


@pytest.mark.parametrize("missing", DUES_LISTS)
def test_a_version_3_package_missing_a_dues_list_is_refused(
    branch: Branch, tmp_path: Path, missing: str
) -> None:
    forged = _records_as(branch.first, 3, drop=(missing, *RECRUITMENT_LISTS, *NOTICE_LISTS))
    report = verify_package(write(tmp_path, forged))
    assert not report.ok
    assert any(f"缺少 {missing}" in p for p in report.problems), report.problems
