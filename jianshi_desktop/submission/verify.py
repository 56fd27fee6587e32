"""Reading a package: check it before anything of it is believed or written anywhere.

The package is read as a stream (at most a chunk or two in memory, whatever its size). An
encrypted one is first authenticated whole, a chunk at a time, then read through
:func:`crypto.open_decrypted`, which decrypts the chunk at hand again: no decrypted copy
is ever written to disk. Then, each refusal named in a plain message
(docs/package-format.md, “校验”):

- the zip structure, parsed by :mod:`zipcheck`: nothing before or after the archive, a
  sound central directory, local headers that agree with it, only plain files and
  folders, only “存储” and deflate, no zip encryption or unknown flags;
- names: safe on Windows and Linux, no two the same (also not by case);
- sizes: not a zip bomb; every member's real size is its declared one (reading stops as
  soon as a member gives more);
- the manifest and ``records.json`` against their schema (the field at fault named);
- the SHA-256 and size of every file — nothing missing, nothing extra;
- from schema version 3, the Ed25519 signature in ``signature.json`` over the exact bytes
  of ``manifest.json`` (:mod:`signing`). Whether the signer is the key this data folder
  remembers for the branch is judged afterwards by :func:`judge_signer` (the remembered
  keys are in the database: ``submission.signers.check_signer``).

Nothing is extracted. :func:`verify_package` never raises for a bad package: the report
says what is wrong. The county side builds on this reader.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from jianshi_desktop.submission import crypto, schema, signing, zipcheck
from jianshi_desktop.submission.zipcheck import AGAIN, unsafe_reason

FORMAT = "jianshi-submission"
SCHEMA_VERSION = 3  # 2: the strict reader and the JSBSENC2 key-check; 3: signed
SUPPORTED_SCHEMAS = {1, 2, 3}
SIGNED_SINCE = 3  # packages of this version and later carry signature.json
MAX_TOTAL = 4 << 30  # 4 GB unpacked
MAX_RATIO = 200  # unpacked / packed, for one member larger than 1 MB
MAX_MANIFEST = 4 << 20  # bytes of manifest.json
MAX_RECORDS = 4 << 20  # bytes of records.json (a year: about 150 KB)
MANIFEST_NAME = "manifest.json"
RECORDS_NAME = "数据/records.json"
COMPLIANCE_NAME = "数据/compliance.json"
DATA_DOCUMENTS = (RECORDS_NAME, COMPLIANCE_NAME)  # read once: hashed, then parsed
SIGNATURE_NAME = signing.SIGNATURE_NAME
UNSIGNED = "未签名（旧版本程序生成）"
Progress = Callable[[int, int], None]  # (bytes done, bytes in all)

_DATE = r"\d{4}-\d{2}-\d{2}"
_PERIOD = schema.Obj(
    {
        "code": schema.Str(1, 40),
        "label": schema.Str(1, 100),
        "start": schema.Str(10, 10, _DATE),
        "end": schema.Str(10, 10, _DATE),
    }
)
_BRANCH = schema.Obj({"name": schema.Str(1, 200), "uid": schema.Str(0, 100)})
MANIFEST_SCHEMA = schema.Obj(
    {
        "format": schema.Str(1, 100),
        "schema_version": schema.Int(1, 1000),
        "created_at": schema.Str(1, 40),
        "branch": _BRANCH,
        "period": _PERIOD,
        "files": schema.Arr(
            schema.Obj(
                {
                    "path": schema.Str(1, 4096),
                    "sha256": schema.Str(64, 64, r"[0-9a-f]{64}"),
                    "size": schema.Int(0, MAX_TOTAL),
                }
            ),
            max_items=zipcheck.MAX_ENTRIES,
        ),
    },
    optional={
        "app_version": schema.Str(0, 100),
        "options": schema.Obj(
            {},
            optional={
                "full_ids": schema.Bool(),
                "confidential_included": schema.Bool(),
                "students_included": schema.Bool(),  # 结对帮扶 names, content and photos
            },
        ),
    },
)
_RECORD = schema.Obj({"id": schema.Int()})
# a 组织生活会 carries its 整改清单, each item with its closing state
_ORG_LIFE = schema.Obj(
    {
        "id": schema.Int(),
        "rectification": schema.Arr(
            schema.Obj(
                {
                    "problem": schema.Str(0, 300),
                    "due_on": schema.Nullable(schema.Str(0, 10)),
                    "closed_on": schema.Nullable(schema.Str(0, 10)),
                }
            )
        ),
    }
)
# The version of 数据/records.json (its own, apart from the package's): 1 carried the
# meetings, theme days and talks; 2 adds 意识形态研判, 组织生活会 and 民主评议党员; 3 adds
# 党费: the collections with their payments, and the decisions on members behind; 4 adds
# 发展党员: the files of the period with their steps, and whom a meeting's per-person
# decision is about (each resolution's recruitment_id, member_id, extended_to); 5 adds the
# rest of the notice: 培训, 结对帮扶 (counts and codes unless the secretary chose otherwise),
# 组织设置情况, 评先 and the 班子成员.
RECORDS_VERSION = 5
RECORDS_VERSIONS = {1, 2, 3, 4, RECORDS_VERSION}
_MONTH = r"\d{4}-\d{2}"
_FEN = schema.Int(0, 100_000_000)  # money in 分, never negative
_DAY = schema.Str(10, 10, _DATE)
# a meeting (version 4): a per-person decision names the file or the member it is about
_MEETING_4 = schema.Obj(
    {"id": schema.Int()},
    optional={
        "resolutions": schema.Arr(
            schema.Obj(
                {},
                optional={
                    "recruitment_id": schema.Nullable(schema.Int()),
                    "member_id": schema.Nullable(schema.Int()),
                    "extended_to": schema.Nullable(_DAY),
                },
            )
        )
    },
)
# 发展党员 (version 4): the person masked like a member (no birth date, no phone), the
# stage at the period's end and the steps done by then
_RECRUITMENT = schema.Obj(
    {
        "id": schema.Int(),
        "name": schema.Str(1, 100),
        "gender": schema.Nullable(schema.Str(0, 20)),
        "id_number": schema.Nullable(schema.Str(0, 18)),
        "backbone": schema.Bool(),
        "member_id": schema.Nullable(schema.Int()),
        "stage": schema.Str(1, 20, "applicant|activist|candidate|admitted|confirmed"),
        "stopped_on": schema.Nullable(_DAY),
        "steps": schema.Arr(
            schema.Obj(
                {
                    "no": schema.Int(1, 25),
                    "done_on": _DAY,
                    "meeting_id": schema.Nullable(schema.Int()),
                    "people": schema.Arr(
                        schema.Obj({"member_id": schema.Int(), "role": schema.Str(1, 20)})
                    ),
                    "attachments": schema.Arr(
                        schema.Obj({"file_name": schema.Str(0, 255), "sha256": schema.Str(0, 64)})
                    ),
                }
            )
        ),
    }
)
# 结对帮扶 (version 5): codes and counts; the student's name, the class, the helps' content
# and their files only when the secretary chose to include them (both shapes verify)
_PAIRING_HELP = schema.Obj(
    {
        "id": schema.Int(),
        "held_on": _DAY,
        "state": schema.Str(1, 20, "finished|archived"),
        "late_entry": schema.Bool(),
        "code": schema.Str(1, 20),
        "member_id": schema.Int(),
        "has_photo": schema.Bool(),
    },
    optional={
        "student": schema.Str(0, 50),
        "place": schema.Str(0, 100),
        "content": schema.Str(0, 100_000),
        "attachments": schema.Arr(
            schema.Obj(
                {
                    "file_name": schema.Str(0, 255),
                    "sha256": schema.Str(0, 64),
                    "size": schema.Int(),
                    "kind": schema.Str(0, 20),
                }
            )
        ),
    },
)
_STUDENT_PAIRING = schema.Obj(
    {
        "code": schema.Str(1, 20),
        "member_id": schema.Int(),
        "need": schema.Str(1, 20, "learning|conduct|left_behind|psychological|poor|disabled"),
        "starts_on": _DAY,
        "ends_on": schema.Nullable(_DAY),
        "helps": schema.Int(0, 100_000),
    },
    optional={
        "student": schema.Str(0, 50),
        "class_name": schema.Str(0, 30),
        "summaries": schema.Arr(
            schema.Obj(
                {
                    "term": schema.Str(1, 20),
                    "text": schema.Str(0, 100_000),
                    "written_on": _DAY,
                }
            )
        ),
    },
)
# 班子成员: each span overlapping the period (valid_to exclusive, null while in office)
_LEADER = schema.Obj(
    {
        "member_id": schema.Int(),
        "title": schema.Str(1, 30),
        "valid_from": _DAY,
        "valid_to": schema.Nullable(_DAY),
    }
)
# 评先: the branch's (member_id null) and members' awards of the period's years
_AWARD = schema.Obj(
    {
        "id": schema.Int(),
        "kind": schema.Str(1, 20, "red_flag_branch|vanguard_member|other_award"),
        "member_id": schema.Nullable(schema.Int()),
        "title": schema.Str(1, 100),
        "year": schema.Int(1900, 2200),
        "granted_by": schema.Str(0, 100),
        "granted_on": schema.Nullable(_DAY),
    }
)
# 培训 (version 5): first and last day, class hours as written (「16」「2.5」, credited to
# each attendee), the members who attended, the certificates named
_TRAINING = schema.Obj(
    {
        "id": schema.Int(),
        "state": schema.Str(1, 20, "finished|archived"),
        "late_entry": schema.Bool(),
        "held_on": _DAY,
        "ends_on": schema.Nullable(_DAY),
        "title": schema.Str(1, 200),
        "organiser": schema.Str(0, 100),
        "place": schema.Str(0, 100),
        "class_hours": schema.Str(1, 7, r"\d{1,4}(\.\d)?"),
        "content": schema.Str(0, 100_000),
        "attendance": schema.Arr(
            schema.Obj({"member_id": schema.Int(), "name": schema.Str(0, 50)}), max_items=1000
        ),
        "attachments": schema.Arr(
            schema.Obj(
                {
                    "file_name": schema.Str(1, 255),
                    "sha256": schema.Str(64, 64, "[0-9a-f]{64}"),
                    "size": schema.Int(),
                    "kind": schema.Str(1, 20),
                    "caption": schema.Str(0, 200),
                }
            )
        ),
    }
)
# 组织设置情况 (version 5): the report's half, its day and the organisation of that day as
# it was built then and sent (the snapshot: counts, term, posts with holders or vacant,
# groups, the size rules' warnings)
_ORG_POST = schema.Obj(
    {
        "title": schema.Str(1, 50),
        "member_id": schema.Nullable(schema.Int()),
        "member": schema.Str(0, 100),
        "since": schema.Nullable(_DAY),
        "by_election": schema.Bool(),
    }
)
_ORG_TERM = schema.Obj(
    {
        "number": schema.Nullable(schema.Int(1, 1000)),
        "elected_on": _DAY,
        "starts_on": _DAY,
        "ends_on": _DAY,
        "months_left": schema.Int(0, 1200),
        "ending_soon": schema.Bool(),
    }
)
_ORG_SNAPSHOT = schema.Obj(
    {
        "day": _DAY,
        "branch": schema.Str(1, 200),
        "parent": schema.Str(0, 200),
        "founded_on": schema.Nullable(_DAY),
        "has_committee": schema.Bool(),
        "total": schema.Int(0, 100_000),
        "full": schema.Int(0, 100_000),
        "probationary": schema.Int(0, 100_000),
        "term": schema.Nullable(_ORG_TERM),
        "posts": schema.Arr(_ORG_POST),
        "groups": schema.Arr(
            schema.Obj(
                {
                    "name": schema.Str(1, 50),
                    "leader": schema.Str(0, 100),
                    "members": schema.Arr(schema.Str(0, 100)),
                }
            )
        ),
        "warnings": schema.Arr(
            schema.Obj({"message": schema.Str(1, 500), "action": schema.Str(0, 500)})
        ),
    }
)
_ORGANISATION_REPORT = schema.Obj(
    {
        "id": schema.Int(),
        "held_on": _DAY,
        "half_start": schema.Str(10, 10, r"\d{4}-0[17]-01"),
        "reported_on": schema.Nullable(_DAY),
        "notes": schema.Str(0, 10_000),
        "snapshot": _ORG_SNAPSHOT,
    }
)
# version 5: the rest of the notice
_SINCE_5_SPECS: dict[str, schema.Spec] = {
    "trainings": schema.Arr(_TRAINING),
    "pairing_helps": schema.Arr(_PAIRING_HELP),
    "student_pairings": schema.Arr(_STUDENT_PAIRING),
    "organisation_reports": schema.Arr(_ORGANISATION_REPORT),
    "awards": schema.Arr(_AWARD),
    "leaders": schema.Arr(_LEADER),
}
RECORDS_SCHEMA = schema.Obj(
    {
        "schema_version": schema.Int(1, 1000),
        "branch": _BRANCH,
        "period": _PERIOD,
        "members": schema.Arr(_RECORD),
        "meetings": schema.Arr(_MEETING_4),
        "theme_days": schema.Arr(_RECORD),
        "heart_talks": schema.Arr(_RECORD),
        # 意识形态研判: each area's risk one of the four levels; the day it was reported
        "ideology_reviews": schema.Arr(
            schema.Obj(
                {
                    "id": schema.Int(),
                    "reported_on": schema.Nullable(schema.Str(0, 10)),
                    "areas": schema.Arr(
                        schema.Obj(
                            {
                                "area": schema.Str(1, 100),
                                "risk": schema.Str(3, 6, "none|low|medium|high"),
                            }
                        )
                    ),
                }
            )
        ),
        "org_life_meetings": schema.Arr(_ORG_LIFE),
        # 民主评议党员: the 测评表 handed in, each member's tallies (never negative) and rating
        "member_appraisals": schema.Arr(
            schema.Obj(
                {
                    "id": schema.Int(),
                    "voters": schema.Int(1, 100_000),
                    "ratings": schema.Arr(
                        schema.Obj(
                            {
                                "member_id": schema.Int(),
                                "excellent": schema.Int(),
                                "qualified": schema.Int(),
                                "basically_qualified": schema.Int(),
                                "unqualified": schema.Int(),
                                "rating": schema.Str(
                                    0, 20, "excellent|qualified|basically_qualified|unqualified"
                                ),
                                "decision": schema.Nullable(
                                    schema.Str(0, 20, "correct|persuade_to_leave|remove")
                                ),
                            }
                        )
                    ),
                }
            )
        ),
        # 党费收缴: each month collected, its payments (money in 分) and what was handed up;
        # never the members' bases (their income)
        "dues_collections": schema.Arr(
            schema.Obj(
                {
                    "id": schema.Int(),
                    "held_on": schema.Str(10, 10, _DATE),
                    "month": schema.Str(7, 7, _MONTH),
                    "handed_on": schema.Nullable(schema.Str(10, 10, _DATE)),
                    "handed_fen": schema.Nullable(_FEN),
                    "payments": schema.Arr(
                        schema.Obj(
                            {
                                "member_id": schema.Int(),
                                "member": schema.Str(0, 100),
                                "for_month": schema.Str(7, 7, _MONTH),
                                "due_fen": schema.Nullable(_FEN),
                                "paid_fen": _FEN,
                                "paid_on": schema.Str(10, 10, _DATE),
                                "method": schema.Str(0, 20),
                            }
                        )
                    ),
                }
            )
        ),
        # the branch's decision on a member six months without dues (党章 art. 9)
        "dues_arrears_decisions": schema.Arr(
            schema.Obj(
                {
                    "id": schema.Int(),
                    "member_id": schema.Int(),
                    "since_month": schema.Str(7, 7, _MONTH),
                    "months": schema.Int(1, 1000),
                    "decided_on": schema.Str(10, 10, _DATE),
                    "decision": schema.Str(0, 20, "good_reason|pay_by|leaving"),
                    "pay_by": schema.Nullable(schema.Str(10, 10, _DATE)),
                }
            )
        ),
        # 发展党员 (version 4): each file of the period, masked like the members
        "recruitments": schema.Arr(_RECRUITMENT),
        # version 5 (issue 20): 培训, 结对帮扶 (codes and counts unless chosen), 组织设置情况,
        # 评先 and the 班子成员, each list described above
        **_SINCE_5_SPECS,
    },
    optional={"member_names": schema.Obj({}), "made_on": schema.Str(0, 40)},
)
# What versions 1 to 4 had: a package made before issue 17's kinds, before 党费, before
# 发展党员 or before the rest of the notice still verifies.
_SINCE_2 = ("ideology_reviews", "org_life_meetings", "member_appraisals")
_SINCE_3 = ("dues_collections", "dues_arrears_decisions")
_SINCE_4 = ("recruitments",)
_SINCE_5 = tuple(_SINCE_5_SPECS)
RECORDS_SCHEMA_4 = schema.Obj(
    {key: spec for key, spec in RECORDS_SCHEMA.fields.items() if key not in _SINCE_5},
    optional=RECORDS_SCHEMA.optional,
)
RECORDS_SCHEMA_3 = schema.Obj(
    {
        **{key: spec for key, spec in RECORDS_SCHEMA_4.fields.items() if key not in _SINCE_4},
        "meetings": schema.Arr(_RECORD),
    },
    optional=RECORDS_SCHEMA_4.optional,
)
RECORDS_SCHEMA_2 = schema.Obj(
    {key: spec for key, spec in RECORDS_SCHEMA_3.fields.items() if key not in _SINCE_3},
    optional=RECORDS_SCHEMA_4.optional,
)
RECORDS_SCHEMA_1 = schema.Obj(
    {key: spec for key, spec in RECORDS_SCHEMA_2.fields.items() if key not in _SINCE_2},
    optional=RECORDS_SCHEMA_4.optional,
)


# 数据/compliance.json: {"schema_version", "rows": [...]} (submission/data.compliance_rows)
COMPLIANCE_SCHEMA = schema.Obj(
    {
        "schema_version": schema.Int(1, 1000),
        "rows": schema.Arr(
            schema.Obj(
                {
                    "obligation": schema.Str(1, 100),
                    "key": schema.Str(1, 60),
                    "period": schema.Str(1, 40),
                    "subject": schema.Str(0, 100),
                    "required": schema.Int(0, 10_000),
                    "done": schema.Int(0, 10_000),
                    "late_entries": schema.Int(0, 10_000),
                    "state": schema.Str(1, 20, "done|due_soon|overdue|not_yet_due|not_recorded"),
                    "state_label": schema.Str(0, 40),
                    "source": schema.Str(0, 300),
                }
            )
        ),
    }
)


@dataclass
class VerifyReport:
    path: Path
    ok: bool = False
    encrypted: bool = False
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    signer: signing.Signed | None = None  # a signed package whose signature holds
    notes: list[str] = field(default_factory=list)  # about the signer, said with the result
    known_fingerprint: str | None = None  # the key remembered for the branch, if any
    key_question: bool = False  # refused only for its key: may be accepted explicitly
    # what a verified package says (the county desk keeps them): records.json, and the rows
    # of compliance.json when the package has them; None until verified
    records: dict[str, Any] | None = None
    records_text: str = ""  # records.json as verified, to be kept as it is
    compliance: list[dict[str, Any]] | None = None

    @property
    def fingerprint(self) -> str | None:
        return None if self.signer is None else self.signer.fingerprint

    def fail(self, message: str) -> VerifyReport:
        self.problems.append(message)
        self.ok = False
        return self

    def summary(self) -> dict[str, Any]:
        manifest = self.manifest or {}
        return {
            "ok": self.ok,
            "file": str(self.path),
            "encrypted": self.encrypted,
            "problems": self.problems,
            "branch": manifest.get("branch"),
            "period": manifest.get("period"),
            "created_at": manifest.get("created_at"),
            "app_version": manifest.get("app_version"),
            "signature": {
                "signed": self.signer is not None,
                "fingerprint": self.fingerprint,
                "previous_fingerprint": (
                    None if self.signer is None else self.signer.previous_fingerprint
                ),
                "known_fingerprint": self.known_fingerprint,
                "needs_acceptance": self.key_question,
            },
            "notes": self.notes,
            "files": self.files,
        }


def unsafe_name(name: str) -> bool:
    return unsafe_reason(name) is not None


class _Meter:
    """Bytes read so far, told to ``progress`` at most once a permille."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.progress = progress
        self._said = -1

    def add(self, count: int) -> None:
        self.done = min(self.done + count, self.total)
        step = self.done * 1000 // self.total
        if self.progress is not None and step != self._said:
            self._said = step
            self.progress(self.done, self.total)

    def finish(self) -> None:
        self.add(self.total)


