"""报送: the GUI of the submission package — export a period onto a USB stick, verify a
package (``page`` puts the two panels on one page; the work itself is in
``jianshi_desktop.submission``)."""
