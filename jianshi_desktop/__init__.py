"""建始支部工作台账 — the Jianshi branch desk.

A desktop application that keeps a school party branch's records offline in one SQLite
file and writes them out as official documents. See ``design/architecture.md`` in the
shared folder for the layers: ``domain`` (pure rules), ``db`` (peewee), ``services``
(one function per user action), ``documents``, ``submission`` and ``gui`` (Qt only).
"""

__version__ = "0.1.0"
APP_NAME = "建始支部工作台账"
APP_ID = "JianshiBranchDesk"
