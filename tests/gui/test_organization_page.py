"""The 组织 page: warnings of the size rules, the committee term and its posts, the party
groups and their leaders — driven through the page's buttons and dialogs."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.dates import add_years
from jianshi_desktop.domain.enums import CommitteePostKind, MemberEventKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.organization.page import (
    BY_ELECTION_TEXT,
    VACANT_TEXT,
    AddPostDialog,
    ElectionDialog,
    GroupNameDialog,
    OrganizationPage,
    PickMemberDialog,
)
from jianshi_desktop.gui.records.pickers import combo_member
from jianshi_desktop.services import members as member_svc
from jianshi_desktop.services import organization as org_svc
from jianshi_desktop.services.branch import BranchDraft, BranchInfo, create_branch
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.organization import (
    current_term,
    posts_to_elect,
    set_post_holder,
)
from jianshi_desktop.services.store import Store
from tests.committee import create_term
from tests.gui import shown as on_screen
from tests.gui.shown import (
    election_problems,
    field_error,
    organization_warnings,
    select_row,
    shown_groups,
    shown_posts,
)

from .conftest import MessageLog

# A pick opens the list as a user does; the offscreen platform says it cannot raise it.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

NAMES = ("张晓明", "王芳", "李国庆", "赵敏", "陈刚", "刘洋", "杨帆", "黄磊", "周丽")


def seed_members(count: int, *, status: MemberStatus = MemberStatus.FULL) -> list[int]:
    """``count`` members with valid, distinct ID numbers (born 1980–)."""
    ids = []
    for number in range(count):
        first17 = f"42282219{80 + number:02d}0101{100 + number:03d}"
        joined = dt.date(2010, 7, 1)
        ids.append(
            member_svc.add_member(
                MemberFields(
                    name=NAMES[number],
                    id_number=first17 + check_char(first17),
                    joined_on=joined,
                    full_member_on=add_years(joined, 1) if status is MemberStatus.FULL else None,
                    status=status,
                )
            )
        )
    return ids


def make_page(qtbot: QtBot, store: Store) -> OrganizationPage:
    page = OrganizationPage(store.data.root)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, store: Store, branch: BranchInfo) -> OrganizationPage:
    return make_page(qtbot, store)


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch, shown_messages: MessageLog) -> MessageLog:
    """Questions are answered 是 (the other messages are recorded as usual)."""

    def present(parent: object, message: messages.Message) -> bool:
        shown_messages.shown.append(message)
        return True

    monkeypatch.setattr(messages, "present", present)
    return shown_messages


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- party groups -------------------------------------------------------------------------


def test_create_a_group_through_the_dialog(page: OrganizationPage, qtbot: QtBot) -> None:
    assert shown_groups(page) == []
    assert page.groups_hint.text().startswith("还没有党小组。")
    click(qtbot, page.buttons["newGroup"])
    dialog = page.dialog
    assert isinstance(dialog, GroupNameDialog)
    dialog.name_edit.setText("第一党小组")
    click(qtbot, dialog.primary_button())

    assert shown_groups(page) == [("第一党小组", "未设组长", "0 人")]

    click(qtbot, page.buttons["newGroup"])
    again = page.dialog
    assert isinstance(again, GroupNameDialog)
    again.name_edit.setText("第一党小组")
    click(qtbot, again.primary_button())
    assert again.isVisible()
    assert field_error(again, "name") == "已经有名为“第一党小组”的党小组。"
    assert len(shown_groups(page)) == 1


def test_set_a_leader_from_all_active_members(page: OrganizationPage, qtbot: QtBot) -> None:
    member_ids = seed_members(3)
    org_svc.create_group("第一党小组")
    page.refresh()
    select_row(page.group_table, "第一党小组")
    click(qtbot, page.buttons["leader"])
    dialog = page.dialog
    assert isinstance(dialog, PickMemberDialog)
    choices = [dialog.combo.itemText(i) for i in range(dialog.combo.count())]
    assert choices[0] == "（暂不设组长）"
    assert "王芳 — 将调入本组" in choices
    on_screen.choose_member(dialog, member_ids[1])
    click(qtbot, dialog.primary_button())

    assert shown_groups(page) == [("第一党小组", "王芳", "1 人")]
    assert member_svc.get_member(member_ids[1]).party_group == "第一党小组"


def test_a_group_with_members_cannot_be_deleted(
    page: OrganizationPage, qtbot: QtBot, answer_yes: MessageLog
) -> None:
    (member,) = seed_members(1)
    org_svc.create_group("第一党小组", leader_id=member)
    org_svc.create_group("空的党小组")
    page.refresh()

    select_row(page.group_table, "第一党小组")
    click(qtbot, page.buttons["deleteGroup"])
    assert answer_yes.shown[-1].text == "党小组“第一党小组”还有1名党员，不能删除。"
    assert [g[0] for g in shown_groups(page)] == ["第一党小组", "空的党小组"]

    select_row(page.group_table, "空的党小组")
    click(qtbot, page.buttons["deleteGroup"])
    assert answer_yes.shown[-1].text == "删除党小组「空的党小组」？"
    assert [g[0] for g in shown_groups(page)] == ["第一党小组"]


def test_a_group_that_got_members_since_it_was_listed_is_not_deleted(
    page: OrganizationPage, qtbot: QtBot, answer_yes: MessageLog
) -> None:
    (member,) = seed_members(1)
    empty = org_svc.create_group("空的党小组")
    page.refresh()
    org_svc.set_group_leader(empty, member)  # elsewhere, after the page read the groups

    select_row(page.group_table, "空的党小组")
    assert page.delete_group() is False
    assert "还有党员" in answer_yes.shown[-1].text, "the service's refusal, shown as it is"
    assert [g.name for g in org_svc.list_groups()] == ["空的党小组"]


def test_rename_a_group(page: OrganizationPage, qtbot: QtBot) -> None:
    org_svc.create_group("第一党小组")
    page.refresh()
    select_row(page.group_table, "第一党小组")
    dialog = page.rename_group()
    assert isinstance(dialog, GroupNameDialog)
    assert dialog.name_edit.text() == "第一党小组"
    dialog.name_edit.setText("语文组党小组")
    click(qtbot, dialog.primary_button())
    assert shown_groups(page)[0][0] == "语文组党小组"


# --- the committee ------------------------------------------------------------------------


def test_a_vacant_post_shows_and_a_holder_can_be_set(page: OrganizationPage, qtbot: QtBot) -> None:
    member_ids = seed_members(7)
    create_term(elected_on=dt.date.today() - dt.timedelta(days=30), number=4)
    page.refresh()

    assert page.term_label.text().startswith("本届：第4届（")
    posts = dict(shown_posts(page))
    assert list(posts) == ["书记", "组织委员", "宣传委员", "纪检委员"]
    assert posts["组织委员"] == VACANT_TEXT == "！空缺（需补选）"
    assert any("组织委员职务空缺" in text for text in organization_warnings(page))

    select_row(page.post_table, "组织委员")
    click(qtbot, page.buttons["changeHolder"])
    dialog = page.dialog
    assert isinstance(dialog, PickMemberDialog)
    on_screen.choose_member(dialog, member_ids[2])
    click(qtbot, dialog.primary_button())

    assert dict(shown_posts(page))["组织委员"] == "李国庆"
    assert not any("组织委员职务空缺" in text for text in organization_warnings(page))


def test_filling_a_vacated_post_shows_the_holder_as_by_elected(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    """rules.md §7: the holder who filled a post left vacant is shown as 补选, dated."""
    member_ids = seed_members(7)
    today = dt.date.today()
    create_term(elected_on=today - dt.timedelta(days=60), number=4)
    term = current_term()
    assert term is not None
    organiser = next(p for p in term.posts if p.title == "组织委员")
    set_post_holder(organiser.id, member_ids[1], since=today - dt.timedelta(days=60))
    set_post_holder(organiser.id, None, since=today - dt.timedelta(days=20))  # 空缺
    page.refresh()
    assert dict(shown_posts(page))["组织委员"] == VACANT_TEXT

    select_row(page.post_table, "组织委员")
    click(qtbot, page.buttons["changeHolder"])
    dialog = page.dialog
    assert isinstance(dialog, PickMemberDialog)
    on_screen.choose_member(dialog, member_ids[2])
    click(qtbot, dialog.primary_button())

    assert dict(shown_posts(page))["组织委员"] == f"李国庆{BY_ELECTION_TEXT}" == "李国庆（补选）"


def test_a_refused_holder_is_explained_beside_the_choice(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    member_ids = seed_members(7)
    term = create_term(elected_on=dt.date.today() - dt.timedelta(days=30))
    posts = {p.post: p for p in org_svc.list_terms()[0].posts}
    org_svc.set_post_holder(posts[CommitteePostKind.ORGANIZATION].id, member_ids[0])
    assert term
    page.refresh()

    select_row(page.post_table, "宣传委员")
    dialog = page.change_holder()
    assert isinstance(dialog, PickMemberDialog)
    on_screen.choose_member(dialog, member_ids[0])
    click(qtbot, dialog.primary_button())

    assert dialog.isVisible()
    assert field_error(dialog, "member") == "“张晓明”已担任组织委员，一人一般不兼两个委员职务。"
    assert dict(shown_posts(page))["宣传委员"] == VACANT_TEXT


def test_probationary_members_are_not_offered_for_posts(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    seed_members(1, status=MemberStatus.PROBATIONARY)
    create_term(elected_on=dt.date.today())
    page.refresh()
    select_row(page.post_table, "书记")
    dialog = page.change_holder()
    assert isinstance(dialog, PickMemberDialog)
    assert [dialog.combo.itemText(i) for i in range(dialog.combo.count())] == ["（空缺，待补选）"]


class Journey:
    """A user's clicks (a pick from a list counts as one) and typed fields, counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.clicks = 0
        self.typed = 0

    def click(self, button: QAbstractButton) -> None:
        click(self.qtbot, button)
        self.clicks += 1

    def pick(self, combo: QComboBox, name: str) -> None:
        """Open the list and click the member's name in it."""
        index = combo.findText(name)
        assert index >= 0, f"{name} is not offered"
        combo.showPopup()
        view = combo.view()
        rect = view.visualRect(combo.model().index(index, 0))
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert combo.currentText() == name
        self.clicks += 1

    def type_date(self, edit: QLineEdit, text: str) -> None:
        """Type over the field's text and leave it."""
        edit.selectAll()
        self.qtbot.keyClicks(edit, text)
        edit.editingFinished.emit()  # what leaving the field sends
        self.typed += 1


