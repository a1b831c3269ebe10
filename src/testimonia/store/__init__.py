"""The store: analysed documents and their layers in SQLite (default) or PostgreSQL.

``ingest(paths, db_path, settings)`` (in :mod:`.ingest`) is the entry point; the
backends implement :class:`.base.Store`.
"""
