"""Presentation: terminal dossier and explanations."""
