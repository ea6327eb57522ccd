"""Applying rules' fixes to files, checking them, and showing them as a diff."""
