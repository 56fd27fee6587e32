"""What every feature of the GUI shares: loading Designer forms, icons, the one message
helper, small widgets and roles, table models, background workers, the page base and the
date field."""
