"""Sample documents with invented content, for the tests and the bench (not the program).

They exercise every block: a GB/T 9704 report with a red masthead and all four heading
levels, a table-form 会议记录 that runs onto a second page, and a ledger with a cover, a
contents list and one record per meeting.
"""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.documents.model import (
    Block,
    Cell,
    Colophon,
    Contents,
    ContentsEntry,
    Cover,
    Document,
    Heading,
    Masthead,
    PageBreak,
    Paragraph,
    SignatureBlock,
    SignatureLines,
    Table,
    Title,
)

BRANCH = "中共建始县高坪镇中心小学支部委员会"
REPORT_TITLE = "关于高坪镇中心小学党支部2020年第三季度党建工作情况的报告"

_CONTENT = (
    "书记张建国传达了县教育局党委关于开展“学习强国”学习竞赛的通知精神，"
    "要求全体党员利用课余时间坚持每天学习，不得弄虚作假；"
    "组织委员李秀英通报了第三季度党费收缴情况：应缴党员21名，已缴21名，共计3,456.00元，"
    "已于9月25日前全部上缴县教育局党委。"
    "宣传委员王海燕带领大家学习了《中国共产党支部工作条例（试行）》第三章、第四章，"
    "并结合学校实际，就“党员先行·关爱学生”结对帮扶活动提出了具体安排："
    "每名党员联系2至3名留守儿童，每月至少家访一次，做好记录。"
    "与会党员围绕“如何在教育教学中发挥党员先锋模范作用”进行了讨论，"
    "刘文静、陈志强、周玉兰等同志先后发言，一致认为要从备课、上课、辅导、作业批改等环节做起，"
    "做到“课前有准备、课中有互动、课后有反思”。"
)


def sample_report() -> Document:
    """关于……的报告, upward: red masthead with 签发人, 主送, four heading levels, signature,
    成文日期 and the 版记 (抄送, 印发)."""
    body = (
        "今年第三季度，我支部在县教育局党委的坚强领导下，认真贯彻落实党的十九大和十九届四中全会精神，"
        "坚持以党建工作统领学校各项工作，扎实开展“三会一课”、主题党日、谈心谈话等组织生活，"
        "支部的凝聚力和战斗力进一步增强。现将有关情况报告如下："
    )
    blocks: list[Block] = [
        Paragraph("县教育局党委：", indent_chars=0),
        Paragraph(body),
        Heading("基本情况"),
        Paragraph(
            "支部现有党员21名，其中正式党员19名、预备党员2名；入党积极分子3名。"
            "本季度召开支部党员大会1次、支委会3次、党小组会6次，讲党课1次，"
            "开展主题党日活动3次，谈心谈话24人次，全部按要求记录、归档。"
        ),
        Heading("主要做法"),
        Heading("严格落实“三会一课”制度", level=2),
        Heading("提前谋划，确定议题。", level=3),
        Paragraph(
            "每月初由支部书记召集支委会研究确定当月组织生活的议题，报镇中心学校党总支审核后执行，"
            "做到会前有通知、会中有记录、会后有落实。"
        ),
        Heading("规范记录，及时归档。", level=3),
        Heading("会议记录由组织委员负责，使用统一的记录本；", level=4),
        Heading("会后三日内将记录、签到表、照片整理归档。", level=4),
        Heading("扎实开展主题党日活动", level=2),
        Paragraph(_CONTENT),
        Heading("存在的问题和下一步打算"),
        Paragraph(
            "一是个别党员学习主动性不强，“学习强国”积分偏低；二是结对帮扶记录不够详细。"
            "下一步，支部将加强督促检查，每月通报学习情况，把帮扶工作纳入党员年度评议。"
        ),
        Paragraph("特此报告。"),
        SignatureBlock("中共建始县高坪镇中心小学支部委员会", dt.date(2020, 8, 28)),
    ]
    return Document(
        title=REPORT_TITLE,
        blocks=blocks,
        layout="official",
        masthead=Masthead(
            issuer="中共建始县高坪镇中心小学支部委员会文件",
            document_number="高小支〔2020〕9号",
            signer="张建国",
            direction="upward",
        ),
        author=BRANCH,
        colophon=Colophon(
            printed_by="中共建始县高坪镇中心小学支部委员会",
            printed_on=dt.date(2020, 8, 28),
            copy_to="高坪镇中心学校党总支",
        ),
    )