def verify_package(
    path: Path,
    *,
    password: str = "",
    progress: Progress | None = None,
    known_key: crypto.SealingKey | None = None,
    content: bytes | None = None,
) -> VerifyReport:
    """Check ``path``; the report says ok or every problem found. Never raises for a bad
    package. ``progress(done, total)``: bytes, a few hundred calls at most. ``known_key``: the key
    an export just wrote ``path`` with, so reading it back does not derive it again.
    ``content``: the file's bytes, already read into memory (the county desk reads each
    package once); ``path`` then only names it."""
    report = VerifyReport(path=path)
    try:
        if content is None and not path.is_file():
            return report.fail(f"找不到文件“{path}”。请确认U盘已插好、文件还在。")
        with path.open("rb") if content is None else io.BytesIO(content) as handle:
            size = len(content) if content is not None else os.fstat(handle.fileno()).st_size
            encrypted = handle.read(len(crypto.MAGIC)).startswith(crypto.MAGIC_STEM)
            meter = _Meter(size * 2 if encrypted else size, progress)
            if not encrypted:
                _verify_zip(handle, size, path.name, report, meter)
            else:
                report.encrypted = True
                _verify_encrypted(handle, password, path.name, report, meter, known_key)
        if not report.problems:
            meter.finish()
    except OSError as exc:
        report.fail(
            f"无法读取文件“{path}”（{exc.strerror or exc}）。请确认U盘已插好、文件还在，"
            "如果是从网上收到的，请重新下载。"
        )
    except MemoryError:
        report.fail("报送包太大或已损坏，读取时内存不够，已停止。请向报送方重新要一份。")
    # Anything else is a bug of ours, not a bad package (tests/unit/test_verify_fuzz.py
    # damages packages byte by byte): it goes to the crash hook like every other bug.
    report.ok = not report.problems
    return report


