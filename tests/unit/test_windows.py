"""The Windows-only code paths, checked on any system with Windows faked.

The data folder under %LOCALAPPDATA%, portable mode beside the .exe, USB sticks found
through kernel32 (a fake ``ctypes.windll``), file names Windows accepts, and paths that
must stay within Windows' 259 characters. ``.github/workflows/windows.yml`` runs the whole
suite on a real Windows as well.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import re
import sys
import zipfile
from pathlib import Path, PureWindowsPath
from typing import Any

import platformdirs  # noqa: F401 - imported before anything could fake sys.platform
import pytest

from jianshi_desktop.documents import files
from jianshi_desktop.documents.files import (
    MAX_PATH_LENGTH,
    atomic_output,
    fit_file_name,
    path_length,
    safe_file_name,
    shorten_name,
)
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import PORTABLE_MARKER, choose_data_dir, default_data_dir
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.submission import drives
from jianshi_desktop.submission.names import (
    MAX_PATH,
    member_path,
    package_file_name,
    target_path,
)

GB = 1 << 30
LOCAL = r"C:\Users\张老师\AppData\Local"


def windows(path: Path) -> PureWindowsPath:
    """A path built on this system from Windows parts, read as Windows would."""
    return PureWindowsPath(str(path))


# -- the data folder -------------------------------------------------------------------


def test_windows_data_folder_is_the_local_app_data_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs.windows

    asked: list[str] = []

    def shell(csidl_name: str) -> str:  # what SHGetKnownFolderPath answers on a school PC
        asked.append(csidl_name)
        return LOCAL

    monkeypatch.setattr(platformdirs.windows, "get_win_folder", shell)
    folder = default_data_dir("win32")
    assert windows(folder) == PureWindowsPath(LOCAL, "JianshiBranchDesk")
    assert asked == ["CSIDL_LOCAL_APPDATA"], "the local profile, never the roaming one"
    choice = choose_data_dir(
        None, demo=True, environ={}, exe_dir=Path("/nowhere"), platform="win32"
    )
    assert choice.reason == "default"
    assert windows(choice.path) == PureWindowsPath(LOCAL, "JianshiBranchDesk", "demo")


def test_windows_data_folder_when_the_shell_cannot_say(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs.windows

    def broken(csidl_name: str) -> str:
        raise ValueError(f"SHGetKnownFolderPath returned NULL for {csidl_name}")

    monkeypatch.setattr(platformdirs.windows, "get_win_folder", broken)
    monkeypatch.setenv("LOCALAPPDATA", LOCAL)
    assert windows(default_data_dir("win32")) == PureWindowsPath(LOCAL, "JianshiBranchDesk")
    monkeypatch.delenv("LOCALAPPDATA")
    home = Path.home() / "AppData" / "Local" / "JianshiBranchDesk"
    assert default_data_dir("win32") == home


def test_linux_data_folder_is_unchanged() -> None:
    assert default_data_dir("linux").name == "JianshiBranchDesk"
    assert default_data_dir("linux") == default_data_dir()


@pytest.fixture
def frozen_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundle as PyInstaller makes it on Windows, unpacked on a stick: E:\\建始台账\\…"""
    folder = tmp_path / "建始台账" / "JianshiBranchDesk-portable"
    folder.mkdir(parents=True)
    exe = folder / "JianshiBranchDesk.exe"
    exe.write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv("JIANSHI_DATA_DIR", raising=False)
    return folder


def test_portable_mode_keeps_data_beside_the_exe(frozen_exe: Path) -> None:
    (frozen_exe / PORTABLE_MARKER).write_text("便携模式", encoding="utf-8")
    choice = choose_data_dir(None, environ={}, platform="win32")
    assert choice == choose_data_dir(None, environ={})
    assert choice.reason == "portable"
    assert choice.path == frozen_exe.resolve() / "data"
    assert (
        choose_data_dir(None, demo=True, environ={}).path == frozen_exe.resolve() / "data" / "demo"
    )


def test_portable_marker_renamed_by_explorer_still_counts(frozen_exe: Path) -> None:
    (frozen_exe / "portable.txt.txt").write_text("", encoding="utf-8")
    assert choose_data_dir(None, environ={}).reason == "portable"