def offered(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def positions(dialog: ElectionDialog) -> dict[str, tuple[int, int]]:
    """Where each field of the election form is, in the dialog, and the dialog's size."""
    widgets: dict[str, QWidget] = {
        field: date_input.edit for field, date_input in dialog.dates.items()
    }
    widgets.update({line.kind.label: line.combo for line in dialog.lines})
    widgets["保存"] = dialog.primary_button()
    widgets["problems"] = dialog.problems_label
    widgets["posts"] = dialog.posts_scroll
    found = {name: (w.mapTo(dialog, QPoint(0, 0)).y(), w.height()) for name, w in widgets.items()}
    found["dialog"] = (dialog.width(), dialog.height())
    return found


def test_a_five_post_committee_is_set_up_in_one_form(page: OrganizationPage, qtbot: QtBot) -> None:
    """Issue 16: the election date typed once, every post on one screen, ≤8 clicks."""
    seed_members(9)
    journey = Journey(qtbot)
    assert page.term_label.text() == "还没有登记支部委员会的任期和委员"
    journey.click(page.buttons["newTerm"])
    dialog = page.dialog
    assert isinstance(dialog, ElectionDialog)
    assert [line.shown() for line in dialog.lines] == [
        "书记",
        "副书记",
        "组织委员",
        "宣传委员",
        "纪检委员",
    ]
    journey.type_date(dialog.dates["elected_on"].edit, "2024.06.20")
    assert dialog.dates["starts_on"].text() == "2024年6月20日", "the term follows the election"
    assert dialog.dates["ends_on"].text() == "2027年6月19日", "three years by default"
    for kind, name in zip(
        posts_to_elect(has_committee=True),
        ("张晓明", "王芳", "李国庆", "赵敏", "陈刚"),
        strict=True,
    ):
        journey.pick(dialog.line(kind).combo, name)
    assert election_problems(dialog) == []
    journey.click(dialog.primary_button())

    assert not dialog.isVisible()
    print(f"\n换届 with five posts: {journey.clicks} clicks and picks, {journey.typed} typed")
    assert journey.clicks <= 8 and journey.typed == 1
    assert page.term_label.text() == "本届：第1届（2024年6月20日至2027年6月19日）".replace(
        "第1届", "本届"
    ) or page.term_label.text().startswith("本届：")
    assert shown_posts(page) == [
        ("书记", "张晓明"),
        ("副书记", "王芳"),
        ("组织委员", "李国庆"),
        ("宣传委员", "赵敏"),
        ("纪检委员", "陈刚"),
    ]
    term = current_term()
    assert term is not None and {post.since for post in term.posts} == {dt.date(2024, 6, 20)}


def test_the_form_does_not_move_when_a_problem_shows_or_goes(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    seed_members(9)
    dialog = page.new_term()
    journey = Journey(qtbot)
    journey.type_date(dialog.dates["elected_on"].edit, "2024.06.20")
    qtbot.waitExposed(dialog)
    before = positions(dialog)
    assert election_problems(dialog) == []

    journey.pick(dialog.line(CommitteePostKind.SECRETARY).combo, "张晓明")
    journey.pick(dialog.line(CommitteePostKind.ORGANIZATION).combo, "张晓明")
    journey.pick(dialog.line(CommitteePostKind.PUBLICITY).combo, "张晓明")
    qtbot.wait(10)
    assert election_problems(dialog) == [
        "“张晓明”已当选书记，一人一般不兼两个委员职务，请为组织委员另选一人。",
        "“张晓明”已当选书记，一人一般不兼两个委员职务，请为宣传委员另选一人。",
    ]
    assert positions(dialog) == before, "two problems shown: nothing moved"

    journey.pick(dialog.line(CommitteePostKind.ORGANIZATION).combo, "王芳")
    journey.pick(dialog.line(CommitteePostKind.PUBLICITY).combo, "李国庆")
    qtbot.wait(10)
    assert election_problems(dialog) == []
    assert positions(dialog) == before, "problems gone: nothing moved"

    journey.click(dialog.primary_button())  # 纪检委员 not chosen yet
    assert dialog.isVisible()
    assert election_problems(dialog) == ["请为纪检委员选定当选的党员。"]
    assert positions(dialog) == before
    assert org_svc.list_terms() == []


def test_only_full_members_of_the_election_day_are_offered(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    ids = seed_members(4)
    seed_probationary = member_svc.add_member(
        MemberFields(
            name="周丽",
            id_number="42282219900101200" + check_char("42282219900101200"),
            joined_on=dt.date(2024, 1, 1),
            status=MemberStatus.PROBATIONARY,
        )
    )
    member_svc.record_leaving(ids[1], MemberEventKind.DECEASED, on=dt.date(2024, 5, 1))
    member_svc.record_leaving(ids[2], MemberEventKind.DECEASED, on=dt.date(2025, 5, 1))
    assert seed_probationary
    dialog = page.new_term()
    Journey(qtbot).type_date(dialog.dates["elected_on"].edit, "2024.06.20")
    for line in dialog.lines:
        # 王芳 left before the election, 周丽 is 预备; 李国庆 left after it
        assert sorted(offered(line.combo)) == sorted(["张晓明", "李国庆", "赵敏"]), line.shown()
    Journey(qtbot).type_date(dialog.dates["elected_on"].edit, "2024.04.20")
    assert sorted(offered(dialog.lines[0].combo)) == sorted(["张晓明", "王芳", "李国庆", "赵敏"])


def test_a_chosen_member_no_longer_eligible_on_a_new_date_is_taken_back(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    ids = seed_members(3)
    member_svc.record_leaving(ids[1], MemberEventKind.DECEASED, on=dt.date(2024, 5, 1))
    dialog = page.new_term()
    journey = Journey(qtbot)
    journey.type_date(dialog.dates["elected_on"].edit, "2024.04.20")
    journey.pick(dialog.line(CommitteePostKind.ORGANIZATION).combo, "王芳")
    journey.type_date(dialog.dates["elected_on"].edit, "2024.06.20")
    assert combo_member(dialog.line(CommitteePostKind.ORGANIZATION).combo) is None
    assert election_problems(dialog) == [
        "“王芳”在2024年6月20日不是本支部的正式党员，已从组织委员中去掉，请重新选择。"
    ]


def test_posts_can_be_added_and_left_out(page: OrganizationPage, qtbot: QtBot) -> None:
    seed_members(9)
    dialog = page.new_term()
    journey = Journey(qtbot)
    journey.type_date(dialog.dates["elected_on"].edit, "2024.06.20")
    journey.click(dialog.line(CommitteePostKind.DISCIPLINE).remove)  # type: ignore[arg-type]
    other = dialog.add_post_line(CommitteePostKind.OTHER)
    assert isinstance(other.name, QLineEdit)
    for kind, name in (
        (CommitteePostKind.SECRETARY, "张晓明"),
        (CommitteePostKind.ORGANIZATION, "王芳"),
        (CommitteePostKind.PUBLICITY, "李国庆"),
    ):
        journey.pick(dialog.line(kind).combo, name)
    journey.pick(other.combo, "张晓明")  # the 书记 may hold an "other" post as well
    journey.click(dialog.primary_button())
    assert dialog.isVisible()
    assert election_problems(dialog) == ["请填写增设职务的名称，例如“统战委员”。"]
    other.name.setText("统战委员")
    journey.click(dialog.primary_button())
    assert not dialog.isVisible()
    assert shown_posts(page) == [
        ("书记", "张晓明"),
        ("组织委员", "王芳"),
        ("宣传委员", "李国庆"),
        ("统战委员", "张晓明"),
    ], "副书记 left empty is not set up; 纪检委员 was left out"


def test_cancelling_the_form_asks_only_when_something_was_chosen(
    page: OrganizationPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    seed_members(9)
    untouched = page.new_term()
    qtbot.waitExposed(untouched)
    click(qtbot, untouched.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not untouched.isVisible() and shown_messages.shown == []

    dialog = page.new_term()
    qtbot.waitExposed(dialog)
    Journey(qtbot).pick(dialog.line(CommitteePostKind.SECRETARY).combo, "张晓明")
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert dialog.isVisible(), "继续填写 is the default answer"
    assert len(shown_messages.shown) == 1
    assert org_svc.list_terms() == []


def test_a_term_ending_before_it_starts_is_refused_in_the_problem_place(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    seed_members(5)
    dialog = page.new_term()
    Journey(qtbot).type_date(dialog.dates["ends_on"].edit, "2020.01.01")
    assert election_problems(dialog) == ["任期结束日期应晚于开始日期，请核对。"]
    click(qtbot, dialog.primary_button())
    assert dialog.isVisible() and org_svc.list_terms() == []


def test_the_election_form_with_the_demo_branch(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    """A look at the form (/tmp/a-committee.png) as the demo branch's secretary sees it."""
    fill_demo()
    page = make_page(qtbot, store)
    dialog = page.new_term()
    qtbot.waitExposed(dialog)
    assert dialog.number_spin.value() == 5, "the term after the 4th"
    journey = Journey(qtbot)
    journey.type_date(dialog.dates["elected_on"].edit, dt.date.today().strftime("%Y.%m.%d"))
    names = offered(dialog.lines[0].combo)
    assert len(names) >= 5
    journey.pick(dialog.line(CommitteePostKind.SECRETARY).combo, names[0])
    journey.pick(dialog.line(CommitteePostKind.ORGANIZATION).combo, names[1])
    journey.pick(dialog.line(CommitteePostKind.PUBLICITY).combo, names[0])
    qtbot.wait(20)
    assert len(election_problems(dialog)) == 1
    dialog.grab().save("/tmp/a-committee.png")
    assert dialog.frameGeometry().height() <= 768 - 40, "fits a 1366×768 screen"


def test_add_and_remove_a_post(
    page: OrganizationPage, qtbot: QtBot, answer_yes: MessageLog
) -> None:
    create_term(elected_on=dt.date.today())
    page.refresh()
    click(qtbot, page.buttons["addPost"])
    dialog = page.dialog
    assert isinstance(dialog, AddPostDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(CommitteePostKind.OTHER))
    click(qtbot, dialog.primary_button())
    assert field_error(dialog, "title") == "请填写这个职务的名称，例如“统战委员”。"
    dialog.title_edit.setText("统战委员")
    click(qtbot, dialog.primary_button())
    assert "统战委员" in dict(shown_posts(page))

    select_row(page.post_table, "统战委员")
    click(qtbot, page.buttons["removePost"])
    assert answer_yes.shown[-1].text == "撤销职务「统战委员」？"
    assert "统战委员" not in dict(shown_posts(page))
    select_row(page.post_table, "书记")
    assert not page.buttons["removePost"].isEnabled(), "the secretary stays"


# --- warnings and the branch without a committee ------------------------------------------


def test_seven_full_members_without_a_committee_are_flagged(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    create_branch(BranchDraft(name="某某小学支部", founded_on=dt.date(2001, 9, 1)))
    seed_members(7)
    page = make_page(qtbot, store)
    warnings = organization_warnings(page)
    assert warnings[0].startswith("！正式党员有7名（7名及以上），但还没有设立支部委员会。")
    assert "请按规定选举产生支部委员会" in warnings[0]
    assert page.committee_stack.currentWidget() is page.no_committee_page
    assert "只设书记" in page.no_committee_label.text()

    click(qtbot, page.buttons["setUpCommittee"])

    assert page.committee_stack.currentWidget() is page.committee_page
    assert isinstance(page.dialog, ElectionDialog), "the next step is offered at once"
    assert page.dialog.windowTitle() == "登记换届"
    assert not any("还没有设立支部委员会" in text for text in organization_warnings(page))


def test_a_sound_organisation_says_so(gui_app: object, qtbot: QtBot, store: Store) -> None:
    create_branch(BranchDraft(name="某某小学支部", founded_on=dt.date(2001, 9, 1)))
    ids = seed_members(4)
    create_term(elected_on=dt.date.today())  # a branch without committee: its secretary
    term = current_term()
    assert term is not None
    set_post_holder(term.posts[0].id, ids[0])
    page = make_page(qtbot, store)
    assert organization_warnings(page) == ["✓ 组织设置符合要求"]
    assert page.ok_label.isVisibleTo(page)


def test_the_demo_branch(gui_app: object, qtbot: QtBot, store: Store) -> None:
    fill_demo()
    page = make_page(qtbot, store)
    assert page.term_label.text().startswith("本届：第4届（")
    assert dict(shown_posts(page))["青年委员"] == VACANT_TEXT
    assert [(g[0], g[1]) for g in shown_groups(page)] == [
        ("第一党小组", "丁雪艳"),
        ("第二党小组", "冯永"),
    ]


def test_the_organization_area_of_the_main_window(main_window: MainWindow) -> None:
    main_window.show_area("organization")
    page = main_window.current_page()
    assert isinstance(page, OrganizationPage)
    assert page.minimumSizeHint().width() <= 1366 - main_window.navigation.width()


def test_a_branch_without_committee_registers_its_secretary(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    """Fewer than 7 full members: no committee, but a secretary of record with a term."""
    create_branch(BranchDraft(name="某村小支部", founded_on=dt.date(2010, 1, 1)))
    (member_id,) = seed_members(1)
    page = make_page(qtbot, store)
    assert "还没有登记支部书记" in page.no_committee_label.text()
    assert page.buttons["secretary"].text() == "登记书记"
    dialog = page.register_secretary()
    assert isinstance(dialog, ElectionDialog)
    assert dialog.windowTitle() == "登记书记"
    assert [line.shown() for line in dialog.lines] == ["书记", "副书记"]
    assert not dialog.add_button.isVisibleTo(dialog), "no committee posts to add"
    journey = Journey(qtbot)
    journey.pick(dialog.line(CommitteePostKind.SECRETARY).combo, NAMES[0])
    journey.click(dialog.primary_button())
    term = current_term()
    assert term is not None and [p.member_id for p in term.posts] == [member_id]
    assert f"支部书记：{NAMES[0]}" in page.no_committee_label.text()
    assert page.buttons["secretary"].text() == "更换书记"


def test_many_problems_fit_the_fixed_place_and_count_the_rest(
    page: OrganizationPage, qtbot: QtBot
) -> None:
    seed_members(9)
    dialog = page.new_term()
    journey = Journey(qtbot)
    name = NAMES[0]
    for kind in (
        CommitteePostKind.SECRETARY,
        CommitteePostKind.ORGANIZATION,
        CommitteePostKind.PUBLICITY,
        CommitteePostKind.DISCIPLINE,
    ):
        journey.pick(dialog.line(kind).combo, name)
    assert len(election_problems(dialog)) >= 3, "one person for four posts"
    label = dialog.problems_label
    text = label.text()
    assert "……还有" in text, "what does not fit is counted, not cut off"
    needed = label.heightForWidth(label.width())  # the whole label, its margins too
    assert needed <= label.height(), "the lines shown fit the fixed place"