def _verify_encrypted(
    handle: BinaryIO,
    password: str,
    label: str,
    report: VerifyReport,
    meter: _Meter,
    known_key: crypto.SealingKey | None,
) -> None:
    if not password:
        report.fail("这个报送包设置了密码，请输入密码后再检查。")
        return
    handle.seek(0)
    damaged = (
        "报送包已损坏：加密的报送包不完整或已被改动（可能没有写完、被截断或损坏），"
        f"无法使用。{AGAIN}"
    )
    try:
        plain = crypto.open_decrypted(handle, password, progress=meter.add, known=known_key)
    except crypto.WrongPassword:
        report.fail("密码不正确，无法打开这个报送包。请核对密码（注意大小写）后再试。")
        return
    except crypto.UnknownVersion:
        report.fail(f"“{label}”是更新版本的程序加密的，本程序打不开。请用最新版本的程序检查。")
        return
    except crypto.DamagedContainer:
        report.fail(damaged)
        return
    meter.done = meter.total // 2
    try:
        _verify_zip(plain, plain.seek(0, os.SEEK_END), label, report, meter)
    except crypto.DamagedContainer:  # changed on the stick since it was authenticated
        report.fail(damaged)


def _verify_zip(
    handle: BinaryIO, size: int, label: str, report: VerifyReport, meter: _Meter
) -> None:
    try:
        directory = zipcheck.read_directory(handle, size, label)
    except zipcheck.ZipProblem as exc:
        report.fail(str(exc))
        return
    for problem in directory.problems:
        report.fail(problem)
    if report.problems:
        return
    members = {m.name: m for m in directory.members}
    total = sum(m.size for m in directory.members)
    bomb = total > MAX_TOTAL or any(
        m.size > (1 << 20) and m.size > MAX_RATIO * max(m.compressed, 1) for m in directory.members
    )
    if bomb:
        report.fail("报送包解压后的大小远超文件本身（疑似“压缩炸弹”），已拒绝，未写出任何文件。")
        return
    read = _manifest(handle, members, report)
    if read is None:
        return
    manifest, manifest_bytes = read
    report.manifest = manifest  # checked against its schema: branch, period, files are there
    signed = manifest["schema_version"] >= SIGNED_SINCE
    documents = _check_files(handle, members, manifest, report, meter, signed=signed)
    if not report.problems:
        _check_records(documents.get(RECORDS_NAME), members[RECORDS_NAME], manifest, report)
    if not report.problems and COMPLIANCE_NAME in members:
        _check_compliance(documents.get(COMPLIANCE_NAME), members[COMPLIANCE_NAME], report)
    if signed:
        _check_signature(handle, members, manifest_bytes, report)


