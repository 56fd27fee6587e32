"""The Qt layer: the only package (with the start-up module) that imports Qt.

``app.run_gui`` starts the window; ``first_start`` registers the branch; ``main_window``
and ``pages/`` show it; ``messages`` is the one way to show a message box; ``forms`` loads
the Designer forms in ``ui/``. Widgets call services, never SQL.
"""
