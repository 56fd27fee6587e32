"""首页: the branch's real facts from the database, and a plain note that the dashboard of
obligations (done / due / overdue) comes in a later version."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from jianshi_desktop.gui.forms import child, load_form
from jianshi_desktop.gui.pages.base import Page
from jianshi_desktop.gui.widgets import chinese_date, set_role, style_heading
from jianshi_desktop.services.branch import BranchInfo, branch_info


def members_text(info: BranchInfo) -> str:
    if info.active_members == 0:
        return "还没有登记党员（请到“党员”页添加党员或导入花名册）"
    return (
        f"{info.active_members}人（正式党员{info.full_members}人，"
        f"预备党员{info.probationary_members}人）"
    )


def organization_text(info: BranchInfo) -> str:
    return "设支部委员会" if info.has_committee else "只设书记（不设支部委员会）"


class HomePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("home", parent)
        self.ui = load_form("home_page", self)
        style_heading(child(self.ui, QLabel, "headingLabel"))
        self.demo_banner = child(self.ui, QLabel, "demoBanner")
        set_role(self.demo_banner, "demo-banner")
        set_role(child(self.ui, QLabel, "remindersNotice"), "notice")
        self.values = {
            key: child(self.ui, QLabel, name)
            for key, name in (
                ("name", "branchNameValue"),
                ("parent_name", "parentValue"),
                ("founded_on", "foundedValue"),
                ("organization", "organizationValue"),
                ("theme_day", "themeDayValue"),
                ("members", "membersValue"),
            )
        }
        self.refresh()

    def refresh(self) -> None:
        info = branch_info()
        if info is None:
            for label in self.values.values():
                label.setText("（尚未建立支部）")
            self.demo_banner.hide()
            return
        self.demo_banner.setVisible(info.is_demo)
        self.values["name"].setText(info.name)
        self.values["parent_name"].setText(info.parent_name)
        self.values["founded_on"].setText(chinese_date(info.founded_on))
        self.values["organization"].setText(organization_text(info))
        self.values["theme_day"].setText(f"每月{info.theme_day_of_month}日")
        self.values["members"].setText(members_text(info))

    def shown_facts(self) -> dict[str, str]:
        """What the page shows, by field (for tests)."""
        return {key: label.text() for key, label in self.values.items()}
