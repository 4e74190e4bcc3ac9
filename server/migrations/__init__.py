"""Alembic migrations of the reading list's schema; ``server.db.upgrade`` runs them."""
