"""县局汇总's window: the county desk's own data folder, in the frame of the branch's main
window (gui/common/navigation.py: navigation on the left, the status bar naming the data
folder and the last backup), with four areas: 汇总 (schools × obligations), 报送包 (import
and history), 各校 (one school's packages, records and documents) and 文书 (通报, 汇总, the
workbook).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from jianshi_desktop import APP_NAME
from jianshi_desktop.gui.common.navigation import Area, AreaWindow
from jianshi_desktop.services.store import Store

if TYPE_CHECKING:
    from jianshi_desktop.gui.county.documents_page import CountyDocumentsPage
    from jianshi_desktop.gui.county.matrix_page import MatrixPage
    from jianshi_desktop.gui.county.packages_page import PackagesPage
    from jianshi_desktop.gui.county.school_page import SchoolPage

WINDOW_TITLE = f"县局汇总 — {APP_NAME}"

AREAS: tuple[Area, ...] = (
    Area("matrix", "汇总", "home"),
    Area("packages", "报送包", "submission"),
    Area("schools", "各校", "organization"),
    Area("documents", "文书", "documents"),
)


class CountyWindow(AreaWindow):
    """The county desk. Every page is built at once (four pages, each reading little) and
    reads its data again on each visit, the first too."""

    folder_caption = "数据文件夹（县局汇总）"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        from jianshi_desktop.gui.county.documents_page import CountyDocumentsPage
        from jianshi_desktop.gui.county.matrix_page import MatrixPage
        from jianshi_desktop.gui.county.packages_page import PackagesPage
        from jianshi_desktop.gui.county.school_page import SchoolPage

        super().__init__(store, AREAS, parent)
        self.setWindowTitle(WINDOW_TITLE)
        data = store.data
        self.matrix_page: MatrixPage = MatrixPage(data.root)
        self.packages_page: PackagesPage = PackagesPage(data)
        self.school_page: SchoolPage = SchoolPage(data)
        self.documents_page: CountyDocumentsPage = CountyDocumentsPage(data.root)
        self.place_page("matrix", self.matrix_page)
        self.place_page("packages", self.packages_page)
        self.place_page("schools", self.school_page)
        self.place_page("documents", self.documents_page)
        self.matrix_page.school_requested.connect(self.show_school)
        self.packages_page.imported.connect(self._data_changed)
        self.finish_building()

    def show_school(self, uid: str) -> None:
        """各校, on the school ``uid`` (a double-click in 汇总)."""
        self.show_area("schools")
        self.school_page.choose_school(uid)

    def _data_changed(self) -> None:
        self.matrix_page.stale = True
        self.school_page.stale = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.packages_page.importing():
            self.say("正在导入报送包，请等导入结束或点“取消”后再关闭。")
            event.ignore()
            return
        super().closeEvent(event)  # waits for a backup under way, keeps the size and place