def _check_signature(
    handle: BinaryIO,
    members: dict[str, zipcheck.Member],
    manifest_bytes: bytes,
    report: VerifyReport,
) -> None:
    member = members.get(SIGNATURE_NAME)
    if member is None or member.is_dir:
        report.fail(
            f"报送包没有签名文件：这个版本的报送包都有签名，签名被去掉了，说不清是谁发出的。{AGAIN}"
        )
        return
    if member.size > signing.MAX_SIGNATURE:
        report.fail(f"签名文件大得不正常（{member.size} 字节），已拒绝。{AGAIN}")
        return
    try:
        report.signer = signing.check_signature(_read_small(handle, member), manifest_bytes)
    except zipcheck.MemberProblem as exc:
        report.fail(str(exc))
    except signing.SignatureProblem as exc:
        report.fail(f"{exc}。{AGAIN}")


def _read_small(handle: BinaryIO, member: zipcheck.Member) -> bytes:
    return b"".join(zipcheck.read_member(handle, member))


def _manifest(
    handle: BinaryIO, members: dict[str, zipcheck.Member], report: VerifyReport
) -> tuple[dict[str, Any], bytes] | None:
    """The manifest, checked against its schema, and its exact bytes (what is signed)."""
    member = members.get(MANIFEST_NAME)
    if member is None or member.is_dir:
        report.fail("报送包中没有清单文件，不是本程序生成的报送包。")
        return None
    if member.size > MAX_MANIFEST:
        report.fail(f"报送包中的清单文件大得不正常（{member.size} 字节），已拒绝。{AGAIN}")
        return None
    try:
        raw = _read_small(handle, member)
        manifest = schema.parse(raw, "清单文件")
    except zipcheck.MemberProblem as exc:
        report.fail(str(exc))
        return None
    except schema.SchemaError as exc:
        report.fail(f"报送包中的{exc}，无法读取。{AGAIN}")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        report.fail("清单文件不是本程序的报送包清单，这不是本程序生成的报送包。")
        return None
    version = manifest.get("schema_version")
    if version not in SUPPORTED_SCHEMAS or isinstance(version, bool):
        shown = version if isinstance(version, int) else "不详"
        report.fail(
            f"这个报送包的格式是第 {shown} 版，本程序只认识第 "
            f"{'、'.join(map(str, sorted(SUPPORTED_SCHEMAS)))} 版。请用最新版本的程序打开。"
        )
        return None
    problem = schema.check(manifest, MANIFEST_SCHEMA, "清单")
    if problem:
        report.fail(f"{problem}。这个报送包不是本程序正常生成的，或已被改动，{AGAIN}")
        return None
    return manifest, raw