def test_without_the_marker_the_exe_uses_the_user_folder(
    frozen_exe: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs.windows

    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _name: LOCAL)
    choice = choose_data_dir(None, environ={}, platform="win32")
    assert choice.reason == "default"
    assert windows(choice.path) == PureWindowsPath(LOCAL, "JianshiBranchDesk")
    assert choose_data_dir(None, portable=True, environ={}).path == frozen_exe.resolve() / "data"


# -- USB sticks through kernel32 -------------------------------------------------------


def _set(pointer: Any, value: int) -> None:
    """Write through a ``ctypes.byref(...)`` argument, as the real API does."""
    pointer._obj.value = value


class FakeKernel32:
    """Just enough of kernel32 for drives.py, with the drives of a school PC.

    ``volumes``: letter → (GetDriveTypeW's type, label or None when no medium, free, total).
    """

    def __init__(self, volumes: dict[str, tuple[int, str | None, int, int]]) -> None:
        self.volumes = volumes
        self.error_modes: list[int] = []
        self.free_space_fails = False
        self.asked: list[str] = []

    def SetThreadErrorMode(self, mode: int, old: Any) -> int:
        self.error_modes.append(mode)
        if old is not None:
            _set(old, 0)
        return 1

    def GetLogicalDrives(self) -> int:
        return sum(1 << (ord(letter) - ord("A")) for letter in self.volumes)

    def _letter(self, root: ctypes.c_wchar_p) -> str:
        assert isinstance(root, ctypes.c_wchar_p) and re.fullmatch(r"[A-Z]:\\", root.value or "")
        return (root.value or "?")[0]

    def GetDriveTypeW(self, root: ctypes.c_wchar_p) -> int:
        letter = self._letter(root)
        self.asked.append(letter)
        return self.volumes.get(letter, (1, None, 0, 0))[0]  # 1: DRIVE_NO_ROOT_DIR

    def GetVolumeInformationW(
        self, root: Any, label: Any, size: int, serial: Any, max_len: Any, flags: Any,
        fs: Any, fs_size: int,
    ) -> int:  # fmt: skip
        name = self.volumes[self._letter(root)][1]
        if name is None:
            return 0  # ERROR_NOT_READY: a card reader with no card
        assert size == len(label) and fs_size == len(fs)
        label.value = name
        fs.value = "FAT32"
        _set(serial, 0x1234ABCD)
        _set(max_len, 255)
        _set(flags, 0)
        return 1

    def GetDiskFreeSpaceExW(self, root: Any, free: Any, total: Any, spare: Any) -> int:
        if self.free_space_fails:
            return 0
        _, _, free_bytes, total_bytes = self.volumes[self._letter(root)]
        _set(free, free_bytes)
        _set(total, total_bytes)
        _set(spare, free_bytes)
        return 1


class FakeWindll:
    def __init__(self, kernel32: object) -> None:
        self.kernel32 = kernel32


SCHOOL_PC = {
    "A": (2, None, 0, 0),  # an old floppy drive: never asked
    "C": (3, "系统", 80 * GB, 240 * GB),  # DRIVE_FIXED
    "D": (5, "光盘", 0, 0),  # DRIVE_CDROM
    "E": (2, "张老师的U盘", 7 * GB, 8 * GB),  # DRIVE_REMOVABLE
    "F": (2, None, 0, 0),  # an empty card-reader slot
    "G": (2, "", 30 * GB, 32 * GB),  # a stick without a label
    "Z": (4, "共享", 1 * GB, 2 * GB),  # DRIVE_REMOTE
}


def fake_windows(monkeypatch: pytest.MonkeyPatch, kernel: object) -> None:
    monkeypatch.setattr(ctypes, "windll", FakeWindll(kernel), raising=False)


