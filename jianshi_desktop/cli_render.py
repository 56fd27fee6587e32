"""``main.py render``: the documents of the branch's records, for scripting.

    render list --period 2020Q3                 the records of a period, with their ids
    render minutes ID [--record KIND]           one record (KIND: theme_day, heart_talk …)
    render notice --id ID                       a meeting's 会议通知 (a draft too)
    render ledger --period 2020Q3 [--include-confidential]
    render report --period 2020Q3 --practices-file 做法.txt --plans-file 打算.txt
                  [--issuer 机关名称 --number 建教党〔2020〕9号 --signer 签发人 | --downward]
                  [--copy-to 抄送机关 --printed-by 印发机关 --printed-on DATE]
                  (the period's 定稿 when it has one; --draft: the saved draft's texts
                  with today's figures)
    render roster [--full-ids] [--as-of DATE]

Each takes ``--format docx|pdf|both`` (default both), ``--out DIR`` (default the current
folder) and ``--json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the documents load with the first command that renders
    from jianshi_desktop.documents.records import ReportDraft

FORMATS = ("docx", "pdf", "both")


def add_render_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    render = commands.add_parser(
        "render",
        help="文书：生成会议记录、台账、报告或花名册的 Word/PDF 文件",
        description="按规范格式生成 Word 和 PDF 文件（不打开程序窗口）。",
    )
    kinds = render.add_subparsers(
        dest="render_command", title="文书", metavar="文书", parser_class=parser_class
    )
    kinds.required = True

    def common(sub: argparse.ArgumentParser, *, out: bool = True) -> None:
        if out:
            sub.add_argument(
                "--format", choices=FORMATS, default="both", help="docx、pdf 或 both（默认 both）"
            )
            sub.add_argument(
                "--out", metavar="DIR", default=".", help="保存到的文件夹（默认当前文件夹）"
            )
        sub.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")

    listing = kinds.add_parser(
        "list", help="列出一个期间的记录及其编号", description="列出一个期间已完成的记录及其编号。"
    )
    listing.add_argument(
        "--period",
        required=True,
        help="期间：2020Q3、2020-09、2020H1、2020 或 2020-07-01..2020-09-30",
    )
    listing.add_argument("--include-confidential", action="store_true", help="包括保密的提醒谈话")
    common(listing, out=False)
    listing.set_defaults(handler=_list_handler)

    minutes = kinds.add_parser(
        "minutes",
        help="一份记录：会议记录、主题党日、谈心谈话、意识形态研判、组织生活会或民主评议记录",
        description="生成一份记录的文书；编号见 render list。",
    )
    minutes.add_argument("id", type=int, help="记录编号")
    minutes.add_argument(
        "--record",
        default="meeting",
        help="记录类别：meeting（三会一课，默认）、theme_day（主题党日）、heart_talk（谈心谈话）、"
        "ideology_review（意识形态研判）、org_life_meeting（组织生活会）、"
        "member_appraisal（民主评议党员）",
    )
    common(minutes)
    minutes.set_defaults(handler=_minutes_handler)

    notice = kinds.add_parser(
        "notice",
        help="会议通知：会前发给参会人员（时间、地点、议题、参加人员、请假）",
        description="按一次会议（草稿也可以）第一步填写的内容生成会议通知。",
    )
    notice.add_argument("--id", type=int, required=True, help="会议记录的编号")
    common(notice)
    notice.set_defaults(handler=_notice_handler)

    ledger = kinds.add_parser(
        "ledger",
        help="一个期间的台账（封面、目录和全部记录）",
        description="生成一个期间的党建工作台账。",
    )
    ledger.add_argument(
        "--period",
        required=True,
        help="期间：2020Q3、2020-09、2020H1、2020 或 2020-07-01..2020-09-30",
    )
    ledger.add_argument(
        "--include-confidential",
        action="store_true",
        help="把保密的提醒谈话也编入台账（默认不编入）",
    )
    common(ledger)
    ledger.set_defaults(handler=_ledger_handler)

    report = kinds.add_parser(
        "report",
        help="党建工作情况报告（GB/T 9704 公文格式）",
        description="按程序中的数据起草并生成党建工作情况报告。",
    )
    report.add_argument("--period", required=True, help="期间：2020Q3、2020-09、2020H1、2020 等")
    report.add_argument(
        "--issuer", default="", help="发文机关（加红色版头时填写，如 中共建始县某某小学支部委员会）"
    )
    report.add_argument("--number", default="", help="发文字号，如 某小支〔2020〕1号")
    report.add_argument(
        "--signer",
        default="",
        help="签发人（上行文的红头上印出；不填时用成文日期当天的支部书记）",
    )
    report.add_argument(
        "--downward", action="store_true", help="按下行文排版：发文字号居中，不印签发人"
    )
    report.add_argument("--copy-to", default="", help="版记中的抄送机关（没有可不填）")
    report.add_argument("--printed-by", default="", help="版记中的印发机关（默认为署名的党组织）")
    report.add_argument(
        "--printed-on", default="", metavar="DATE", help="版记中的印发日期（默认为成文日期）"
    )
    report.add_argument(
        "--practices-file",
        metavar="FILE",
        help="“主要做法和成效”的内容：一个 UTF-8 文本文件，每段一行（必填）",
    )
    report.add_argument(
        "--plans-file",
        metavar="FILE",
        help="“存在的问题和下一步打算”的内容：一个 UTF-8 文本文件，每段一行（必填）",
    )
    report.add_argument(
        "--draft",
        action="store_true",
        help="不用定稿：按今天登记的记录，用程序里保存的报告草稿（或定稿）的文字生成",
    )
    common(report)
    report.set_defaults(handler=_report_handler)

    roster = kinds.add_parser(
        "roster",
        help="党员花名册（表格）",
        description="生成在册党员花名册；身份证号码默认隐去中间部分。",
    )
    roster.add_argument(
        "--full-ids", action="store_true", help="显示完整身份证号码（注意保护个人信息）"
    )
    roster.add_argument(
        "--as-of",
        metavar="日期",
        help="某一天的花名册：那天在册的党员，类别和党小组也按那天（默认今天），如 2025-12-31",
    )
    common(roster)
    from jianshi_desktop.cli_lock import add_lock_password_option

    add_lock_password_option(roster)
    roster.set_defaults(handler=_roster_handler)  # fmt: skip


def _period(text: str) -> Any:
    from jianshi_desktop.domain.periods import PeriodError, parse_period
    from jianshi_desktop.errors import UserError

    try:
        return parse_period(text)
    except PeriodError as exc:
        raise UserError(exc.message) from exc


def _finish(args: argparse.Namespace, what: str, files: list[Path]) -> int:
    return _report_written(
        args,
        {"ok": True, "document": what, "files": [str(f) for f in files]},
        [f"已生成{what}：", *(f"  {f}" for f in files)],
        files,
    )


def _report_written(
    args: argparse.Namespace, result: dict[str, Any], lines: list[str], files: list[Path]
) -> int:
    """Say what was written — and, for PDFs, which faces stood in for the official fonts
    and which characters no font had (then the files are written, but with blanks: "ok" is
    false and the exit code 1). With ``--json`` all of it is in the one JSON object
    (``font_notice``, ``missing_characters``, and ``error`` when characters are missing);
    otherwise the font notes go to stderr."""
    from jianshi_desktop import cli

    notes = _font_notes(files)
    result = {
        **result,
        "ok": result.get("ok", True) and not notes.missing,
        "font_notice": notes.notice,
        "missing_characters": list(notes.missing),
    }
    if notes.missing:
        result["error"] = notes.missing_sentence
    cli.print_result(result, as_json=args.json, lines=lines)
    if not args.json:
        notes.say()
    return cli.EXIT_PROBLEMS if notes.missing else cli.EXIT_OK


@dataclass(frozen=True)
class FontNotes:
    """What the PDFs just written owe to the fonts of this computer."""

    notice: str = ""  # the faces that stood in for official fonts ("" when none)
    missing: str = ""  # the characters no font had: blank in the PDF

    @property
    def missing_sentence(self) -> str:
        if not self.missing:
            return ""
        shown = "、".join(f"“{ch}”" for ch in self.missing[:10])
        more = f"等 {len(self.missing)} 个字" if len(self.missing) > 10 else ""
        return (
            f"这台电脑上的字体里没有 {shown}{more}，PDF 中这些字是空白的。"
            "请安装含有这些字的字体后重新生成。"
        )

    def say(self) -> None:
        """On stderr: 提示 for the substitutes, 注意 for the blanks."""
        import sys

        if self.notice:
            print(f"提示：{self.notice}要与公文字体一致，请安装这些字体。", file=sys.stderr)
        if self.missing:
            print(f"注意：{self.missing_sentence}", file=sys.stderr)


def _font_notes(files: list[Path]) -> FontNotes:
    """The font notes of the PDFs among ``files`` (none for Word files: Word names the
    official fonts and the reader's Word or WPS substitutes)."""
    if not any(f.suffix == ".pdf" for f in files):
        return FontNotes()
    from jianshi_desktop.documents.fonts import resolve_fonts
    from jianshi_desktop.documents.render_pdf import font_report

    roles, missing = font_report()
    return FontNotes(resolve_fonts().notice(roles), missing)


def _with_store(args: argparse.Namespace, work: Any) -> int:
    from jianshi_desktop import cli

    store = cli._open_branch_store(args)
    try:
        result: int = work()
        return result
    finally:
        store.close()


def _list_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.services import documents

    def work() -> int:
        period = _period(args.period)
        refs = documents.records_in(period, include_confidential=args.include_confidential)
        rows = [
            {
                "record": r.record_type,
                "id": r.id,
                "date": r.held_on.isoformat(),
                "title": r.line,
                "file": r.stem,  # the file name render minutes writes (without ending)
            }
            for r in refs
        ]
        lines = [f"{period.label}已完成的记录 {len(rows)} 份："] + [
            f"  {r['date']}  {r['record']:<10} {r['id']:>5}  {r['title']}" for r in rows
        ]
        cli.print_result(
            {"ok": True, "period": period.code, "records": rows}, as_json=args.json, lines=lines
        )
        return cli.EXIT_OK

    return _with_store(args, work)


def _minutes_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import documents
    from jianshi_desktop.services.record_kinds import KINDS, kind_of

    def work() -> int:
        try:
            kind = kind_of(args.record)
        except LookupError:
            known = "、".join(f"{k.record_type}（{k.name}）" for k in KINDS)
            raise UserError(
                f"没有“{args.record}”这一类记录。", hint=f"--record 可以是：{known}。"
            ) from None
        try:
            document = documents.record_document(kind.record_type, args.id)
        except documents.RecordMissing as exc:
            raise UserError(
                f"没有编号为 {args.id} 的{kind.name}记录。",
                hint="请用 render list --period 期间 查看记录编号。",
            ) from exc
        stem = documents.record_file_stem(args.record, args.id)
        return _finish(args, "记录", documents.write(document, Path(args.out), stem, args.format))

    return _with_store(args, work)


def _notice_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import documents

    def work() -> int:
        try:
            document = documents.meeting_notice(args.id)
        except documents.RecordMissing as exc:
            raise UserError(f"没有编号为 {args.id} 的三会一课会议记录。") from exc
        stem = documents.notice_stem(args.id)
        return _finish(
            args, "会议通知", documents.write(document, Path(args.out), stem, args.format)
        )

    return _with_store(args, work)


def _ledger_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.services import documents

    def work() -> int:
        period = _period(args.period)
        document = documents.ledger(period, include_confidential=args.include_confidential)
        files = documents.write(
            document, Path(args.out), documents.ledger_stem(period), args.format
        )
        return _finish(args, f"{period.label}台账", files)

    return _with_store(args, work)


REPORT_PARTS = {"practices": "practices-file", "plans": "plans-file"}


def _read_text(name: str) -> str:
    from jianshi_desktop.errors import UserError

    try:
        return Path(name).read_text(encoding="utf-8-sig").strip()
    except FileNotFoundError as exc:
        raise UserError(f"找不到文件“{name}”。") from exc
    except UnicodeDecodeError as exc:
        raise UserError(
            f"文件“{name}”不是 UTF-8 编码的文本。",
            hint="请用记事本另存为时选择“UTF-8”编码。",
        ) from exc
    except OSError as exc:
        raise UserError(f"读不了文件“{name}”（{exc.strerror or exc}）。") from exc


def _unfilled(draft: Any) -> list[tuple[str, str]]:
    """(key, 「二、主要做法和成效」) of each part still to be written."""
    from jianshi_desktop.documents.records import unfilled_sections

    return [(section.key, name) for name, section in unfilled_sections(draft)]


def _finished_report(args: argparse.Namespace, period: Any, finished: Any) -> int:
    """The period's 定稿, from its stored text (later records do not change it)."""
    from jianshi_desktop.domain.dates import format_date
    from jianshi_desktop.services import documents, reports

    files = documents.write(
        reports.finished_document(finished),
        Path(args.out),
        reports.finished_stem(finished),
        args.format,
    )
    changed = reports.figures_changed(period, finished)
    on = format_date(finished.finished_on)
    lines = [f"已生成{period.label}报告的定稿（{on}定稿）：", *(f"  {f}" for f in files)]
    if args.practices_file or args.plans_file:
        lines.append("报告已经定稿，没有使用 --practices-file、--plans-file 给出的内容。")
    if changed:
        lines.append(
            "定稿后记录有变动：按现在登记的记录，报告中的数字会不同。"
            "要按今天的记录生成，请加 --draft。"
        )
    result = {
        "ok": True,
        "document": "报告",
        "files": [str(f) for f in files],
        "finished": True,
        "finished_on": finished.finished_on.isoformat(),
        "figures_changed": changed,
    }
    return _report_written(args, result, lines, files)


def _report_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import documents, reports

    def work() -> int:
        period = _period(args.period)
        finished = reports.finished_report(period)
        if finished is not None and not args.draft:
            return _finished_report(args, period, finished)
        saved = reports.saved_draft(period) if args.draft else None
        kept = saved.draft if saved is not None else finished.draft if finished else None
        if kept is not None:  # --draft: her texts, today's figures
            draft = reports.with_todays_figures(kept, period, dt.date.today())
            draft.issuer = args.issuer or draft.issuer
            draft.document_number = args.number or draft.document_number
        else:
            draft = documents.report_draft(period)
            draft.issuer, draft.document_number = args.issuer, args.number
        draft = _report_options(draft, args)
        texts = {"practices": args.practices_file, "plans": args.plans_file}
        for section in draft.sections:
            if texts.get(section.key):
                section.text = _read_text(texts[section.key])
        missing = [
            f"{part}（用 --{REPORT_PARTS[key]} 文件 提供）" if key in REPORT_PARTS else part
            for key, part in _unfilled(draft)
        ]
        if missing:
            raise UserError(
                f"报告的{'、'.join(missing)}还没有内容，没有生成报告。",
                hint="这些内容要由书记填写：请写在 UTF-8 文本文件里，每段一行。",
            )
        files = documents.write(
            documents.report(draft), Path(args.out), documents.report_stem(draft), args.format
        )
        return _finish(args, "报告", files)

    return _with_store(args, work)


def _report_options(draft: ReportDraft, args: argparse.Namespace) -> ReportDraft:
    """The 版头's direction and 签发人 and the 版记 as the options give them; the 书记 of
    the 成文日期 as 签发人 when none is given."""
    from jianshi_desktop.documents.records import signer_missing
    from jianshi_desktop.domain.dates import DateParseError, parse_date
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import reports

    if args.downward:
        draft.direction = "downward"
    elif args.signer:
        draft.direction = "upward"
    draft.masthead_signer = args.signer.strip() or draft.masthead_signer
    draft.copy_to = args.copy_to.strip() or draft.copy_to
    draft.printed_by = args.printed_by.strip() or draft.printed_by
    if args.printed_on:
        try:
            found = parse_date(args.printed_on)
        except DateParseError as exc:
            raise UserError(str(exc)) from exc
        if found.precision != "day":
            raise UserError(f"印发日期“{args.printed_on}”没有写到哪一天，例如 2026-10-8。")
        draft.printed_on = found.value
    draft = reports.with_default_signer(draft)
    if signer_missing(draft):
        raise UserError(
            "上行文的红头要印签发人，程序中没有登记成文日期当天的支部书记。",
            hint="请用 --signer 姓名 写明签发人，或加 --downward 按下行文排版。",
        )
    return draft


def _day(text: str) -> dt.date:
    from jianshi_desktop.domain.dates import DateParseError, parse_date
    from jianshi_desktop.errors import UserError

    try:
        found = parse_date(text)
    except DateParseError as exc:
        raise UserError(str(exc)) from exc
    if found.precision != "day":
        raise UserError(f"“{text}”没有写到哪一天，请写完整的日期，例如 2025-12-31。")
    if found.value > dt.date.today():
        raise UserError(f"“{text}”晚于今天，花名册只能是今天或以前某一天的。")
    return found.value


def _roster_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.services import documents

    as_of = _day(args.as_of) if args.as_of else None

    def work() -> int:
        if args.full_ids:  # full ID numbers: the 启动密码 when one is set
            from jianshi_desktop.cli_lock import confirm_lock_password

            confirm_lock_password(args, "生成带完整身份证号码的花名册")
        document = documents.roster(masked=not args.full_ids, as_of=as_of)
        files = documents.write(document, Path(args.out), documents.roster_stem(), args.format)
        return _finish(args, "花名册", files)

    return _with_store(args, work)