def _check_files(
    handle: BinaryIO,
    members: dict[str, zipcheck.Member],
    manifest: dict[str, Any],
    report: VerifyReport,
    meter: _Meter,
    *,
    signed: bool,
) -> dict[str, bytes]:
    """Every member listed, every listed one there and unchanged; ``signature.json``
    (signed packages) is the one member besides the manifest that the manifest does not
    list: it signs the manifest. Returns the bytes of the data documents (records,
    compliance) as they were checked, to be read without a second pass.

    A listed member's SHA-256 is compared with the manifest's, so its zip CRC is not
    computed as well: the hash is the stronger check of the same bytes."""
    documents: dict[str, bytes] = {}
    listed: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(manifest["files"]):
        name = entry["path"]
        if unsafe_name(name) or name in (MANIFEST_NAME, SIGNATURE_NAME) or name in listed:
            report.fail(
                f"清单中的 files[{index}].path（“{name[:80]}”）不能用：名称不安全、重复或是清单"
                f"或签名文件本身。这个报送包已被改动，{AGAIN}"
            )
            return documents
        listed[name] = entry
    if RECORDS_NAME not in listed:
        report.fail(f"清单上没有记录数据，报送包不完整。{AGAIN}")
    unlisted = {MANIFEST_NAME, SIGNATURE_NAME} if signed else {MANIFEST_NAME}
    present = {name for name, m in members.items() if not m.is_dir} - unlisted
    for name in sorted(present - listed.keys())[:20]:
        report.fail(f"报送包中多出了清单上没有的文件“{name}”，可能被改动过。")
    for name, entry in listed.items():
        member = members.get(name)
        if member is None or member.is_dir:
            report.fail(f"清单上的文件“{name}”不在报送包中。")
            continue
        if member.size != entry["size"]:
            meter.add(member.compressed)
            report.fail(f"文件“{name}”与清单不符（内容被改动或损坏）。")
            continue
        digest = hashlib.sha256()
        keep = name in DATA_DOCUMENTS and member.size <= MAX_RECORDS
        chunks: list[bytes] = []
        try:
            for chunk in zipcheck.read_member(handle, member, meter.add, check_crc=False):
                digest.update(chunk)
                if keep:
                    chunks.append(chunk)
        except zipcheck.MemberProblem as exc:
            report.fail(str(exc))
            continue
        if digest.hexdigest() != entry["sha256"]:
            report.fail(f"文件“{name}”与清单不符（内容被改动或损坏）。")
            continue
        report.files.append({"path": name, "size": member.size, "sha256": entry["sha256"]})
        if keep:
            documents[name] = b"".join(chunks)
    return documents


