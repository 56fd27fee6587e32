"""建始支部工作台账 — entry point: the crash hook first, then the app."""

import sys

from jianshi_desktop import crash

crash.install(dialogs="--no-crash-dialog" not in sys.argv)

if __name__ == "__main__":
    try:
        from jianshi_desktop.app import main
    except ImportError as exc:  # the program's own files are incomplete: say so, then stop
        if not crash.report_damaged_install(exc):
            raise
        sys.exit(1)
    sys.exit(main())
