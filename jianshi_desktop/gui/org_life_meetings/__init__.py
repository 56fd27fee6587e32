"""组织生活会: its page (the meetings and the open 整改 items) and its wizard."""