def minutes_table(meeting: str, day: dt.date, content_repeat: int = 2) -> Table:
    """A 会议记录 table: label cells and content cells; the first row repeats on each page."""
    when = f"{day.year}年{day.month}月{day.day}日 15:30—17:00"
    rows = [
        [Cell("会议名称", label=True), Cell(meeting, colspan=3)],
        [Cell("时间", label=True), Cell(when), Cell("地点", label=True), Cell("学校会议室")],
        [Cell("主持人", label=True), Cell("张建国"), Cell("记录人", label=True), Cell("李秀英")],
        [
            Cell("应到人数", label=True),
            Cell("21人"),
            Cell("实到人数", label=True),
            Cell("19人"),
        ],
        [
            Cell("缺席人员及原因", label=True),
            Cell("赵春雪（外出培训）、孙明（病假）", colspan=3),
        ],
        [Cell("列席人员", label=True), Cell("入党积极分子 徐晓明、吴俊杰", colspan=3)],
        [
            Cell("议题", label=True),
            Cell(
                "1. 传达学习县教育局党委文件精神；\n2. 通报第三季度党费收缴情况；\n"
                "3. 研究“党员先行·关爱学生”结对帮扶安排。",
                colspan=3,
                align="left",
            ),
        ],
        [
            Cell("会议内容", label=True),
            Cell("\n".join([_CONTENT] * content_repeat), colspan=3, indent_chars=2, min_lines=8),
        ],
        [
            Cell("决议", label=True),
            Cell(
                "1. 全体党员每日登录“学习强国”学习，支部每月通报一次；\n"
                "2. 结对帮扶名单经支委会审定后于10月10日前公布。",
                colspan=3,
                align="left",
                min_lines=2,
            ),
        ],
        [
            Cell("签字", label=True),
            Cell("主持人：              记录人：", colspan=3, align="left", min_lines=2),
        ],
    ]
    return Table(rows=rows, widths=[28, 52, 26, 40.6], width_unit="mm", header_rows=1)


def sample_minutes() -> Document:
    """A 支部党员大会 会议记录 in the table form, long enough for two pages."""
    day = dt.date(2020, 8, 28)
    return Document(
        title="支部党员大会会议记录",
        subtitle="（2020年第3次）",
        blocks=[minutes_table("2020年第三季度支部党员大会", day)],
        layout="table_form",
        author=BRANCH,
    )


def sample_talk() -> Document:
    """谈心谈话记录: a short table and lines to sign on below it."""
    rows = [
        [Cell("谈话人", label=True), Cell("张建国"), Cell("谈话对象", label=True), Cell("刘文静")],
        [
            Cell("时间", label=True),
            Cell("2020年9月3日"),
            Cell("地点", label=True),
            Cell("书记办公室"),
        ],
        [Cell("谈话内容", label=True), Cell(_CONTENT, colspan=3, indent_chars=2)],
    ]
    return Document(
        title="谈心谈话记录",
        blocks=[
            Table(rows=rows, widths=[2, 3, 2, 3]),
            SignatureLines(["谈话人（签字）", "谈话对象（签字）"]),
        ],
        author=BRANCH,
    )


MEETINGS = ("支部党员大会", "支委会", "党小组会", "党课", "主题党日活动")


def sample_ledger(records: int = 12, content_repeat: int = 2) -> Document:
    """A period's 台账: cover, contents, then one record per meeting, each on new pages."""
    start = dt.date(2020, 7, 2)
    titles = []
    blocks: list[Block] = []
    for number in range(records):
        day = start + dt.timedelta(days=7 * number)
        kind = MEETINGS[number % len(MEETINGS)]
        anchor = f"r{number + 1}"
        text = f"{kind}会议记录" if not kind.endswith("活动") else f"{kind}记录"
        titles.append(ContentsEntry(f"{day.month}月{day.day}日 {text}", anchor))
        blocks.append(PageBreak())
        blocks.append(
            Title(text, subtitle=f"（{day.year}年{day.month}月{day.day}日）", anchor=anchor)
        )
        blocks.append(minutes_table(f"{day.year}年{kind}", day, content_repeat))
    cover = Cover(
        title="党建工作台账",
        branch=BRANCH,
        period="2020年第三季度",
        lines=["2020年10月"],
    )
    return Document(
        title="高坪镇中心小学党支部2020年第三季度党建工作台账",
        blocks=[cover, Contents(titles), *blocks],
        show_title=False,
        author=BRANCH,
    )


ROSTER_HEADER = ("序号", "姓名", "性别", "出生年月", "入党时间", "人员类别", "联系电话")


def sample_roster(members: int = 60) -> Document:
    """花名册: a wide table whose header row repeats on every page."""
    surnames = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗"
    given = "建国秀英海燕文静志强玉兰春雪晓明俊杰丽华"
    rows = [[Cell(text, label=True) for text in ROSTER_HEADER]]
    for number in range(1, members + 1):
        name = surnames[number % len(surnames)] + given[(number * 3) % len(given) :][:2]
        rows.append(
            [
                Cell(str(number), align="center"),
                Cell(name, align="center"),
                Cell("女" if number % 3 else "男", align="center"),
                Cell(f"{1960 + number % 35}.{number % 12 + 1:02d}", align="center"),
                Cell(f"{1985 + number % 35}.{number % 12 + 1:02d}", align="center"),
                Cell("预备党员" if number % 10 == 0 else "正式党员", align="center"),
                Cell(f"1380718{number:04d}", align="center"),
            ]
        )
    return Document(
        title="党员花名册",
        subtitle="（截至2020年9月30日）",
        blocks=[
            Table(
                rows,
                widths=[11.5, 17, 11.5, 22, 22, 21, 41.6],
                width_unit="mm",
                header_rows=1,
                text_size_pt=12,
            )
        ],
        author=BRANCH,
    )