def test_removable_drives_are_found_with_labels_and_free_space(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kernel = FakeKernel32(SCHOOL_PC)
    fake_windows(monkeypatch, kernel)
    found = drives.removable_drives(platform="win32")
    assert [(windows(d.path), d.label, d.free, d.total) for d in found] == [
        (PureWindowsPath("E:\\"), "U盘 E: 张老师的U盘", 7 * GB, 8 * GB),
        (PureWindowsPath("G:\\"), "U盘 G:", 30 * GB, 32 * GB),
    ]
    assert found[0].describe() == "U盘 E: 张老师的U盘（可用 7.0 GB / 共 8.0 GB）"
    assert "A" not in kernel.asked, "a floppy drive is not asked (it can take seconds)"
    # no "insert a disk" message box for the empty slot, and the old mode given back
    assert kernel.error_modes == [0x8001, 0]


def test_no_removable_drive_and_failing_calls_mean_an_empty_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fixed_only = FakeKernel32({"C": (3, "系统", GB, 2 * GB)})
    fake_windows(monkeypatch, fixed_only)
    assert drives.removable_drives(platform="win32") == []

    no_space = FakeKernel32(SCHOOL_PC)
    no_space.free_space_fails = True
    fake_windows(monkeypatch, no_space)
    assert drives.removable_drives(platform="win32") == []

    class Crashing(FakeKernel32):
        def GetDriveTypeW(self, root: ctypes.c_wchar_p) -> int:
            raise OSError(22, "exception: access violation reading 0x0")

    crashing = Crashing(SCHOOL_PC)
    fake_windows(monkeypatch, crashing)
    assert drives.removable_drives(platform="win32") == []
    assert crashing.error_modes[-1] == 0, "the error mode is given back after a failure too"

    monkeypatch.delattr(ctypes, "windll")
    assert drives.removable_drives(platform="win32") == []


# -- file names Windows accepts ----------------------------------------------------------

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = re.compile(
    r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³]) *(\..*)?$", re.IGNORECASE
)


def legal_on_windows(name: str) -> bool:
    return (
        bool(name)
        and not FORBIDDEN.search(name)
        and not name.endswith((".", " "))
        and not RESERVED.match(name)
        and len(name) <= 255
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("学习《党章》、《准则》和《条例》", "学习《党章》、《准则》和《条例》"),
        ("“两学一做”：学习教育（第一次）", "“两学一做”：学习教育（第一次）"),
        ("支委会　全角空格　ＡＢＣ１２３", "支委会　全角空格　ＡＢＣ１２３"),
        ("会议记录\n第二页\t附件", "会议记录 第二页 附件"),
        ("2026/7/5 支委会: 议题?", "2026-7-5 支委会： 议题？"),
        ("议题…… . ", "议题……"),
        ("\U00020bb7姓党员谈话", "\U00020bb7姓党员谈话"),
    ],
)
def test_names_keep_full_width_characters_and_drop_what_windows_refuses(
    text: str, name: str
) -> None:
    assert safe_file_name(text) == name
    assert legal_on_windows(name)


@pytest.mark.parametrize(
    "text",
    [
        "CON", "con", "PRN", "AUX", "NUL", "nul.docx", "CON.docx", "Con.tar.gz", "COM1",
        "com9.pdf", "LPT1", "lpt1.xlsx", "COM¹", "LPT³.txt", "CONIN$", "conout$.log",
        "NUL .txt", "AUX.", " PRN ",
    ],
)  # fmt: skip
def test_reserved_device_names_get_an_underscore(text: str) -> None:
    name = safe_file_name(text)
    assert name.startswith("_") and legal_on_windows(name), name


@pytest.mark.parametrize("text", ["CONSOLE.docx", "COM10", "NULL", "PRN报告", "LPT", "会议CON"])
def test_names_that_only_look_reserved_are_kept(text: str) -> None:
    assert safe_file_name(text) == text


def test_a_long_name_keeps_its_ending() -> None:
    name = safe_file_name("关于" + "学习" * 80 + ".jpg")
    assert name.endswith("学习.jpg") and len(name.encode("utf-8")) <= 240
    assert len(safe_file_name("report-" * 20 + ".pdf")) == 100
    assert safe_file_name("report-" * 20 + ".pdf").endswith("-repor.pdf")


@pytest.mark.parametrize(
    "text",
    ['a<b>c:d"e/f\\g|h?i*j', "\x00\x1f\x7f", "....", "   ", "CON.", "..\\..\\windows", "*?"],
)
def test_any_text_becomes_a_legal_name(text: str) -> None:
    assert legal_on_windows(safe_file_name(text))


# -- paths over 260 characters ---------------------------------------------------------


