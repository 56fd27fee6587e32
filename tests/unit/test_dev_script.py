"""dev.py's set-up: what it tells a user about missing Debian packages, when it reinstalls,
and how it judges the app started in the runtime-only venv (issue 10).

dev.py is loaded from the repository root by path; nothing here runs apt-get, pip or the app.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import ROOT, run_python


@pytest.fixture
def dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("jianshi_dev_script", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def which_with(*programs: str) -> Callable[[str], str | None]:
    return lambda name: f"/usr/bin/{name}" if name in programs else None


@pytest.fixture
def debian(dev: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """A Debian machine seen by a normal user; returns the apt_install calls (none expected)."""
    installs: list[list[str]] = []
    monkeypatch.setattr(dev, "IS_LINUX", True)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000, raising=False)
    monkeypatch.setattr(dev.shutil, "which", which_with("dpkg-query", "apt-get", "sudo"))
    monkeypatch.setattr(dev, "apt_install", lambda packages: installs.append(list(packages)))
    return installs


def missing(dev: ModuleType, monkeypatch: pytest.MonkeyPatch, *packages: str) -> None:
    monkeypatch.setattr(
        dev, "missing_debian_packages", lambda wanted: [p for p in wanted if p in packages]
    )


# --------------------------------------------------------------------------- the font only


def test_only_the_font_missing_says_it_carries_on_and_what_looks_different(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing(dev, monkeypatch, "fonts-wqy-zenhei")
    dev.ensure_system_packages(for_build=False)  # no SystemExit: it carries on
    out = capsys.readouterr().out
    assert "本命令继续运行" in out
    assert "this command carries on" in out
    assert "程序自带的字体" in out and "program's own font" in out
    assert "文书不受影响" in out and "documents are unaffected" in out
    assert "    sudo apt-get install fonts-wqy-zenhei\n" in out
    assert "重新运行" not in out and "run this command again" not in out
    assert debian == []


def test_without_sudo_the_su_line_comes_first_and_the_sudo_line_too(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(dev.shutil, "which", which_with("dpkg-query", "apt-get"))
    missing(dev, monkeypatch, "fonts-wqy-zenhei")
    dev.ensure_system_packages(for_build=False)
    out = capsys.readouterr().out
    su = out.index("    su -c 'apt-get install fonts-wqy-zenhei'\n")
    sudo = out.index("    sudo apt-get install fonts-wqy-zenhei\n")
    assert su < sudo
    assert "本机没有 sudo" in out and "sudo is not installed here" in out
    assert "本命令继续运行" in out


def test_with_sudo_the_sudo_line_comes_first_and_su_is_the_alternative(
    dev: ModuleType, debian: list[list[str]]
) -> None:
    assert dev.install_commands(["libgl1", "libegl1"]) == [
        "sudo apt-get install libgl1 libegl1",
        "su -c 'apt-get install libgl1 libegl1'",
    ]


# --------------------------------------------------------------------------- libraries


def test_missing_libraries_stop_with_both_exact_lines(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(dev.shutil, "which", which_with("dpkg-query", "apt-get"))
    missing(dev, monkeypatch, "libxcb-cursor0", "fonts-wqy-zenhei")
    with pytest.raises(SystemExit) as stopped:
        dev.ensure_system_packages(for_build=False)
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    assert "    su -c 'apt-get install libxcb-cursor0 fonts-wqy-zenhei'\n" in out
    assert "    sudo apt-get install libxcb-cursor0 fonts-wqy-zenhei\n" in out
    assert "本命令到此停止" in out and "run this command again" in out
    assert "继续" not in out and "carries on" not in out
    assert debian == []


def test_build_needs_binutils_too(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing(dev, monkeypatch, "binutils")
    dev.ensure_system_packages(for_build=False)
    assert capsys.readouterr().out == ""
    with pytest.raises(SystemExit):
        dev.ensure_system_packages(for_build=True)
    assert "    sudo apt-get install binutils\n" in capsys.readouterr().out


def test_root_installs_instead_of_printing(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0, raising=False)
    state = {"installed": False}
    monkeypatch.setattr(
        dev,
        "missing_debian_packages",
        lambda wanted: [] if state["installed"] else ["libgl1", "fonts-wqy-zenhei"],
    )

    def apt_install(packages: list[str]) -> None:
        debian.append(list(packages))
        state["installed"] = True

    monkeypatch.setattr(dev, "apt_install", apt_install)
    dev.ensure_system_packages(for_build=False)
    assert debian == [["libgl1", "fonts-wqy-zenhei"]]
    assert "sudo" not in capsys.readouterr().out
    assert dev.install_commands(["libgl1"]) == ["apt-get install libgl1"]


def test_nothing_missing_prints_nothing(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing(dev, monkeypatch)
    dev.ensure_system_packages(for_build=True)
    assert capsys.readouterr().out == ""


# --------------------------------------------------------------------------- python3-venv


def test_missing_python3_venv_stops_with_both_lines(
    dev: ModuleType,
    debian: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(dev, "have_ensurepip", lambda: False)
    monkeypatch.setattr(dev.shutil, "which", which_with("apt-get"))
    with pytest.raises(SystemExit) as stopped:
        dev.ensure_venv_support()
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    assert "python3-venv" in out and "run this command again" in out
    assert "    su -c 'apt-get install python3-venv'\n" in out
    assert "    sudo apt-get install python3-venv\n" in out
    assert debian == []


def test_python3_venv_is_installed_by_root_and_not_asked_for_when_present(
    dev: ModuleType, debian: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dev, "have_ensurepip", lambda: True)
    dev.ensure_venv_support()
    assert debian == []
    monkeypatch.setattr(dev, "have_ensurepip", lambda: False)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0, raising=False)
    dev.ensure_venv_support()
    assert debian == [["python3-venv"]]


# --------------------------------------------------------------------------- reinstalling


def test_a_changed_constraints_file_reinstalls_with_it(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    constraints = tmp_path / "constraints-dev.txt"
    constraints.write_text("ruff==0.17.6\n", encoding="utf-8")
    monkeypatch.setattr(dev, "CONSTRAINTS", constraints)
    monkeypatch.setattr(dev, "STAMP", tmp_path / "stamp.json")
    commands: list[list[str]] = []
    monkeypatch.setattr(dev, "check", lambda cmd, **_: commands.append([str(part) for part in cmd]))

    dev.ensure_project(("test", "build"))
    assert len(commands) == 1
    assert commands[0][-4:] == ["-c", str(constraints), "-e", ".[build,test]"]
    stamp = json.loads((tmp_path / "stamp.json").read_text(encoding="utf-8"))
    assert stamp["constraints_sha256"] == dev.sha256_of(constraints)
    assert stamp["pyproject_sha256"] == dev.sha256_of(ROOT / "pyproject.toml")

    dev.ensure_project(("test",))  # nothing changed
    assert len(commands) == 1
    constraints.write_text("ruff==0.17.7\n", encoding="utf-8")
    dev.ensure_project(())
    assert len(commands) == 2  # and with the extras installed before
    assert commands[1][-4:] == ["-c", str(constraints), "-e", ".[build,test]"]


def test_the_constraints_pin_exact_versions_of_the_dev_tools_only() -> None:
    import tomllib

    lines = [
        line.split("#")[0].strip()
        for line in (ROOT / "constraints-dev.txt").read_text(encoding="utf-8").splitlines()
    ]
    pins = dict(line.split("==") for line in lines if line)
    assert all(version[0].isdigit() for version in pins.values())
    assert len(pins) == len([line for line in lines if line])  # every line is name==version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {
            requirement.split(">")[0].split("<")[0].split("=")[0].strip().lower()
            for requirement in requirements
        }

    runtime = names(project["dependencies"])
    tools = names(
        project["optional-dependencies"]["test"] + project["optional-dependencies"]["build"]
    )
    pinned = {name.lower() for name in pins}
    assert tools <= pinned
    assert not runtime & pinned  # the runtime dependencies keep their ranges


# --------------------------------------------------------------------------- runtime-only venv


def test_a_clean_start_has_no_problems(dev: ModuleType, tmp_path: Path) -> None:
    assert dev.output_problems(0, "JIANSHI-READY\n", want_ready=True) == []
    assert dev.output_problems(0, "自检通过。\n", want_ready=False) == []
    (tmp_path / "jianshi.log").write_text("INFO opened\n", encoding="utf-8")
    assert dev.log_problems(tmp_path) == []
    assert dev.log_problems(tmp_path / "no-logs-folder") == []


def test_each_sign_of_a_bad_start_is_a_problem(dev: ModuleType, tmp_path: Path) -> None:
    crash = "Traceback (most recent call last):\nModuleNotFoundError: No module named 'x'\n"
    assert len(dev.output_problems(1, crash, want_ready=True)) == 3
    assert dev.output_problems(0, "", want_ready=True) == [
        "没有打印 JIANSHI-READY / JIANSHI-READY never came"
    ]
    assert dev.output_problems(0, "ready soon: JIANSHI-READY?\n", want_ready=True) != []
    assert dev.output_problems(0, "JIANSHI-READY\n" + crash, want_ready=True) == [
        "输出中有 Traceback / a traceback in the output"
    ]
    (tmp_path / "jianshi.log").write_text("ERROR boom\n" + crash, encoding="utf-8")
    assert dev.log_problems(tmp_path) == [
        f"jianshi.log 中有 Traceback / a traceback in {tmp_path / 'jianshi.log'}"
    ]


def test_the_runtime_check_reports_a_module_missing_from_the_runtime_venv(
    dev: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What step 6 would have said about issue 10 (the app's runs are faked)."""
    monkeypatch.setattr(dev, "ensure_runtime_venv", lambda: tmp_path / "python")
    crash = (
        "Traceback (most recent call last):\n"
        '  File "jianshi_desktop/submission/crypto.py", line 19, in <module>\n'
        "ModuleNotFoundError: No module named 'cryptography'\n"
    )
    seen: list[tuple[list[str], dict[str, object]]] = []

    def fake_run(words: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        seen.append((words, kwargs))
        return subprocess.CompletedProcess(words, 1, stdout=crash)

    monkeypatch.setattr(dev.subprocess, "run", fake_run)
    problems = dev.runtime_only_check()
    assert [p.split(":")[0] for p in problems] == ["import"] * 2 + ["window"] * 3 + ["selftest"] * 2
    assert "cryptography" in capsys.readouterr().out
    for _, kwargs in seen:
        cwd = Path(str(kwargs["cwd"]))
        assert ROOT not in (cwd, *cwd.parents)  # started from outside the repository
        env = kwargs["env"]
        assert isinstance(env, dict) and env["QT_QPA_PLATFORM"] == "offscreen"
        assert "PYTHONPATH" not in env
    window = seen[1][0]
    assert window[1] == str(ROOT / "main.py")
    assert {"--demo", "--no-crash-dialog", "--quit-after"} <= set(window)
    assert seen[2][0][-1] == "selftest"


# --------------------------------------------------------------------------- skipped tests


def test_skips_and_expected_failures_are_read_from_pytests_report(
    dev: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "test_some.py").write_text(
        "import pytest\n"
        "def test_runs(): pass\n"
        "def test_needs_libreoffice():\n"
        "    pytest.skip('需要 LibreOffice（apt install libreoffice-writer-nogui）')\n"
        "@pytest.mark.skip(reason='pdffonts (poppler-utils) is not installed')\n"
        "def test_needs_pdffonts(): pass\n"
        "@pytest.mark.xfail(reason='Word 的行距还差 1 pt')\n"
        "def test_known(): assert False\n",
        encoding="utf-8",
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    junit = tmp_path / "junit.xml"
    run_python("-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}", cwd=tmp_path)
    outcomes = dev.read_outcomes(junit)
    assert outcomes is not None
    skips, xfails = outcomes
    assert sorted(reason for _test, reason in skips) == [
        "pdffonts (poppler-utils) is not installed",
        "需要 LibreOffice（apt install libreoffice-writer-nogui）",
    ]
    assert all("test_some" in test for test, _reason in skips)
    assert xfails == [("test_some::test_known", "Word 的行距还差 1 pt")]
    # no report (pytest stopped before running anything): nothing is claimed
    assert dev.read_outcomes(tmp_path / "never-written.xml") is None


def test_the_skip_summary_counts_groups_and_says_what_to_install(
    dev: ModuleType, debian: list[list[str]]
) -> None:
    libreoffice = "需要 LibreOffice（apt install libreoffice-writer-nogui）"
    skips = [
        ("a::test_1", libreoffice),
        ("a::test_2", libreoffice),
        ("b::test_3", "pdffonts (poppler-utils) is not installed"),
    ]
    lines = dev.skip_summary(skips)
    assert lines[0].startswith("跳过了 3 个测试")
    assert lines[1] == f"  2 个：{libreoffice}"
    assert lines[2] == "  1 个：pdffonts (poppler-utils) is not installed"
    assert lines[-1].strip() == "sudo apt-get install libreoffice-writer-nogui poppler-utils"
    assert dev.skip_summary([]) == ["没有跳过任何测试 / no test was skipped"]
    assert dev.skip_summary([("c::t", "needs a network")])[-1] == "  1 个：needs a network"


def test_the_summary_lists_the_expected_failures_with_their_reasons(dev: ModuleType) -> None:
    xfails = [
        ("tests.unit.test_b::test_word_lines", "Word 与 PDF 第 3 行断法不同"),
        ("tests.unit.test_a::test_roster", "没有说明原因 / no reason given"),
    ]
    lines = dev.skip_summary([], xfails)
    assert lines == [
        "没有跳过任何测试 / no test was skipped",
        "预期失败 2 个（已知的问题）/ 2 expected failures (xfail):",
        "  tests.unit.test_a::test_roster：没有说明原因 / no reason given",
        "  tests.unit.test_b::test_word_lines：Word 与 PDF 第 3 行断法不同",
    ]


@pytest.mark.parametrize(
    ("args", "own"),
    [
        (["--junitxml=out.xml"], True),
        (["--junit-xml=out.xml"], True),
        (["-q", "--junitxml", "out.xml"], True),
        (["--junit-xml", "out.xml"], True),
        (["--junit-prefix=ci"], False),
        (["-k", "junitxml"], False),
        ([], False),
    ],
)
def test_only_a_junit_report_option_is_the_users_own_report(
    dev: ModuleType, args: list[str], own: bool
) -> None:
    assert dev.users_own_report(args) is own


def fake_pytest_report(xml: str) -> Callable[..., int]:
    def fake_run(cmd: list[str], *, env: dict[str, str] | None = None) -> int:
        for word in map(str, cmd):
            if word.startswith("--junitxml="):
                Path(word.split("=", 1)[1]).write_text(
                    f"<testsuites><testsuite>{xml}</testsuite></testsuites>", encoding="utf-8"
                )
        return 0

    return fake_run


@pytest.fixture
def faked_steps(dev: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dev, "set_up", lambda extras: Path("python"))
    monkeypatch.setattr(dev, "runtime_only_check", lambda: [])
    monkeypatch.setattr(dev, "is_root", lambda: True)


def test_dev_py_test_ends_with_the_skipped_tests_and_expected_failures(
    dev: ModuleType,
    faked_steps: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole command, with its steps faked: pytest's report lists one skip and one
    expected failure."""
    monkeypatch.setattr(
        dev,
        "run",
        fake_pytest_report(
            '<testcase classname="tests.unit.test_x" name="t">'
            '<skipped type="pytest.skip" message="需要 LibreOffice（apt install '
            'libreoffice-writer-nogui）"/></testcase>'
            '<testcase classname="tests.unit.test_y" name="known">'
            '<skipped type="pytest.xfail" message="Word 的页脚还差一行"/></testcase>'
        ),
    )
    assert dev.cmd_test([]) == 0
    out = capsys.readouterr().out
    tail = out[out.index("跳过的测试") :]
    assert "跳过了 1 个测试" in tail
    assert "需要 LibreOffice（apt install libreoffice-writer-nogui）" in tail
    assert "apt-get install libreoffice-writer-nogui" in tail
    assert "预期失败 1 个" in tail
    assert "tests.unit.test_y::known：Word 的页脚还差一行" in tail


@pytest.mark.parametrize("option", [["--junitxml=mine.xml"], ["--junit-xml", "mine.xml"]])
def test_with_the_users_own_report_no_summary_is_printed(
    dev: ModuleType,
    faked_steps: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: list[str],
) -> None:
    seen: list[list[str]] = []

    def fake_run(cmd: list[str], *, env: dict[str, str] | None = None) -> int:
        seen.append([str(word) for word in cmd])
        return 0

    monkeypatch.setattr(dev, "run", fake_run)
    assert dev.cmd_test(option) == 0
    pytest_cmd = next(cmd for cmd in seen if "pytest" in cmd)
    assert pytest_cmd[-len(option) :] == option
    assert sum(word.startswith(("--junitxml", "--junit-xml")) for word in pytest_cmd) == 1
    out = capsys.readouterr().out
    assert "跳过的测试" not in out and "没有跳过任何测试" not in out


def test_with_a_junit_prefix_the_summary_is_still_printed(
    dev: ModuleType,
    faked_steps: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    skipped = '<testcase classname="a" name="t"><skipped message="needs a network"/></testcase>'
    monkeypatch.setattr(dev, "run", fake_pytest_report(skipped))
    assert dev.cmd_test(["--junit-prefix=ci"]) == 0
    assert "跳过了 1 个测试" in capsys.readouterr().out


def test_broken_layers_or_dead_code_fail_dev_py_test(
    dev: ModuleType,
    faked_steps: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """import-linter (the contracts in pyproject.toml) and vulture run as steps of their own;
    either one failing fails the command, even when pytest passes."""
    seen: list[list[str]] = []

    def fake_run(cmd: list[str], *, env: dict[str, str] | None = None) -> int:
        words = [str(word) for word in cmd]
        seen.append(words)
        return 1 if dev.LINT_IMPORTS in words or words[-1] == "vulture" else 0

    monkeypatch.setattr(dev, "run", fake_run)
    assert dev.cmd_test([]) == 1
    assert ["python", "-m", "vulture"] in seen
    assert ["python", "-c", dev.LINT_IMPORTS] in seen
    assert "未通过 / FAILED: import-linter, vulture" in capsys.readouterr().out


def test_the_tests_run_on_the_machines_cores_unless_the_arguments_choose(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 2)
    assert dev.workers([]) == ["-n", "2"]
    assert dev.workers(["-k", "dues"]) == ["-n", "2"]
    monkeypatch.setattr(dev.os, "cpu_count", lambda: 16)
    assert dev.workers([]) == ["-n", "4"]  # at most four: each worker holds its own Qt app
    monkeypatch.setattr(dev.os, "cpu_count", lambda: None)
    assert dev.workers([]) == ["-n", "1"]
    for chosen in (["-n", "0"], ["-n0"], ["--numprocesses=3"]):
        assert dev.workers(chosen) == []
