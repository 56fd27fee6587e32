"""Pure-Python rules and vocabulary: no Qt, no database, standard library only."""