def test_shortening_is_deterministic_keeps_the_ending_and_tells_names_apart() -> None:
    first = "关于深入学习贯彻" + "甲" * 60 + "的第一次专题会议记录.docx"
    second = "关于深入学习贯彻" + "甲" * 60 + "的第二次专题会议记录.docx"
    short = shorten_name(first, 40)
    assert short == shorten_name(first, 40)
    assert len(short) == 40 and short.endswith(".docx")
    assert short.startswith("关于深入学习贯彻") and "～" in short
    assert short != shorten_name(second, 40)
    assert shorten_name("报送包.zip.enc", 40) == "报送包.zip.enc"
    assert shorten_name("青山湾小学党支部" * 5 + ".zip.enc", 30).endswith(".zip.enc")


def test_path_length_counts_what_windows_counts() -> None:
    assert path_length("E:\\会议.pdf") == 9
    assert path_length("\U00020bb7") == 2  # outside the BMP: two UTF-16 units


def deep_stick_folder(root: Path, total: int) -> Path:
    """A folder below ``root`` whose absolute path has exactly ``total`` characters."""
    folder = root / "U盘"
    level = 0
    while path_length(folder) < total - 30:
        level += 1
        folder = folder / f"第{level}层文件夹报送材料"
    rest = total - path_length(folder) - 1
    folder = folder / ("备" * rest)
    folder.mkdir(parents=True)
    assert path_length(folder) == total
    return folder


def test_a_name_is_fitted_into_a_deep_folder(tmp_path: Path) -> None:
    folder = deep_stick_folder(tmp_path, 200)
    topic = "学习贯彻" + "、".join(["党章", "准则", "条例"]) + "专题" * 45 + "组织生活会会议记录"
    name = safe_file_name(topic) + ".docx"
    assert len(name) == 85  # the longest stem ext4 takes, and .docx
    fitted = fit_file_name(folder, name)
    assert path_length(folder / fitted) == MAX_PATH_LENGTH
    assert fitted.endswith(".docx") and legal_on_windows(fitted)
    assert fit_file_name(folder, name) == fitted
    assert fit_file_name(folder, "短.docx") == "短.docx"
    with pytest.raises(UserError, match="路径太长"):
        fit_file_name(deep_stick_folder(tmp_path / "deeper", 250), name)


def test_the_package_name_fits_into_a_deep_folder_with_its_temporary_name(tmp_path: Path) -> None:
    name = package_file_name("中共建始县青山湾小学支部委员会", "2026年第三季度", encrypted=True)
    shallow = tmp_path / "U盘"
    assert target_path(shallow, name) == shallow / name
    folder = deep_stick_folder(tmp_path, 225)
    target = target_path(folder, name)
    assert target.name.endswith(".zip.enc") and target.name != name
    partial = target.with_name(f".{target.name}.part")
    assert path_length(partial) <= MAX_PATH_LENGTH
    assert target_path(folder, name) == target


def test_member_paths_stay_within_180_characters() -> None:
    stem = safe_file_name("2026年7月5日" + "关于学习" * 30 + "支委会会议记录")
    photo = "现场照片" + "、".join(["党员", "群众"] * 20) + ".jpg"
    path = member_path("附件", stem, photo)
    assert path_length(path) <= MAX_PATH
    first, folder, name = path.split("/")
    assert first == "附件" and name.endswith(".jpg") and folder.startswith("2026年7月5日关于学习")
    assert member_path("附件", stem, photo) == path
    assert member_path("附件", stem, photo.replace("现场", "会场")) != path
    assert member_path("附件", "a:b", "c?.jpg") == "附件/a：b/c？.jpg"


