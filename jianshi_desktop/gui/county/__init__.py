"""县局汇总: the county desk window (issue 21)."""
