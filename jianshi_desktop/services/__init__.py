"""User actions: one function per action, each one transaction with an audit-log row.

The GUI and the command line call only these; tests call them too.
"""