def test_atomic_output_refuses_a_path_windows_cannot_take(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = deep_stick_folder(tmp_path, 240)
    target = folder / (safe_file_name("专题" * 20) + ".pdf")
    monkeypatch.setattr(files, "ON_WINDOWS", True)
    with pytest.raises(UserError, match="超过了 Windows 允许的 259 个字符"), atomic_output(target):
        pass
    assert list(folder.iterdir()) == []
    fitted = folder / fit_file_name(folder, target.name)
    with atomic_output(fitted) as temp:
        temp.write_bytes(b"%PDF")
    assert fitted.read_bytes() == b"%PDF"


def test_atomic_output_names_a_failing_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pulled_out(*_args: object) -> None:
        raise FileNotFoundError(2, "The system cannot find the path specified")

    monkeypatch.setattr(files.os, "replace", pulled_out)
    with (
        pytest.raises(UserError, match=r"无法把文件“会议\.pdf”写入"),
        atomic_output(tmp_path / "会议.pdf") as temp,
    ):
        temp.write_bytes(b"x")
    assert list(tmp_path.iterdir()) == []


# -- a long topic, a long attachment name, a deep folder on the stick: it still exports ---


@pytest.fixture
def windows_max_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files behave as on Windows without long-path support: over 259 characters fails."""
    real_open = Path.open

    def limited_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if path_length(self.absolute()) > MAX_PATH_LENGTH:
            raise FileNotFoundError(2, "The system cannot find the path specified", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", limited_open)


def test_a_long_topic_exports_to_a_deep_folder_on_the_stick(
    store: Any, tmp_path: Path, windows_max_path: None
) -> None:
    from jianshi_desktop.domain.enums import MeetingKind
    from jianshi_desktop.domain.periods import parse_period
    from jianshi_desktop.services import demo, meetings
    from jianshi_desktop.services.attachments import entry_for
    from jianshi_desktop.submission.package import PackageOptions, build_package
    from jianshi_desktop.submission.verify import verify_package

    today = dt.date(2026, 11, 26)
    demo.fill_demo(today=today, with_records=False)
    topic = ("学习贯彻党的二十届三中全会精神、《中国共产党章程》和“两学一做”：" + "专题研讨" * 30)[
        :100
    ]
    assert len(topic) == 100
    photo = tmp_path / safe_file_name(topic + ".jpg")  # 80 characters: ext4 takes 255 bytes
    assert photo.name.endswith(".jpg") and len(photo.name.encode()) <= 240
    photo.write_bytes(b"\xff\xd8" + b"photo" * 100)
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=dt.date(2026, 7, 5))
    form.place, form.recorder_id = "会议室", form.chair_id
    form.title = topic
    form.agenda = [meetings.AgendaEntry(topic)]
    form.attachments = [entry_for(store.data.attachments, photo)]
    MEETING.finish(form, today=dt.date(2026, 7, 6))

    stick = deep_stick_folder(tmp_path, 230)
    options = PackageOptions(password="建始2026")
    result = build_package(store.data, parse_period("2026-07"), stick, options, today=today)
    assert path_length(result.path) <= MAX_PATH_LENGTH
    assert result.path.parent == stick and result.path.name.endswith(".zip.enc")
    assert [p.name for p in stick.iterdir()] == [result.path.name]
    report = verify_package(result.path, password="建始2026")
    assert report.ok, report.problems
    names = [f["path"] for f in report.files]
    attachment = next(n for n in names if n.startswith("附件/"))
    assert attachment.endswith(".jpg")
    assert all(path_length(n) <= MAX_PATH for n in names)
    assert all(legal_on_windows(part) for n in names for part in n.split("/"))
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert next(f for f in report.files if f["path"] == attachment)["sha256"] == digest


def test_attachments_differing_only_in_case_do_not_overwrite_each_other(
    store: Any, tmp_path: Path
) -> None:
    from jianshi_desktop.domain.enums import MeetingKind
    from jianshi_desktop.domain.periods import parse_period
    from jianshi_desktop.services import demo, meetings
    from jianshi_desktop.services.attachments import entry_for
    from jianshi_desktop.submission.package import PackageOptions, build_package

    today = dt.date(2026, 11, 26)
    demo.fill_demo(today=today, with_records=False)
    upper, lower = tmp_path / "A" / "IMG_0001.JPG", tmp_path / "b" / "img_0001.jpg"
    for index, photo in enumerate((upper, lower)):
        photo.parent.mkdir()
        photo.write_bytes(b"\xff\xd8" + bytes([index]) * 100)
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=dt.date(2026, 7, 5))
    form.place, form.recorder_id = "会议室", form.chair_id
    form.agenda = [meetings.AgendaEntry("研究工作")]
    form.attachments = [entry_for(store.data.attachments, p) for p in (upper, lower)]
    MEETING.finish(form, today=dt.date(2026, 7, 6))
    out = tmp_path / "out"
    path = build_package(store.data, parse_period("2026-07"), out, PackageOptions(), today=today)
    with zipfile.ZipFile(path.path) as archive:
        photos = [n for n in archive.namelist() if n.startswith("附件/")]
    assert len(photos) == 2
    assert len({n.casefold() for n in photos}) == 2, photos