_UNREAD = object()  # a data document that could not be read (JSON's null is a value)


def _data_document(
    raw: bytes | None, member: zipcheck.Member, document: str, report: VerifyReport
) -> Any:
    """records.json or compliance.json parsed (_UNREAD: the report says why not)."""
    if member.size > MAX_RECORDS:
        report.fail(f"{document}大得不正常（{member.size} 字节），已拒绝。{AGAIN}")
        return _UNREAD
    assert raw is not None  # checked against the manifest, and small enough: kept
    try:
        return schema.parse(raw, document)
    except schema.SchemaError as exc:
        report.fail(f"{exc}，无法读取。{AGAIN}")
        return _UNREAD


def _check_records(
    raw: bytes | None, member: zipcheck.Member, manifest: dict[str, Any], report: VerifyReport
) -> None:
    records = _data_document(raw, member, "记录数据", report)
    if records is _UNREAD:
        return
    assert raw is not None
    version = records.get("schema_version") if isinstance(records, dict) else None
    if isinstance(records, dict) and (version not in RECORDS_VERSIONS or isinstance(version, bool)):
        shown = version if isinstance(version, int) else "不详"
        report.fail(f"记录数据的版本 {shown} 本程序不认识。请用最新版本的程序打开。")
        return
    # (not an object at all: the check says so, in the words of every other fault)
    older = {1: RECORDS_SCHEMA_1, 2: RECORDS_SCHEMA_2, 3: RECORDS_SCHEMA_3, 4: RECORDS_SCHEMA_4}
    spec = older.get(version, RECORDS_SCHEMA) if isinstance(version, int) else RECORDS_SCHEMA
    problem = schema.check(records, spec, "记录数据")
    if problem:
        report.fail(f"{problem}。这个报送包不是本程序正常生成的，或已被改动，{AGAIN}")
        return
    if records["branch"]["uid"] != manifest["branch"]["uid"]:
        report.fail(f"记录数据与清单不是同一个支部的，报送包已被改动。{AGAIN}")
    elif records["period"]["code"] != manifest["period"]["code"]:
        report.fail(f"记录数据与清单不是同一个期间的，报送包已被改动。{AGAIN}")
    else:
        report.records = records
        report.records_text = raw.decode("utf-8")  # parse decoded it: it is UTF-8


