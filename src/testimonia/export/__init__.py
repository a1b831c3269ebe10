"""Exporters: an Analysis → the evidence JSON and the standard formats."""
