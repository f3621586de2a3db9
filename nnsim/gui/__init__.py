"""The desktop GUI (the only package that imports PySide6): canvas, inspectors, main window."""
