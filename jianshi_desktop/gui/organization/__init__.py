"""The branch's organisation in the GUI: committee posts, party groups and the branch's
form over time (``page``)."""
