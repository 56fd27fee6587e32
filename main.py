"""建始支部工作台账 — entry point: the crash hook first, then the app."""

import sys

from jianshi_desktop import crash

crash.install(dialogs="--no-crash-dialog" not in sys.argv)

if __name__ == "__main__":
    from jianshi_desktop.app import main

    sys.exit(main())
