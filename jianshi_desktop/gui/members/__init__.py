"""The members feature of the GUI: the member form, the status-change dialogs and the
date field they share. The roster page itself is ``gui/members/page.py``."""
