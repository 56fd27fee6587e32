"""The pages of the main window, one module per area (home, settings, areas still to come)."""