def _check_compliance(raw: bytes | None, member: zipcheck.Member, report: VerifyReport) -> None:
    """数据/compliance.json: each obligation of each sub-period, as the branch judged it."""
    document = "完成情况数据"
    data = _data_document(raw, member, document, report)
    if data is _UNREAD:
        return
    problem = schema.check(data, COMPLIANCE_SCHEMA, document)
    if problem:
        report.fail(f"{problem}。这个报送包不是本程序正常生成的，或已被改动，{AGAIN}")
        return
    report.compliance = list(data["rows"])


# --- who signed it ---------------------------------------------------------------------------

PHONE = "请电话向支部核实"


def judge_signer(
    report: VerifyReport, known: bytes | None, *, accept_new_key: bool = False
) -> bool:
    """Judge the signer of a package that verified against ``known``, the key this data
    folder remembers for the branch (None: never seen it). Adds a note or, when the key is
    not the branch's and no announcement by the known key vouches for it, a refusal that
    ``accept_new_key`` (after a phone call to the branch) turns into a warning. Returns
    whether the signer's key is now to be remembered for the branch."""
    if not report.ok or report.manifest is None:
        return False
    name = str(report.manifest["branch"]["name"])
    signer = report.signer
    report.known_fingerprint = None if known is None else signing.fingerprint(known)
    if signer is None:
        if known is None:
            report.notes.append(f"签名：{UNSIGNED}。无法核对是谁发出的。")
            return False
        warning = (
            f"这个报送包没有签名（自称是旧版本程序生成的），但以前收到的“{name}”的报送包都有"
            f"签名（指纹 {report.known_fingerprint}）。可能是有人去掉签名后改动了内容。"
        )
        if accept_new_key:
            report.notes.append(f"！注意：{warning}你已确认接受这个未签名的报送包。")
            return False
        report.key_question = True
        report.fail(
            f"{warning}{PHONE}是否发过这个报送包；核实无误后，在“检查报送包”页点"
            "“已电话核实，接受”（用命令时加 --accept-new-key 重新检查）。"
        )
        return False
    fingerprint = signer.fingerprint
    if known is None:
        report.notes.append(
            f"签名指纹：{fingerprint}。第一次收到“{name}”的报送包，已记下这个密钥；"
            "请和支部报告末尾印的指纹核对一次，以后的报送包会自动核对。"
        )
        return True
    if known == signer.public_key:
        report.notes.append(f"签名指纹：{fingerprint}，与以前收到的“{name}”的报送包相同。")
        return False
    if signer.previous_public_key == known:
        report.notes.append(
            f"签名指纹：{fingerprint}。“{name}”更换了签名密钥"
            f"（原指纹 {report.known_fingerprint}），新密钥有原密钥签名的更换声明，已记下新密钥。"
        )
        return True
    warning = (
        f"签名密钥与以前收到的“{name}”的报送包不同（以前的指纹 {report.known_fingerprint}，"
        f"这次的指纹 {fingerprint}），也没有原密钥签名的更换声明。可能是支部换了电脑、"
        "丢了密钥，也可能是别人冒充这个支部。"
    )
    if accept_new_key:
        report.notes.append(f"！注意：{warning}你已确认接受新密钥，已记下，以后按新密钥核对。")
        return True
    report.key_question = True
    report.fail(
        f"{warning}{PHONE}新指纹（支部在“设置”页能看到，报告末尾也印有）；核实无误后，"
        "在“检查报送包”页点“已电话核实，接受新密钥”（用命令时加 --accept-new-key 重新检查）。"
    )
    return False
