"""The Qt layer: the only package (with the start-up module) that imports Qt.

Arranged by feature: each feature (``dashboard``, ``members``, ``organization``,
``meetings``, ``theme_days``, ``heart_talks``, ``documents``, ``submission``,
``settings``) keeps its page, dialogs and wizard together; ``records`` is the framework
every kind of record shares (wizard, list page, attendance and attachments editors);
``common`` holds what every feature uses (``messages`` is the one way to show a message
box, ``forms`` loads the Designer forms in ``ui/``). The shell — ``app``, ``main_window``,
``first_start``, ``lock`` — sits at the top. Widgets call services, never SQL.
"""
